namespace NeuroKernel.Synapses;

/// <summary>
/// The connections of one group (its <see cref="ConnectionGroupKey"/>: synapse model, weight, delay, input channel,
/// per-connection flags and initial-value variant) as they are made, before Simulate: runs of "these sources → one
/// target" (the seed's <c>Connect(sources, [target])</c>) or "one source → these targets", appended without sorting.
/// 2 bytes per connection while ids fit in 16 bits (4 bytes beyond), plus about 24 bytes per run.
/// </summary>
internal sealed class ConnectionGroupBuilder
{
    private readonly List<Run> _runs = [];

    public ConnectionGroupBuilder(ConnectionGroupKey key) => Key = key;

    public ConnectionGroupKey Key { get; }

    /// <summary>Sources (node index, 0-based) or targets (receiver index) of the runs, back to back.</summary>
    public IdList Ids { get; } = new();

    /// <summary>Per-connection weights, parallel to <see cref="Ids"/> (groups with per-connection weights only).</summary>
    public ChunkedList<double> Weights { get; } = new();

    /// <summary>Per-connection delays in steps, parallel to <see cref="Ids"/> (groups with per-connection delays only).</summary>
    public ChunkedList<int> Delays { get; } = new();

    public IReadOnlyList<Run> Runs => _runs;

    public long Connections { get; private set; }

    /// <summary>Smallest delay (steps) of the connections added so far: the key's, or the least per-connection delay.</summary>
    public int MinDelay { get; private set; } = int.MaxValue;

    /// <summary>Largest delay (steps) of the connections added so far.</summary>
    public int MaxDelay { get; private set; }

    /// <summary>
    /// Adds connections from each of <paramref name="sourceIndices"/> to one receiver, with per-connection
    /// weights and delays (steps) when the group stores them.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void AddToTarget(ReadOnlySpan<int> sourceIndices, int receiver, ReadOnlySpan<double> weights = default, ReadOnlySpan<int> delays = default)
    {
        if (sourceIndices.IsEmpty)
        {
            return;
        }

        System.Diagnostics.Debug.Assert(!Key.PerConnectionWeight || weights.Length == sourceIndices.Length, "Weights missing.");
        System.Diagnostics.Debug.Assert(!Key.PerConnectionDelay || delays.Length == sourceIndices.Length, "Delays missing.");
        _runs.Add(new Run(receiver, IsTargetRun: true, Ids.Count, sourceIndices.Length, Key.PerConnectionWeight ? Weights.Count : Delays.Count));
        Ids.AddRange(sourceIndices);
        if (Key.PerConnectionWeight)
        {
            Weights.AddRange(weights);
        }

        if (Key.PerConnectionDelay)
        {
            Delays.AddRange(delays);
            foreach (int d in delays)
            {
                MinDelay = Math.Min(MinDelay, d);
                MaxDelay = Math.Max(MaxDelay, d);
            }
        }

        Connections += sourceIndices.Length;
    }

    /// <summary>
    /// Adds connections from each of <paramref name="sourceIndices"/> to one receiver whose weights and delays are drawn
    /// again from <paramref name="seed"/> when the store is built (<see cref="Kernel.LazyValues"/>); the run's delay extrema
    /// are those drawn at Connect.
    /// </summary>
    public void AddToTargetLazy(ReadOnlySpan<int> sourceIndices, int receiver, ulong seed, Kernel.LazyValues values, int minDelay, int maxDelay)
    {
        if (sourceIndices.IsEmpty)
        {
            return;
        }

        _runs.Add(new Run(receiver, IsTargetRun: true, Ids.Count, sourceIndices.Length, -1, seed, values, minDelay, maxDelay));
        Ids.AddRange(sourceIndices);
        if (Key.PerConnectionDelay)
        {
            MinDelay = Math.Min(MinDelay, minDelay);
            MaxDelay = Math.Max(MaxDelay, maxDelay);
        }

        Connections += sourceIndices.Length;
    }

    /// <summary>Adds connections from one source to each of <paramref name="receivers"/>.</summary>
    public void AddFromSource(int sourceIndex, ReadOnlySpan<int> receivers)
    {
        System.Diagnostics.Debug.Assert(!Key.PerConnectionWeight && !Key.PerConnectionDelay, "Source runs carry no per-connection values.");
        if (receivers.IsEmpty)
        {
            return;
        }

        _runs.Add(new Run(sourceIndex, IsTargetRun: false, Ids.Count, receivers.Length));
        Ids.AddRange(receivers);
        Connections += receivers.Length;
    }

    /// <summary>The builder's size, to roll back to if a Connect call fails half-way.</summary>
    public (int Runs, long Ids, long Weights, long Delays, long Connections) Mark() =>
        (_runs.Count, Ids.Count, Weights.Count, Delays.Count, Connections);

    /// <summary>Forgets everything added after <paramref name="mark"/>.</summary>
    public void Rollback((int Runs, long Ids, long Weights, long Delays, long Connections) mark)
    {
        _runs.RemoveRange(mark.Runs, _runs.Count - mark.Runs);
        Ids.Truncate(mark.Ids);
        Weights.Truncate(mark.Weights);
        Delays.Truncate(mark.Delays);
        Connections = mark.Connections;
        MinDelay = int.MaxValue;
        MaxDelay = 0;
        for (long k = 0; k < Delays.Count; k++)
        {
            MinDelay = Math.Min(MinDelay, Delays[k]);
            MaxDelay = Math.Max(MaxDelay, Delays[k]);
        }

        foreach (var run in _runs)
        {
            if (run.Lazy is not null && Key.PerConnectionDelay)
            {
                MinDelay = Math.Min(MinDelay, run.LazyMinDelay);
                MaxDelay = Math.Max(MaxDelay, run.LazyMaxDelay);
            }
        }
    }

    /// <summary>
    /// A run: <paramref name="Anchor"/> is the one target (receiver index) or the one source (node index); its ids from
    /// <paramref name="Start"/>, its kept values (if the group has any) from <paramref name="ValueStart"/>, or, with
    /// <paramref name="Lazy"/>, none kept: drawn again from <paramref name="Seed"/>.
    /// </summary>
    internal readonly record struct Run(int Anchor, bool IsTargetRun, long Start, int Count, long ValueStart = -1, ulong Seed = 0,
        Kernel.LazyValues? Lazy = null, int LazyMinDelay = 0, int LazyMaxDelay = 0);
}

/// <summary>
/// What makes connections share storage: model, weight, delay (steps) and input channel are stored once per
/// group. A group whose weights (or delays) differ per connection stores them per connection instead, and its
/// <see cref="Weight"/> (or <see cref="DelaySteps"/>) is 0. <see cref="Variant"/> numbers the initial per-connection
/// values of a plastic synapse type (<see cref="SynapseType.InitialValuesFor"/>; always 0 for static types).
/// <see cref="Receptor"/> is the target's port (<c>receptor_type</c>), which GetConnections and weight_recorder report.
/// </summary>
internal readonly record struct ConnectionGroupKey(int SynapseModel, double Weight, int DelaySteps, InputChannel Channel = InputChannel.Spike,
    bool PerConnectionWeight = false, bool PerConnectionDelay = false, int Variant = 0, int Receptor = 0);

/// <summary>Which ring buffer a connection writes into and what it adds there (Discard is the last: Connect sizes arrays by it).</summary>
internal enum InputChannel
{
    /// <summary>Spikes: weight × multiplicity into the excitatory (weight &gt; 0) or inhibitory channel (NEST's iaf_psc_*).</summary>
    Spike,

    /// <summary>Spike counts: the multiplicity alone, weight ignored (parrot_neuron).</summary>
    Count,

    /// <summary>Currents from current generators: amplitude × weight into the current channel.</summary>
    Current,

    /// <summary>Currents into receptor 1 of iaf_psc_exp, which filters them through the excitatory synapse.</summary>
    FilteredCurrent,

    /// <summary>
    /// Spikes the target takes but does not act on (parrot_neuron's receptor 1): nothing is written, while a plastic
    /// connection still sees the target's spikes and its own (NEST's STDP test protocol).
    /// </summary>
    Discard,
}
