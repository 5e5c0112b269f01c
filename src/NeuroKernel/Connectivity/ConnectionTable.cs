namespace NeuroKernel;

/// <summary>
/// The result of <see cref="Simulator.GetConnections"/>: one row per connection, in columns (NEST's
/// <c>SynapseCollection</c> as <c>get(["source", "target", "synapse_model", "weight", "delay"])</c>).
/// </summary>
public sealed class ConnectionTable
{
    private readonly string[] _modelNames;

    internal ConnectionTable(int[] source, int[] target, int[] model, double[] weight, double[] delay, string[] modelNames)
    {
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
}
