namespace NeuroKernel.Synapses;

/// <summary>
/// The finalized connections of one group (its <see cref="ConnectionGroupKey"/>: synapse model, weight, delay, input channel, flags, variant), sorted by source and, within a
/// source, by receiver partition (NEST's <c>Connector</c>, Auryn's <c>SparseConnection</c>). The targets of
/// source node index <c>s</c> in partition <c>p</c> are
/// <c>Targets[Index[s·P + p] .. Index[s·P + p + 1]]</c>, as 16-bit indices local to the partition. The
/// partitions of one source are adjacent, so a thread that owns partitions [p0, p1) walks one contiguous run.
/// Weight and delay are stored once for the whole group: 2 bytes per connection plus 4·P bytes per source. What a
/// synapse type adds (per-connection state) and how its rows are delivered is in <see cref="ConnectionGroup{TSynapse, TCommon}"/>.
/// </summary>
internal abstract class ConnectionGroup
{
    private readonly ArraySegment<ushort> _targets;

    protected ConnectionGroup(ConnectionGroupKey key, ReceiverPartitioning partitions, int[] index, ArraySegment<ushort> targets,
        ArraySegment<double> weights, int[]? delays)
    {
        Key = key;
        Partitions = partitions;
        Index = index;
        _targets = targets;
        Weights = weights;
        Delays = delays;
        IsUniform = weights.Array is null && delays is null && key.Channel != InputChannel.Discard;
        if (delays is null || delays.Length == 0)
        {
            MinDelaySteps = MaxDelaySteps = key.DelaySteps;
        }
        else
        {
            MinDelaySteps = delays.Min();
            MaxDelaySteps = delays.Max();
        }
    }

    protected ConnectionGroup(ConnectionGroup like, ReceiverPartitioning partitions, int[] index)
    {
        Key = like.Key;
        Partitions = partitions;
        Index = index;
        _targets = like._targets;
        Weights = like.Weights;
        Delays = like.Delays;
        IsUniform = like.IsUniform;
        MinDelaySteps = like.MinDelaySteps;
        MaxDelaySteps = like.MaxDelaySteps;
    }

    /// <summary>The same connections (targets, weights, delays and state shared) with row indices <paramref name="index"/> under <paramref name="partitions"/>.</summary>
    public abstract ConnectionGroup WithIndex(ReceiverPartitioning partitions, int[] index);

    /// <summary>True when the group keeps its plastic state per row rather than per connection (its rows cannot be re-cut).</summary>
    public virtual bool KeepsStatePerRow => false;

    /// <summary>True when the synapse type reads the spikes of the postsynaptic neurons (they keep an archive).</summary>
    public abstract bool ReadsPostSpikes { get; }

    /// <summary>
    /// True when the group's events may wait in <see cref="Delivery.DeferredEvents"/>: a static group with weights or delays
    /// per connection that writes into the spike channels.
    /// </summary>
    public abstract bool DefersEvents { get; }

    /// <summary>
    /// Delivers the row of source <paramref name="source"/> in partition <paramref name="p"/> connection by connection
    /// (weights or delays per connection, or a plastic type): each connection's synapse code runs, then its weight goes
    /// into the channel its sign selects, at the slot of its delay. Returns the number of events. With
    /// <paramref name="deferred"/>, a static row's spike-channel events wait there for their step instead.
    /// </summary>
    public abstract int DeliverRowPerConnection(SynapseContext context, long stamp, int source, int multiplicity, double factor, int p, Delivery.DeferredEvents? deferred = null);

    /// <summary>Runs the time-driven update of the group's connections in partition <paramref name="p"/> if the model's volume transmitter triggers at the end of the slice.</summary>
    public virtual void Trigger(SynapseContext context, int p)
    {
    }

    /// <summary>
    /// Takes the per-connection state of the connections a store rebuild carried over: new position k held the old
    /// group's connection <paramref name="origin"/>[k], or is new (−1; every connection when <paramref name="origin"/> is
    /// empty) and starts from the group key's initial values (and,
    /// for a type that draws random numbers, a stream derived from <paramref name="seed"/>).
    /// </summary>
    public abstract void CarryState(ConnectionGroup? old, ReadOnlySpan<int> origin, ulong seed);

    /// <summary>
    /// Checks new values for connection <paramref name="j"/> (NEST's <c>SetStatus</c> on a connection): its weight and its
    /// type's own keys, read from <paramref name="reader"/>; returns what applies them, nothing changes before.
    /// </summary>
    /// <exception cref="BadPropertyException">A value is invalid, or the weight of a connection that shares its group's one weight is set.</exception>
    public abstract Action ValidateConnection(int j, Models.ParameterReader reader);

    /// <summary>Writes connection <paramref name="j"/>'s own keys (a plastic type's parameters and state, e.g. Kplus, u, x); nothing for static types.</summary>
    public abstract void WriteConnection(int j, StatusDictionary status);

    /// <summary>Per-connection weights parallel to <see cref="Targets"/>, or null when the group's weight is uniform.</summary>
    public ArraySegment<double> Weights { get; }

    /// <summary>Per-connection delays (steps) parallel to <see cref="Targets"/>, or null when uniform.</summary>
    public int[]? Delays { get; private set; }

    public int MinDelaySteps { get; private set; }

    public int MaxDelaySteps { get; private set; }

    /// <summary>
    /// Gives connection <paramref name="j"/> the delay <paramref name="steps"/> (NEST's SetStatus on a connection): a group
    /// with one delay keeps one per connection from then on. <see cref="UpdateDelayExtrema"/> must follow.
    /// </summary>
    public void SetDelay(int j, int steps)
    {
        if (Delays is null)
        {
            if (steps == Key.DelaySteps)
            {
                return;
            }

            var delays = new int[Count];
            delays.AsSpan().Fill(Key.DelaySteps);
            Delays = delays;
            IsUniform = false;
        }

        Delays[j] = steps;
    }

    /// <summary>Recomputes the group's smallest and largest delay after <see cref="SetDelay"/>.</summary>
    public void UpdateDelayExtrema()
    {
        if (Delays is { Length: > 0 } delays)
        {
            MinDelaySteps = delays.Min();
            MaxDelaySteps = delays.Max();
        }
    }

    /// <summary>
    /// True when weight and delay are stored once for the group and its events are written (the fast delivery path); a
    /// group into an ignoring receptor goes the per-connection path, which writes nothing.
    /// </summary>
    public bool IsUniform { get; private set; }

    /// <summary>Weight of connection <paramref name="j"/>.</summary>
    public double WeightAt(int j) => Weights.Array is null ? Key.Weight : Weights[j];

    /// <summary>Delay (steps) of connection <paramref name="j"/>.</summary>
    public int DelayAt(int j) => Delays is null ? Key.DelaySteps : Delays[j];

    public ConnectionGroupKey Key { get; }

    public ReceiverPartitioning Partitions { get; }

    public int[] Index { get; }

    /// <summary>
    /// The targets of all rows, as 16-bit indices local to their partition. A view into a larger array that starts on a
    /// 2 MiB boundary where the store could allocate it so (<see cref="LargeArrays.AllocateAligned{T}"/>).
    /// </summary>
    public Span<ushort> Targets => _targets.AsSpan();

    public double Weight => Key.Weight;

    public int DelaySteps => Key.DelaySteps;


    /// <summary>What one event of multiplicity 1 adds: the weight, or 1 for spike counts (parrot_neuron).</summary>
    public double DeliveredWeight
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        get => EventValue(Key.Weight, 1, 1.0);
    }

    /// <summary>
    /// What an event of <paramref name="multiplicity"/> over a connection of <paramref name="weight"/> adds to its
    /// ring-buffer cell: counts (parrot_neuron) ignore the weight; otherwise weight × multiplicity × the spike's
    /// weight factor (spike_generator's spike_weights, 1 for other senders).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public double EventValue(double weight, int multiplicity, double factor) =>
        Key.Channel == InputChannel.Count ? multiplicity : weight * multiplicity * factor;

    /// <summary>
    /// The ring buffer the group writes into. NEST's iaf_psc_* put a spike of positive weight on the excitatory
    /// channel and others on the inhibitory one; counts go to the excitatory channel; currents to their own.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public double[] Buffer(Delivery.RingBuffers rings) => Buffer(rings, Key.Weight);

    /// <summary>
    /// Adds one event over a connection of <paramref name="weight"/> to the cell of receiver <paramref name="receiver"/> in
    /// the step <paramref name="arrivalStep"/>: the write of every per-connection delivery.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void AddEvent(Delivery.RingBuffers rings, long arrivalStep, int receiver, double weight, int multiplicity, double factor) =>
        AddEventAt(rings, rings.SlotBase(arrivalStep), receiver, weight, multiplicity, factor);

    /// <summary>The same, with the arrival step's slot already found (<see cref="Delivery.RingBuffers.SlotBase"/>).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void AddEventAt(Delivery.RingBuffers rings, int slotBase, int receiver, double weight, int multiplicity, double factor)
    {
        if (Key.Channel != InputChannel.Discard)
        {
            Buffer(rings, weight)[slotBase + receiver] += EventValue(weight, multiplicity, factor);
        }
    }

    /// <summary>The ring buffer for a connection of weight <paramref name="weight"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public double[] Buffer(Delivery.RingBuffers rings, double weight) => FixedBuffer(rings) ?? (weight > 0.0 ? rings.Excitatory : rings.Inhibitory);

    /// <summary>The one buffer of a channel that does not depend on the weight's sign; null for spike channels.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public double[]? FixedBuffer(Delivery.RingBuffers rings) => Key.Channel switch
    {
        InputChannel.Current => rings.Current,
        InputChannel.FilteredCurrent => rings.FilteredCurrent,
        InputChannel.Count => rings.Excitatory,
        InputChannel.Port => rings.Port(Key.Receptor),
        _ => null,
    };

    public int Count => _targets.Count;

    /// <summary>Number of targets of a source over all partitions.</summary>
    public int RowLength(int source)
    {
        int p = Partitions.Count;
        return Index[(source + 1) * p] - Index[source * p];
    }

    /// <summary>
    /// Approximate bytes held (targets, index and per-connection values). The slack around an aligned target segment
    /// (up to 2 MiB before it and the rest of its last huge page) is not counted: it is address space that is never
    /// touched, apart from the rest of that last huge page.
    /// </summary>
    public virtual long Bytes => 2L * _targets.Count + 4L * Index.Length + 8L * Weights.Count + 4L * (Delays?.Length ?? 0);
}
