using System.Runtime.CompilerServices;

namespace NeuroKernel.Synapses;

/// <summary>
/// The connections of one group whose synapse type is <typeparamref name="TSynapse"/>: the group specialised per type
/// (NEST's <c>Connector&lt;ConnectionT&gt;</c>). A static type stores nothing beyond the base's targets (and per-connection
/// weights or delays where they were given so), and its per-connection delivery compiles to the plain loop; a plastic
/// type adds its state, its weight and the time of its last presynaptic spike per connection, next to the targets.
/// </summary>
internal sealed class ConnectionGroup<TSynapse, TCommon> : ConnectionGroup
    where TSynapse : struct, ISynapse<TSynapse, TCommon>
    where TCommon : struct
{
    private readonly SynapseType<TSynapse, TCommon> _type;

    // Plastic types only: per connection, parallel to the targets (shared with the views WithIndex makes).
    private TSynapse[] _states = [];
    private long[] _lastPreStamp = [];

    public ConnectionGroup(SynapseType<TSynapse, TCommon> type, ConnectionGroupKey key, ReceiverPartitioning partitions, int[] index,
        ArraySegment<ushort> targets, double[]? weights, int[]? delays)
        : base(key, partitions, index, targets, weights, delays) => _type = type;

    private ConnectionGroup(ConnectionGroup<TSynapse, TCommon> like, ReceiverPartitioning partitions, int[] index) : base(like, partitions, index)
    {
        _type = like._type;
        _states = like._states;
        _lastPreStamp = like._lastPreStamp;
    }

    public override bool ReadsPostSpikes => TSynapse.ReadsPostSpikes;

    public override ConnectionGroup WithIndex(ReceiverPartitioning partitions, int[] index) => new ConnectionGroup<TSynapse, TCommon>(this, partitions, index);

    public override Action ValidateConnection(int j, Models.ParameterReader reader)
    {
        var weights = Weights;
        double weight = WeightAt(j);
        if (reader.TryFinite(ParameterNames.Weight, ref weight) && weights is null)
        {
            throw new BadPropertyException(ParameterNames.Weight,
                $"The weight of this connection is its group's one weight (connected with one weight for all, static synapse model): it cannot be set per connection (weight = {StatusDictionary.Describe(weight)}). Connect with weights per connection (an array or a distribution) or a plastic model to change them later.");
        }

        if (TSynapse.IsStatic)
        {
            return () =>
            {
                if (weights is not null)
                {
                    weights[j] = weight;
                }
            };
        }

        var next = TSynapse.Read(_states[j], reader);
        TSynapse.CheckWeight(next, _type.Common, weight);
        return () =>
        {
            _states[j] = next;
            weights![j] = weight;
        };
    }

    public override void WriteConnection(int j, StatusDictionary status)
    {
        if (!TSynapse.IsStatic)
        {
            TSynapse.Write(_states[j], status);
        }
    }

    public override void CarryState(ConnectionGroup? old, ReadOnlySpan<int> origin, ulong seed)
    {
        if (TSynapse.IsStatic)
        {
            return;
        }

        var previous = old as ConnectionGroup<TSynapse, TCommon>;
        var initial = _type.InitialValues(Key.Variant);
        _states = new TSynapse[origin.Length];
        _lastPreStamp = new long[origin.Length];
        for (int k = 0; k < origin.Length; k++)
        {
            int j = origin[k];
            if (j >= 0 && previous is not null)
            {
                _states[k] = previous._states[j];
                _lastPreStamp[k] = previous._lastPreStamp[j];
            }
            else
            {
                _states[k] = initial;
            }
        }

        if (TSynapse.DrawsRandomNumbers)
        {
            SeedNew(origin, seed);
        }
    }

    /// <summary>
    /// Seeds the stream of every new connection from (rng_seed, the group's key, source, receiver, ordinal among the
    /// group's connections between the same two nodes): the receiver index and the order of repeated pairs do not depend on
    /// the partitioning, so neither do the streams.
    /// </summary>
    private void SeedNew(ReadOnlySpan<int> origin, ulong seed)
    {
        // Everything that tells this group from another (not a HashCode: that differs from process to process).
        ulong groupSeed = Random.SplitMix64.Derive(
            Random.SplitMix64.Derive(seed, SynapseStreamKey, (ulong)Key.SynapseModel, BitConverter.DoubleToUInt64Bits(Key.Weight)),
            (ulong)(uint)Key.DelaySteps | ((ulong)(uint)Key.Receptor << 32),
            (ulong)Key.Variant,
            (ulong)Key.Channel | (Key.PerConnectionWeight ? 1UL << 8 : 0) | (Key.PerConnectionDelay ? 1UL << 9 : 0));
        var targets = Targets;
        var seen = new Dictionary<int, int>();
        int rows = Index.Length - 1;
        for (int row = 0; row < rows; row++)
        {
            int begin = Index[row], end = Index[row + 1];
            if (begin == end)
            {
                continue;
            }

            int source = row / Partitions.Count, partBase = Partitions.Base(row % Partitions.Count);
            seen.Clear();
            for (int j = begin; j < end; j++)
            {
                int receiver = partBase + targets[j];
                seen[receiver] = seen.TryGetValue(receiver, out int n) ? n + 1 : 0;
                if (origin[j] < 0)
                {
                    TSynapse.Seed(ref _states[j], Random.SplitMix64.Derive(groupSeed, (ulong)source, (ulong)receiver, (ulong)seen[receiver]));
                }
            }
        }
    }

    /// <summary>Key of the per-connection streams of synapse types that draw random numbers.</summary>
    private const ulong SynapseStreamKey = 0x5EED5E1EC7;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override int DeliverRowPerConnection(SynapseContext context, long stamp, int source, int multiplicity, double factor, int p)
    {
        int row = source * Partitions.Count + p;
        int begin = Index[row], end = Index[row + 1];
        int partBase = Partitions.Base(p);
        var rings = context.Rings;
        var targets = Targets;
        var recording = !TSynapse.IsStatic && context.Weights is { } w && w.Records(Key.SynapseModel) ? w : null;
        var neuromodulator = !TSynapse.IsStatic && context.Neuromodulators?[Key.SynapseModel] is { } signal ? signal.ViewAt(context.SliceEnd) : default;
        int sent = end - begin;
        for (int j = begin; j < end; j++)
        {
            double weight = WeightAt(j);
            int delay = DelayAt(j);
            if (!TSynapse.IsStatic)
            {
                weight = Transmit(context, j, partBase + targets[j], stamp, delay, multiplicity, neuromodulator);
                if (!TSynapse.IsSent(in _states[j]))
                {
                    sent--;
                    continue;
                }

                recording?.Add(p, Key.SynapseModel, source, partBase + targets[j], stamp, weight, Key.Receptor);
            }

            AddEvent(rings, stamp + delay - 1, partBase + targets[j], weight, multiplicity, factor);
        }

        return sent;
    }

    /// <summary>
    /// Runs the synapse code of connection <paramref name="j"/> for a presynaptic spike stamped <paramref name="stamp"/>:
    /// the postsynaptic spikes since its last presynaptic spike that have reached it (stamps in (last − delay, stamp −
    /// delay], NEST's window), then the presynaptic spike. Stores the new weight and returns what the spike carries.
    /// </summary>
    private double Transmit(SynapseContext context, int j, int receiver, long stamp, int delay, int multiplicity, in NeuromodulatorView neuromodulator)
    {
        var grid = context.Grid;
        ref var state = ref _states[j];
        double weight = Weights![j];
        long last = _lastPreStamp[j];
        double lastMs = grid.ToMs(last), delayMs = grid.ToMs(delay);
        double timeMs = grid.ToMs(stamp), postTrace = 0.0;
        if (TSynapse.ReadsPostSpikes && context.Archive is { } archive)
        {
            PostSpikesUntil(archive, grid, ref state, ref weight, receiver, last, stamp, delay, neuromodulator);
            postTrace = archive.Trace(receiver, stamp - delay, timeMs - delayMs);
        }

        TSynapse.OnPreSpike(ref state, ref weight, _type.Common, new PreSpike(timeMs, lastMs, delayMs, multiplicity, postTrace, neuromodulator));
        Weights[j] = weight;
        _lastPreStamp[j] = stamp;
        return TSynapse.Transmitted(in state, weight);
    }

    /// <summary>The postsynaptic spikes that reached the connection since its last update <paramref name="last"/>, up to <paramref name="until"/> (stamps in (last − delay, until − delay]).</summary>
    private void PostSpikesUntil(Models.SpikeArchive archive, Kernel.TimeGrid grid, ref TSynapse state, ref double weight, int receiver, long last, long until, int delay,
        in NeuromodulatorView neuromodulator)
    {
        var window = archive.Read(receiver, last - delay, until - delay);
        double lastMs = grid.ToMs(last), delayMs = grid.ToMs(delay);
        for (int k = 0; k < window.Length; k++)
        {
            TSynapse.OnPostSpike(ref state, ref weight, _type.Common, new PostSpike(grid.ToMs(window[k]), lastMs, delayMs, neuromodulator));
        }
    }

    /// <summary>
    /// The volume transmitter's trigger at the end of the slice (NEST's trigger_update_weight): every connection of the
    /// group in partition <paramref name="p"/> processes the postsynaptic spikes that reached it, then
    /// <see cref="ISynapse{TSelf, TCommon}.OnTrigger"/>; its last update becomes the trigger time.
    /// </summary>
    public override void Trigger(SynapseContext context, int p)
    {
        if (TSynapse.IsStatic || context.Neuromodulators?[Key.SynapseModel] is not { } signal || !signal.TriggersAt(context.SliceEnd))
        {
            return;
        }

        long trigger = context.SliceEnd;
        var view = signal.TriggerView(trigger);
        var grid = context.Grid;
        double triggerMs = grid.ToMs(trigger);
        var targets = Targets;
        int partBase = Partitions.Base(p), rows = Index.Length - 1;
        for (int row = p; row < rows; row += Partitions.Count)
        {
            for (int j = Index[row]; j < Index[row + 1]; j++)
            {
                ref var state = ref _states[j];
                double weight = Weights![j];
                int delay = DelayAt(j);
                long last = _lastPreStamp[j];
                if (TSynapse.ReadsPostSpikes && context.Archive is { } archive)
                {
                    PostSpikesUntil(archive, grid, ref state, ref weight, partBase + targets[j], last, trigger, delay, view);
                }

                TSynapse.OnTrigger(ref state, ref weight, _type.Common, new PreSpike(triggerMs, grid.ToMs(last), grid.ToMs(delay), 0, 0.0, view));
                Weights[j] = weight;
                _lastPreStamp[j] = trigger;
            }
        }
    }
}
