namespace NeuroKernel.Synapses;

/// <summary>
/// The connections of one (synapse model, weight, delay) group as they are made, before Simulate: runs of
/// "these sources → one target" (the seed's <c>Connect(sources, [target])</c>) or "one source → these
/// targets", appended without sorting. About 4 bytes per connection plus a few bytes per Connect call.
/// </summary>
internal sealed class ConnectionGroupBuilder
{
    private readonly List<Run> _runs = [];

    public ConnectionGroupBuilder(ConnectionGroupKey key) => Key = key;

    public ConnectionGroupKey Key { get; }

    /// <summary>Sources (node index, 0-based) or targets (receiver index) of the runs, back to back.</summary>
    public ChunkedIntList Ids { get; } = new();

    public IReadOnlyList<Run> Runs => _runs;

    public long Connections { get; private set; }

    /// <summary>Adds connections from each of <paramref name="sourceIndices"/> to one receiver.</summary>
    public void AddToTarget(ReadOnlySpan<int> sourceIndices, int receiver)
    {
        if (sourceIndices.IsEmpty)
        {
            return;
        }

        _runs.Add(new Run(receiver, IsTargetRun: true, Ids.Count, sourceIndices.Length));
        Ids.AddRange(sourceIndices);
        Connections += sourceIndices.Length;
    }

    /// <summary>Adds connections from one source to each of <paramref name="receivers"/>.</summary>
    public void AddFromSource(int sourceIndex, ReadOnlySpan<int> receivers)
    {
        if (receivers.IsEmpty)
        {
            return;
        }

        _runs.Add(new Run(sourceIndex, IsTargetRun: false, Ids.Count, receivers.Length));
        Ids.AddRange(receivers);
        Connections += receivers.Length;
    }

    /// <summary>A run: <paramref name="Anchor"/> is the one target (receiver index) or the one source (node index).</summary>
    internal readonly record struct Run(int Anchor, bool IsTargetRun, long Start, int Count);
}

/// <summary>What makes connections share storage: model, weight, delay (steps) and input channel are stored once per group.</summary>
internal readonly record struct ConnectionGroupKey(int SynapseModel, double Weight, int DelaySteps, InputChannel Channel = InputChannel.Spike);

/// <summary>Which ring buffer a connection writes into and what it adds there.</summary>
internal enum InputChannel
{
    /// <summary>Spikes: weight × multiplicity into the excitatory (weight &gt; 0) or inhibitory channel (NEST's iaf_psc_*).</summary>
    Spike,

    /// <summary>Spike counts: the multiplicity alone, weight ignored (parrot_neuron).</summary>
    Count,

    /// <summary>Currents from current generators: amplitude × weight into the current channel.</summary>
    Current,
}
