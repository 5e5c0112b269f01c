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
    private readonly List<LazyRun> _lazyRuns = [];
    private readonly List<long> _valueStarts = [];

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
        // Kept values lie where the ids do until a run keeps none; from then on, where each run's values start is recorded.
        long valueStart = Key.PerConnectionWeight ? Weights.Count : Delays.Count;
        int aux = 0;
        if (valueStart != Ids.Count && (Key.PerConnectionWeight || Key.PerConnectionDelay))
        {
            _valueStarts.Add(valueStart);
            aux = _valueStarts.Count;
        }

        _runs.Add(new Run(receiver, IsTargetRun: true, Ids.Count, sourceIndices.Length, aux));
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

        _runs.Add(new Run(receiver, IsTargetRun: true, Ids.Count, sourceIndices.Length, -1 - _lazyRuns.Count));
        _lazyRuns.Add(new LazyRun(seed, values, minDelay, maxDelay));
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
    public (int Runs, long Ids, long Weights, long Delays, long Connections, int LazyRuns, int ValueStarts) Mark() =>
        (_runs.Count, Ids.Count, Weights.Count, Delays.Count, Connections, _lazyRuns.Count, _valueStarts.Count);

    /// <summary>Forgets everything added after <paramref name="mark"/>.</summary>
    public void Rollback((int Runs, long Ids, long Weights, long Delays, long Connections, int LazyRuns, int ValueStarts) mark)
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

        _lazyRuns.RemoveRange(mark.LazyRuns, _lazyRuns.Count - mark.LazyRuns);
        _valueStarts.RemoveRange(mark.ValueStarts, _valueStarts.Count - mark.ValueStarts);
        foreach (var lazy in _lazyRuns)
        {
            if (Key.PerConnectionDelay)
            {
                MinDelay = Math.Min(MinDelay, lazy.MinDelay);
                MaxDelay = Math.Max(MaxDelay, lazy.MaxDelay);
            }
        }
    }

    /// <summary>The seed and values of a run whose values are drawn again (<see cref="Run.IsLazy"/>).</summary>
    public LazyRun LazyOf(in Run run) => _lazyRuns[-1 - run.Aux];

    /// <summary>Where a run's kept values start in <see cref="Weights"/> and <see cref="Delays"/>.</summary>
    public long ValueStart(in Run run) => run.Aux > 0 ? _valueStarts[run.Aux - 1] : run.Start;

    /// <summary>
    /// A run: <paramref name="Anchor"/> is the one target (receiver index) or the one source (node index); its ids from
    /// <paramref name="Start"/>. <paramref name="Aux"/> (in the struct's padding: 24 bytes either way) tells where its
    /// values are: 0, at <paramref name="Start"/> in the value lists; above 0, at a recorded start (<see cref="ValueStart"/>);
    /// below 0, none kept (<see cref="IsLazy"/>, <see cref="LazyOf"/>).
    /// </summary>
    internal readonly record struct Run(int Anchor, bool IsTargetRun, long Start, int Count, int Aux = 0)
    {
        /// <summary>Whether the run's values are drawn again when the store is built.</summary>
        public bool IsLazy => Aux < 0;
    }

    /// <summary>A run's seed, the call's values, and the extrema of the delays drawn at Connect.</summary>
    internal readonly record struct LazyRun(ulong Seed, Kernel.LazyValues Values, int MinDelay, int MaxDelay);
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
    /// Spikes into a numbered port of a multisynapse neuron (the key's <see cref="ConnectionGroupKey.Receptor"/>): weight ×
    /// multiplicity into that port's own channel, whatever the weight's sign (<see cref="Delivery.RingBuffers.Port"/>).
    /// </summary>
    Port,

    /// <summary>
    /// Spikes the target takes but does not act on (parrot_neuron's receptor 1): nothing is written, while a plastic
    /// connection still sees the target's spikes and its own (NEST's STDP test protocol).
    /// </summary>
    Discard,
}
