using NeuroKernel.Kernel;
using NeuroKernel.Models;

namespace NeuroKernel.Synapses;

/// <summary>The synapse models by name, each with its defaults and its connection counter.</summary>
internal sealed class SynapseRegistry
{
    /// <summary>Keys a synapse model reports that SetDefaults and CopyModel refuse as read-only.</summary>
    internal static readonly string[] ReadOnlyKeys =
        [ParameterNames.NumConnections, ParameterNames.SynapseModel, ParameterNames.ElementType, "synapse_modelid", "has_delay", "sizeof"];

    /// <summary>NEST's defaults of a new synapse model's weight and delay (ms).</summary>
    public const double DefaultWeight = 1.0, DefaultDelay = 1.0;

    private readonly List<SynapseModel> _models = [];
    private readonly Dictionary<string, SynapseModel> _byName = new(StringComparer.Ordinal);

    public SynapseRegistry()
    {
        // The types are made at a model's first use: loading the plastic types' generic code took a few milliseconds of
        // every new Simulator, also in scripts that use only static synapses.
        Func<SynapseType> stat = () => new SynapseType<StaticSynapse, NoCommonProperties>();
        Func<SynapseType> stdp = () => new SynapseType<StdpSynapse, NoCommonProperties>();
        Func<SynapseType> stdpHom = () => new SynapseType<StdpSynapseHom, StdpRule>();
        Func<SynapseType> stdpPl = () => new SynapseType<StdpPowerLawSynapseHom, StdpPowerLawSynapseHom.Rule>();
        Add(ModelNames.StaticSynapse, DefaultWeight, DefaultDelay, stat);
        Add(ModelNames.TsodyksSynapse, DefaultWeight, DefaultDelay, () => new SynapseType<TsodyksSynapse, NoCommonProperties>());
        Add(ModelNames.Tsodyks2Synapse, DefaultWeight, DefaultDelay, () => new SynapseType<Tsodyks2Synapse, NoCommonProperties>());
        Add(ModelNames.StdpSynapse, DefaultWeight, DefaultDelay, stdp);
        Add(ModelNames.StdpSynapseHom, DefaultWeight, DefaultDelay, stdpHom);
        Add(ModelNames.StdpPowerLawSynapseHom, DefaultWeight, DefaultDelay, stdpPl);
        Add(ModelNames.VogelsSprekelerSynapse, VogelsSprekelerSynapse.DefaultWeight, DefaultDelay, () => new SynapseType<VogelsSprekelerSynapse, NoCommonProperties>());
        Add(ModelNames.QuantalStpSynapse, DefaultWeight, DefaultDelay, () => new SynapseType<QuantalStpSynapse, NoCommonProperties>());
        Add(ModelNames.StdpDopamineSynapse, DefaultWeight, DefaultDelay, () => new SynapseType<StdpDopamineSynapse, StdpDopamineSynapse.Rule>(), usesVolumeTransmitter: true);

        // NEST's _hpc variants (a smaller target index in NEST; here the same models, with defaults of their own, under the
        // names hpc_benchmark.py uses).
        foreach (var (name, create) in new[] { (ModelNames.StaticSynapse, stat), (ModelNames.StdpSynapse, stdp), (ModelNames.StdpSynapseHom, stdpHom), (ModelNames.StdpPowerLawSynapseHom, stdpPl) })
        {
            Add(name + ModelNames.HpcSuffix, DefaultWeight, DefaultDelay, create);
        }
    }

    /// <summary>Adds a synapse model of a type (built-in or the user's) with NEST's default weight and delay.</summary>
    public SynapseModel Register(string name, SynapseType type) => Add(name, DefaultWeight, DefaultDelay, () => type);

    public IReadOnlyList<SynapseModel> Models => _models;

    public bool Contains(string name) => _byName.ContainsKey(name);

    public bool TryGet(string name, out SynapseModel model) => _byName.TryGetValue(name, out model!);

    public SynapseModel Get(string name) =>
        _byName.TryGetValue(name, out var m) ? m : throw new UnknownSynapseTypeException(name);

    public long TotalConnections
    {
        get
        {
            long n = 0;
            foreach (var m in _models)
            {
                n += m.NumConnections;
            }

            return n;
        }
    }

    public SynapseModel Copy(string existing, string newName, StatusDictionary? values, TimeGrid grid)
    {
        var source = Get(existing);
        var type = source.Type.Clone();
        var (w, d, recorder, transmitter, commit) = Validate(source, type, values, grid);
        commit();
        var copy = Add(newName, w, d, () => type, source.UsesVolumeTransmitter);
        copy.WeightRecorder = recorder;
        copy.VolumeTransmitter = transmitter;
        return copy;
    }

    public void SetDefaults(string name, StatusDictionary values, TimeGrid grid)
    {
        var m = Get(name);
        var (w, d, recorder, transmitter, commit) = Validate(m, m.Type, values, grid);
        commit();
        m.Weight = w;
        m.Delay = d;
        m.WeightRecorder = recorder;
        m.VolumeTransmitter = transmitter;
    }

    /// <summary>The defaults; the delay is reported on the grid, as NEST stores it in steps.</summary>
    public static StatusDictionary GetDefaults(SynapseModel m, TimeGrid grid)
    {
        var d = new StatusDictionary
        {
            [ParameterNames.Weight] = m.Weight,
            [ParameterNames.Delay] = DelayOnGrid(m, grid),
            [ParameterNames.WeightRecorder] = m.WeightRecorder == 0 ? NodeCollection.Empty : NodeCollection.FromIds([m.WeightRecorder]),
            [ParameterNames.NumConnections] = m.NumConnections,
            [ParameterNames.SynapseModel] = m.Name,
            ["synapse_modelid"] = (long)m.Index,
            [ParameterNames.ElementType] = "synapse",
            ["has_delay"] = true,
        };
        if (m.UsesVolumeTransmitter)
        {
            d[ParameterNames.VolumeTransmitter] = m.VolumeTransmitter == 0 ? NodeCollection.Empty : NodeCollection.FromIds([m.VolumeTransmitter]);
        }

        m.Type.WriteDefaults(d);
        return d;
    }

    /// <summary>
    /// The model's default delay (ms) as Connect uses it and GetDefaults reports it: on the grid of the current resolution,
    /// at least one step (after a resolution change beyond the delay, NEST's default delay becomes one step).
    /// </summary>
    public static double DelayOnGrid(SynapseModel m, TimeGrid grid) => grid.ToMs(Math.Max(1, grid.RoundHalfUp(m.Delay)));

    /// <summary>The same default delay in steps, checked as every delay is (no round trip through ms).</summary>
    public static int DefaultDelaySteps(SynapseModel m, TimeGrid grid) => CheckDelay(grid, Math.Max(m.Delay, grid.Resolution));

    private SynapseModel Add(string name, double weight, double delay, Func<SynapseType> create, bool usesVolumeTransmitter = false)
    {
        var m = new SynapseModel(name, _models.Count, weight, delay, create) { UsesVolumeTransmitter = usesVolumeTransmitter };
        _models.Add(m);
        _byName.Add(name, m);
        return m;
    }

    /// <summary>Reads weight, delay and the type's keys into new values; returns them and what commits the type's.</summary>
    private (double Weight, double Delay, int WeightRecorder, int VolumeTransmitter, Action CommitType) Validate(SynapseModel m, SynapseType type, StatusDictionary? values, TimeGrid grid)
    {
        double weight = m.Weight, delay = m.Delay;
        int recorder = m.WeightRecorder, transmitter = m.VolumeTransmitter;
        if (values is null)
        {
            return (weight, delay, recorder, transmitter, () => { });
        }

        var r = new ParameterReader(values, m.Name);
        r.TryFinite(ParameterNames.Weight, ref weight);
        // Every bad delay, non-finite ones included, is a BadDelay (as in Connect's syn_spec).
        if (r.TryNumber(ParameterNames.Delay, ref delay))
        {
            CheckDelay(grid, delay);
        }

        if (values.TryGetValue(ParameterNames.WeightRecorder, out object? raw))
        {
            r.MarkUsed(ParameterNames.WeightRecorder);
            recorder = ReadNode(m.Name, ParameterNames.WeightRecorder, raw, IsWeightRecorder);
        }

        if (m.UsesVolumeTransmitter && values.TryGetValue(ParameterNames.VolumeTransmitter, out raw))
        {
            r.MarkUsed(ParameterNames.VolumeTransmitter);
            transmitter = ReadNode(m.Name, ParameterNames.VolumeTransmitter, raw, IsVolumeTransmitter);
        }

        var commit = type.ReadDefaults(r, weight);
        r.ThrowIfUnused(ReadOnlyKeys);
        return (weight, delay, recorder, transmitter, commit);
    }

    /// <summary>Whether a node id is a weight_recorder (set by the connection manager, which knows the nodes).</summary>
    public Func<int, bool> IsWeightRecorder { get; init; } = _ => false;

    /// <summary>Whether a node id is a volume_transmitter.</summary>
    public Func<int, bool> IsVolumeTransmitter { get; init; } = _ => false;

    /// <summary>
    /// A <c>weight_recorder</c> or <c>volume_transmitter</c> value: one node of that model (a NodeCollection of one or its id),
    /// or an empty collection / 0 for none.
    /// </summary>
    private static int ReadNode(string owner, string key, object? raw, Func<int, bool> isRightModel)
    {
        int id = raw switch
        {
            NodeCollection { Count: 0 } => 0,
            NodeCollection { Count: 1 } one => one[0],
            int i => i,
            long l when l is >= 0 and <= int.MaxValue => (int)l,
            _ => -1,
        };
        if (id < 0 || (id > 0 && !isRightModel(id)))
        {
            throw new BadPropertyException(key, $"{owner}: {key} must be one {key} node or empty ({key} = {StatusDictionary.Describe(raw)}).");
        }

        return id;
    }

    /// <summary>Delay → steps, rounded half up as NEST does; at least one step.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static int CheckDelay(TimeGrid grid, double delay)
    {
        if (!double.IsFinite(delay))
        {
            throw new BadDelayException(delay, $"Delay must be finite (delay = {TimeGrid.Format(delay)}).");
        }

        long steps = grid.RoundHalfUp(delay);
        if (steps < 1)
        {
            throw new BadDelayException(delay,
                $"Delay must be greater than or equal to resolution (delay = {TimeGrid.Format(delay)} ms, resolution = {TimeGrid.Format(grid.Resolution)} ms).");
        }

        if (steps > int.MaxValue / 4)
        {
            throw new BadDelayException(delay, $"Delay is too large (delay = {TimeGrid.Format(delay)} ms).");
        }

        return (int)steps;
    }
}
