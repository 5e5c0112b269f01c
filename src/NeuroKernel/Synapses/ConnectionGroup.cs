namespace NeuroKernel.Synapses;

/// <summary>
/// The finalized connections of one (synapse model, weight, delay) group, sorted by source and, within a
/// source, by receiver partition (NEST's <c>Connector</c>, Auryn's <c>SparseConnection</c>). The targets of
/// source node index <c>s</c> in partition <c>p</c> are
/// <c>Targets[Index[s·P + p] .. Index[s·P + p + 1]]</c>, as 16-bit indices local to the partition. The
/// partitions of one source are adjacent, so a thread that owns partitions [p0, p1) walks one contiguous run.
/// Weight and delay are stored once for the whole group: 2 bytes per connection plus 4·P bytes per source.
/// </summary>
internal sealed class ConnectionGroup
{
    public ConnectionGroup(ConnectionGroupKey key, ReceiverPartitioning partitions, int[] index, ushort[] targets)
    {
        Key = key;
        Partitions = partitions;
        Index = index;
        Targets = targets;
    }

    public ConnectionGroupKey Key { get; }

    public ReceiverPartitioning Partitions { get; }

    public int[] Index { get; }

    public ushort[] Targets { get; }

    public double Weight => Key.Weight;

    public int DelaySteps => Key.DelaySteps;

    public InputChannel Channel => Key.Channel;

    /// <summary>What one event of multiplicity 1 adds: the weight, or 1 for spike counts (parrot_neuron).</summary>
    public double DeliveredWeight => Key.Channel == InputChannel.Count ? 1.0 : Key.Weight;

    /// <summary>
    /// The ring buffer the group writes into. NEST's iaf_psc_* put a spike of positive weight on the excitatory
    /// channel and others on the inhibitory one; counts go to the excitatory channel; currents to their own.
    /// </summary>
    public double[] Buffer(Delivery.RingBuffers rings) => Key.Channel switch
    {
        InputChannel.Current => rings.Current,
        InputChannel.Count => rings.Excitatory,
        _ => Key.Weight > 0.0 ? rings.Excitatory : rings.Inhibitory,
    };

    public int Count => Targets.Length;

    /// <summary>Number of targets of a source over all partitions.</summary>
    public int RowLength(int source)
    {
        int p = Partitions.Count;
        return Index[(source + 1) * p] - Index[source * p];
    }

    /// <summary>Calls <paramref name="visit"/> with the global receiver index of every target of <paramref name="source"/>.</summary>
    public void ForEachTarget(int source, Action<int> visit)
    {
        int p = Partitions.Count;
        for (int part = 0; part < p; part++)
        {
            int start = Partitions.Start(part);
            for (int j = Index[source * p + part]; j < Index[source * p + part + 1]; j++)
            {
                visit(start + Targets[j]);
            }
        }
    }

    /// <summary>Approximate bytes held (targets and index).</summary>
    public long Bytes => 2L * Targets.Length + 4L * Index.Length;
}
