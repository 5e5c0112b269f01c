namespace NeuroKernel.Synapses;

/// <summary>
/// The finalized connections of one (synapse model, weight, delay) group in compressed sparse rows sorted
/// by source (NEST's <c>Connector</c>, Auryn's <c>SparseConnection</c>): the targets (receiver indices) of
/// source node index <c>s</c> are <c>Targets[RowStart[s] .. RowStart[s+1]]</c>, in the order they were made.
/// Weight and delay are stored once for the whole group.
/// </summary>
internal sealed class ConnectionGroup
{
    public ConnectionGroup(ConnectionGroupKey key, int[] rowStart, int[] targets)
    {
        Key = key;
        RowStart = rowStart;
        Targets = targets;
    }

    public ConnectionGroupKey Key { get; }

    public int[] RowStart { get; }

    public int[] Targets { get; }

    public double Weight => Key.Weight;

    public int DelaySteps => Key.DelaySteps;

    /// <summary>NEST's iaf_psc_* put a spike of positive weight on the excitatory channel, others on the inhibitory one.</summary>
    public bool Excitatory => Key.Weight > 0.0;

    public int Count => Targets.Length;

    public int RowLength(int source) => RowStart[source + 1] - RowStart[source];
}
