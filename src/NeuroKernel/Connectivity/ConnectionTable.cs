namespace NeuroKernel;

/// <summary>
/// The result of <see cref="Simulator.GetConnections"/>: one row per connection, in columns (NEST's
/// <c>SynapseCollection</c> as <c>get(["source", "target", "synapse_model", "weight", "delay"])</c>), taken when it was
/// made; <see cref="Get"/> and <see cref="GetStatus"/> read the connections as they are now, plastic state included.
/// </summary>
public sealed class ConnectionTable
{
    private readonly string[] _modelNames;
    private readonly Places? _places;

    internal ConnectionTable(int[] source, int[] target, int[] model, double[] weight, double[] delay, string[] modelNames, Places? places = null)
    {
        _places = places;
        Source = source;
        Target = target;
        SynapseModelIndex = model;
        Weight = weight;
        Delay = delay;
        _modelNames = modelNames;
    }

    /// <summary>Number of connections.</summary>
    public int Count => Source.Count;

    /// <summary>Source node id of each connection.</summary>
    public IReadOnlyList<int> Source { get; }

    /// <summary>Target node id of each connection.</summary>
    public IReadOnlyList<int> Target { get; }

    /// <summary>Index of each connection's synapse model; <see cref="SynapseModelName"/> gives its name.</summary>
    public IReadOnlyList<int> SynapseModelIndex { get; }

    /// <summary>Weight of each connection (pA, or mV for voltage-jump neurons).</summary>
    public IReadOnlyList<double> Weight { get; }

    /// <summary>Delay of each connection (ms, on the grid).</summary>
    public IReadOnlyList<double> Delay { get; }

    /// <summary>The synapse model name of connection <paramref name="index"/>.</summary>
    /// <param name="index">Row, 0 … Count − 1.</param>
    /// <returns>The model name.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is out of range.</exception>
    public string SynapseModel(int index) => _modelNames[SynapseModelIndex[index]];

    /// <summary>The name of synapse model <paramref name="modelIndex"/>.</summary>
    /// <param name="modelIndex">A value of <see cref="SynapseModelIndex"/>.</param>
    /// <returns>The model name.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="modelIndex"/> is not a model index.</exception>
    public string SynapseModelName(int modelIndex) => _modelNames[modelIndex];

    /// <summary>
    /// One property of every connection as it is now (NEST's <c>SynapseCollection.get(key)</c>): <c>weight</c> (a plastic
    /// connection's current weight), <c>delay</c> (ms), <c>source</c>, <c>target</c>, or a key of the synapse model's own,
    /// e.g. <c>Kplus</c> of <c>stdp_synapse</c> or <c>u</c>, <c>x</c> of <c>tsodyks2_synapse</c>.
    /// </summary>
    /// <param name="key">The property.</param>
    /// <returns>One value per connection, in the table's order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="BadPropertyException">A connection's model has no such key (recorder and multimeter connections have only the five columns).</exception>
    /// <exception cref="KernelStateErrorException">The connections were rebuilt since this table was made (a Simulate after new connections or nodes); call GetConnections again.</exception>
    public double[] Get(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var values = new double[Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = GetStatus(i).Get<double>(key);
        }

        return values;
    }

    /// <summary>
    /// Every property of connection <paramref name="index"/> as it is now (NEST's <c>SynapseCollection.get()</c> of one
    /// connection): source, target, synapse_model, weight, delay (ms) and the synapse model's own keys.
    /// </summary>
    /// <param name="index">The row (0-based).</param>
    /// <returns>A new dictionary.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not a row.</exception>
    /// <exception cref="KernelStateErrorException">The connections were rebuilt since this table was made; call GetConnections again.</exception>
    public StatusDictionary GetStatus(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var d = new StatusDictionary
        {
            ["source"] = (long)Source[index],
            ["target"] = (long)Target[index],
            [ParameterNames.SynapseModel] = SynapseModel(index),
            [ParameterNames.Weight] = Weight[index],
            [ParameterNames.Delay] = Delay[index],
        };
        if (_places is null)
        {
            return d;
        }

        if (!_places.Valid())
        {
            throw new KernelStateErrorException("The connections were rebuilt since GetConnections made this table (new connections or nodes, then Simulate); call GetConnections again.");
        }

        var (group, position) = _places.At[index];
        if (group is not null)
        {
            d[ParameterNames.Weight] = group.WeightAt(position);
            d[ParameterNames.Delay] = _places.ToMs(group.DelayAt(position));
            d["receptor"] = (long)group.Key.Receptor;
            group.WriteConnection(position, d);
        }

        return d;
    }

    /// <summary>
    /// Checks <paramref name="values"/> for every connection of the table (NEST's <c>SetStatus</c> on connections); returns
    /// what applies them all. Nothing changes before: one bad value for one connection refuses the whole call.
    /// </summary>
    internal Action ValidateSet(StatusDictionary values)
    {
        if (_places is null || !_places.Valid())
        {
            throw new KernelStateErrorException("The connections were rebuilt since GetConnections made this table (new connections or nodes, then Simulate); call GetConnections again.");
        }

        // A delay is the same for every connection: checked once (BadDelay), set after every other value was checked.
        int delaySteps = -1;
        double delayMs = double.NaN;
        if (new Models.ParameterReader(values, "connections").TryNumber(ParameterNames.Delay, ref delayMs))
        {
            delaySteps = _places.DelaySteps(delayMs);
        }

        var commits = new Action[Count];
        for (int i = 0; i < commits.Length; i++)
        {
            var (group, position) = _places.At[i];
            if (group is null)
            {
                throw new IllegalConnectionException(
                    $"The connection {Source[i]} → {Target[i]} goes to a recorder or comes from a multimeter: it has no properties to set.");
            }

            var reader = new Models.ParameterReader(values, $"connection {Source[i]} → {Target[i]} ({SynapseModel(i)})");
            reader.MarkUsed(ParameterNames.Delay);
            commits[i] = group.ValidateConnection(position, reader);
            reader.ThrowIfUnused(SettableNot);
        }

        return () =>
        {
            foreach (var commit in commits)
            {
                commit();
            }

            if (delaySteps > 0)
            {
                foreach (var (group, position) in _places.At)
                {
                    group!.SetDelay(position, delaySteps);
                }

                _places.DelaysChanged();
            }
        };
    }

    /// <summary>Keys a connection reports but that cannot be set.</summary>
    private static readonly string[] SettableNot = ["source", "target", ParameterNames.SynapseModel, "receptor"];

    /// <summary>
    /// Where each row's connection lives in the store, and whether the store is still the one they were found in; how a
    /// delay is checked (ms → steps, BadDelay) and what follows a change of delays; steps → ms.
    /// </summary>
    internal sealed record Places((Synapses.ConnectionGroup? Group, int Position)[] At, Func<bool> Valid)
    {
        public Func<double, int> DelaySteps { get; init; } = _ => throw new InvalidOperationException("Delays cannot be set here.");

        public Action DelaysChanged { get; init; } = () => { };

        public Func<long, double> ToMs { get; init; } = steps => steps * 0.1;
    }
}
