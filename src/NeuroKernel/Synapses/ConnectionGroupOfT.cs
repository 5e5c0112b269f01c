using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NeuroKernel.Synapses;

/// <summary>
/// The connections of one group whose synapse type is <typeparamref name="TSynapse"/>: the group specialised per type
/// (NEST's <c>Connector&lt;ConnectionT&gt;</c>). A static type stores nothing beyond the base's targets (and per-connection
/// weights or delays where they were given so), and its per-connection delivery compiles to the plain loop; a plastic
/// type adds its weight per connection, and its state and the time of its last update either per connection or, for a
/// type whose state follows only the presynaptic spikes (<see cref="ISynapse{TSelf, TCommon}.StateIsPresynaptic"/>), once
/// per row (source × receiver partition) while every connection of the row has the same — 16 bytes per connection less.
/// </summary>
internal sealed class ConnectionGroup<TSynapse, TCommon> : ConnectionGroup
    where TSynapse : struct, ISynapse<TSynapse, TCommon>
    where TCommon : struct
{
    private readonly SynapseType<TSynapse, TCommon> _type;

    // Plastic types only: per connection, parallel to the targets (shared with the views WithIndex makes) ...
    private TSynapse[] _states = [];
    private long[] _lastPreStamp = [];

    // ... or per row (Index's rows), while the rows' connections agree (presynaptic state only; then the two above are empty).
    private TSynapse[] _rowStates = [];
    private long[] _rowLast = [];

    public ConnectionGroup(SynapseType<TSynapse, TCommon> type, ConnectionGroupKey key, ReceiverPartitioning partitions, int[] index,
        ArraySegment<ushort> targets, ArraySegment<double> weights, int[]? delays)
        : base(key, partitions, index, targets, weights, delays) => _type = type;

    private ConnectionGroup(ConnectionGroup<TSynapse, TCommon> like, ReceiverPartitioning partitions, int[] index) : base(like, partitions, index)
    {
        _type = like._type;
        _states = like._states;
        _lastPreStamp = like._lastPreStamp;
    }

    public override bool ReadsPostSpikes => TSynapse.ReadsPostSpikes;

    /// <summary>True while the state is kept per row (the rows then cannot be cut differently: no thread balancing).</summary>
    public override bool KeepsStatePerRow => _rowStates.Length > 0;

    public override ConnectionGroup WithIndex(ReceiverPartitioning partitions, int[] index) => KeepsStatePerRow
        ? throw new InvalidOperationException("A group that keeps its state per row cannot be re-partitioned.")
        : new ConnectionGroup<TSynapse, TCommon>(this, partitions, index);

    /// <summary>Bytes held, the plastic state (per connection or per row) and the last updates included.</summary>
    public override long Bytes => base.Bytes + (long)Unsafe.SizeOf<TSynapse>() * (_states.Length + _rowStates.Length) + 8L * (_lastPreStamp.Length + _rowLast.Length);

    /// <summary>The state of connection <paramref name="j"/>.</summary>
    private TSynapse StateAt(int j) => KeepsStatePerRow ? _rowStates[RowOf(j)] : _states[j];

    /// <summary>The last update (stamp) of connection <paramref name="j"/>.</summary>
    private long LastAt(int j) => KeepsStatePerRow ? _rowLast[RowOf(j)] : _lastPreStamp[j];

    /// <summary>The row holding connection <paramref name="j"/> (the last row starting at or before it).</summary>
    private int RowOf(int j)
    {
        int lo = 0, hi = Index.Length - 2;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >> 1;
            if (Index[mid] <= j)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        // Empty rows share their start with the next one: step to the row that holds j.
        while (Index[lo + 1] <= j)
        {
            lo++;
        }

        return lo;
    }

    /// <summary>Gives connection <paramref name="j"/> its own state: per row no longer holds, so every connection gets its own.</summary>
    private void SetState(int j, in TSynapse next)
    {
        if (KeepsStatePerRow)
        {
            if (SameBits(_rowStates[RowOf(j)], next))
            {
                return;
            }

            KeepStatePerConnection();
        }

        _states[j] = next;
    }

    /// <summary>Copies each row's state and last update to its connections, and drops the rows' copies.</summary>
    private void KeepStatePerConnection()
    {
        int n = Index[^1];
        var states = new TSynapse[n];
        var last = new long[n];
        for (int row = 0; row < Index.Length - 1; row++)
        {
            states.AsSpan(Index[row], Index[row + 1] - Index[row]).Fill(_rowStates[row]);
            last.AsSpan(Index[row], Index[row + 1] - Index[row]).Fill(_rowLast[row]);
        }

        _states = states;
        _lastPreStamp = last;
        _rowStates = [];
        _rowLast = [];
    }

    /// <summary>Bitwise equality: two states that are bit for bit the same evolve the same.</summary>
    private static bool SameBits(in TSynapse a, in TSynapse b) =>
        MemoryMarshal.AsBytes(new ReadOnlySpan<TSynapse>(in a)).SequenceEqual(MemoryMarshal.AsBytes(new ReadOnlySpan<TSynapse>(in b)));

    public override Action ValidateConnection(int j, Models.ParameterReader reader)
    {
        var weights = Weights;
        double weight = WeightAt(j);
        if (reader.TryFinite(ParameterNames.Weight, ref weight) && weights.Array is null)
        {
            throw new BadPropertyException(ParameterNames.Weight,
                $"The weight of this connection is its group's one weight (connected with one weight for all, static synapse model): it cannot be set per connection (weight = {StatusDictionary.Describe(weight)}). Connect with weights per connection (an array or a distribution) or a plastic model to change them later.");
        }

        if (TSynapse.IsStatic)
        {
            return () =>
            {
                if (weights.Array is not null)
                {
                    weights[j] = weight;
                }
            };
        }

        var next = TSynapse.Read(StateAt(j), reader);
        TSynapse.CheckWeight(next, _type.Common, weight);
        return () =>
        {
            SetState(j, next);
            weights[j] = weight;
        };
    }

    public override void WriteConnection(int j, StatusDictionary status)
    {
        if (!TSynapse.IsStatic)
        {
            TSynapse.Write(StateAt(j), status);
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
        if (TSynapse.StateIsPresynaptic && !TSynapse.DrawsRandomNumbers && !RuntimeHelpers.IsReferenceOrContainsReferences<TSynapse>()
            && TryKeepStatePerRow(previous, origin, initial))
        {
            return;
        }

        int count = Index[^1];
        _states = new TSynapse[count];
        _lastPreStamp = new long[count];
        for (int k = 0; k < count; k++)
        {
            int j = OriginOf(origin, k);
            if (j >= 0 && previous is not null)
            {
                _states[k] = previous.StateAt(j);
                _lastPreStamp[k] = previous.LastAt(j);
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

    /// <summary>Where connection <paramref name="k"/> was in the old group, −1 if it is new (all are when <paramref name="origin"/> is empty).</summary>
    private static int OriginOf(ReadOnlySpan<int> origin, int k) => origin.IsEmpty ? -1 : origin[k];

    /// <summary>
    /// Keeps one state and last update per row when each row's connections (carried over or new, starting from
    /// <paramref name="initial"/> at time 0) agree bit for bit; false, with nothing kept, when one row mixes.
    /// </summary>
    private bool TryKeepStatePerRow(ConnectionGroup<TSynapse, TCommon>? previous, ReadOnlySpan<int> origin, in TSynapse initial)
    {
        int rows = Index.Length - 1;
        if (rows > Index[^1])
        {
            // More rows than connections (a few plastic connections in a large network): per connection is smaller.
            return false;
        }

        var states = new TSynapse[rows];
        var last = new long[rows];
        for (int row = 0; row < rows; row++)
        {
            states[row] = initial;
            for (int j = Index[row]; j < Index[row + 1]; j++)
            {
                int from = OriginOf(origin, j);
                var (state, stamp) = from >= 0 && previous is not null ? (previous.StateAt(from), previous.LastAt(from)) : (initial, 0L);
                if (j == Index[row])
                {
                    (states[row], last[row]) = (state, stamp);
                }
                else if (stamp != last[row] || !SameBits(state, states[row]))
                {
                    return false;
                }
            }
        }

        _rowStates = states;
        _rowLast = last;
        _states = [];
        _lastPreStamp = [];
        return true;
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
                if (OriginOf(origin, j) < 0)
                {
                    TSynapse.Seed(ref _states[j], Random.SplitMix64.Derive(groupSeed, (ulong)source, (ulong)receiver, (ulong)seen[receiver]));
                }
            }
        }
    }

    /// <summary>Key of the per-connection streams of synapse types that draw random numbers.</summary>
    private const ulong SynapseStreamKey = 0x5EED5E1EC7;

    public override bool DefersEvents => TSynapse.IsStatic && !IsUniform && Key.Channel == InputChannel.Spike;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override int DeliverRowPerConnection(SynapseContext context, long stamp, int source, int multiplicity, double factor, int p, Delivery.DeferredEvents? deferred = null)
    {
        int row = source * Partitions.Count + p;
        int begin = Index[row], end = Index[row + 1];
        int partBase = Partitions.Base(p);
        var rings = context.Rings;
        if (TSynapse.IsStatic)
        {
            return DeliverStaticRow(rings, stamp, begin, end, partBase, multiplicity, factor, deferred);
        }

        var targets = Targets;
        var recording = !TSynapse.IsStatic && context.Weights is { } w && w.Records(Key.SynapseModel) ? w : null;
        var neuromodulator = !TSynapse.IsStatic && context.Neuromodulators?[Key.SynapseModel] is { } signal ? signal.ViewAt(context.SliceEnd) : default;
        int sent = end - begin;
        bool perRow = !TSynapse.IsStatic && KeepsStatePerRow;
        // Per row: every connection starts from the row's state; they all end in the same one, which the row keeps.
        var rowState = perRow ? _rowStates[row] : default;
        long rowLast = perRow ? _rowLast[row] : 0;
        // One delay for the whole group: one slot for the whole row (no division per connection).
        int rowSlot = Delays is null ? rings.SlotBase(stamp + Key.DelaySteps - 1) : -1;
        for (int j = begin; j < end; j++)
        {
            double weight = WeightAt(j);
            int delay = DelayAt(j);
            if (!TSynapse.IsStatic)
            {
                // Per row, the first connection runs the whole presynaptic update on the row's state; the others start
                // from the state before it (rowState) and run only its weight part (OnPreSpikeWeight).
                ref var state = ref perRow ? ref _rowStates[row] : ref _states[j];
                if (perRow && j > begin)
                {
                    var before = rowState;
                    weight = Transmit(context, ref before, j, rowLast, partBase + targets[j], stamp, delay, multiplicity, neuromodulator, weightOnly: true, after: state);
                }
                else
                {
                    weight = Transmit(context, ref state, j, perRow ? rowLast : _lastPreStamp[j], partBase + targets[j], stamp, delay, multiplicity, neuromodulator);
                }

                if (!perRow)
                {
                    _lastPreStamp[j] = stamp;
                }

                if (!TSynapse.IsSent(in state))
                {
                    sent--;
                    continue;
                }

                recording?.Add(p, Key.SynapseModel, source, partBase + targets[j], stamp, weight, Key.Receptor);
            }

            AddEventAt(rings, rowSlot >= 0 ? rowSlot : rings.SlotBase(stamp + delay - 1), partBase + targets[j], weight, multiplicity, factor);
        }

        if (perRow && end > begin)
        {
            _rowLast[row] = stamp;
        }

        return sent;
    }

    /// <summary>
    /// A static row whose connections carry their own weights or delays: each event adds weight × multiplicity × factor
    /// (NEST's order of the products) to its target's cell in the slot of its delay, in the row's order, as
    /// <see cref="ConnectionGroup.AddEventAt"/> does, with what is the same for the whole row found once: the buffers,
    /// and the slot of delay 0, from which a connection's slot is one addition (and at most one wrap) away.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int DeliverStaticRow(Delivery.RingBuffers rings, long stamp, int begin, int end, int partBase, int multiplicity, double factor, Delivery.DeferredEvents? deferred)
    {
        int n = end - begin;
        var channel = Key.Channel;
        if (n == 0 || channel == InputChannel.Discard)
        {
            return n;
        }

        int slots = rings.Slots, receivers = rings.Receivers, cellBase = rings.Origin + partBase;
        int slot0 = (int)((stamp - 1) % slots);
        var targets = Targets.Slice(begin, n);
        ReadOnlySpan<double> weights = Weights.Array is null ? default : Weights.AsSpan(begin, n);
        ReadOnlySpan<int> delays = Delays is null ? default : Delays.AsSpan(begin, n);
        double keyWeight = Key.Weight;
        int keyDelay = Key.DelaySteps;
        var fixedBuffer = FixedBuffer(rings);
        double[] excitatory = rings.Excitatory, inhibitory = rings.Inhibitory;
        bool counts = channel == InputChannel.Count;
        // Two loops, not one with a branch per event: the merged loop simulated the microcircuit 10 % slower (scale 0.1).
        if (deferred is not null && fixedBuffer is null)
        {
            // Spike channels of a large ring buffer: the events wait in the thread's lists until their step (DeferredEvents).
            for (int k = 0; k < n; k++)
            {
                double weight = weights.IsEmpty ? keyWeight : weights[k];
                int slot = slot0 + (delays.IsEmpty ? keyDelay : delays[k]);
                while (slot >= slots)
                {
                    slot -= slots;
                }

                deferred.Add(slot, cellBase + (slot * receivers) + targets[k], inhibitory: !(weight > 0.0), weight * multiplicity * factor);
            }

            return n;
        }

        for (int k = 0; k < n; k++)
        {
            double weight = weights.IsEmpty ? keyWeight : weights[k];
            int slot = slot0 + (delays.IsEmpty ? keyDelay : delays[k]);
            while (slot >= slots)
            {
                slot -= slots;
            }

            var buffer = fixedBuffer ?? (weight > 0.0 ? excitatory : inhibitory);
            buffer[cellBase + (slot * receivers) + targets[k]] += counts ? multiplicity : weight * multiplicity * factor;
        }

        return n;
    }

    /// <summary>
    /// Runs the synapse code of connection <paramref name="j"/> for a presynaptic spike stamped <paramref name="stamp"/>:
    /// the postsynaptic spikes since its last presynaptic spike that have reached it (stamps in (last − delay, stamp −
    /// delay], NEST's window), then the presynaptic spike. Stores the new weight and returns what the spike carries.
    /// </summary>
    /// <remarks>
    /// With <paramref name="weightOnly"/> (the state is kept per row and <paramref name="after"/> is the row's state after this
    /// spike, from the row's first connection) only the weight part of the presynaptic update runs, and the spike carries
    /// what <paramref name="after"/> sends.
    /// </remarks>
    private double Transmit(SynapseContext context, ref TSynapse state, int j, long last, int receiver, long stamp, int delay, int multiplicity,
        in NeuromodulatorView neuromodulator, bool weightOnly = false, in TSynapse after = default)
    {
        var grid = context.Grid;
        double weight = Weights[j];
        double lastMs = grid.ToMs(last), delayMs = grid.ToMs(delay);
        double timeMs = grid.ToMs(stamp), postTrace = 0.0;
        if (TSynapse.ReadsPostSpikes && context.Archive is { } archive)
        {
            // The postsynaptic spikes that reached the connection since its last update, and the trace K⁻(t − d).
            var window = archive.Read(receiver, last - delay, stamp - delay, timeMs - delayMs, out postTrace);
            for (int k = 0; k < window.Length; k++)
            {
                TSynapse.OnPostSpike(ref state, ref weight, _type.Common, new PostSpike(grid.ToMs(window[k]), lastMs, delayMs, neuromodulator));
            }
        }

        var spike = new PreSpike(timeMs, lastMs, delayMs, multiplicity, postTrace, neuromodulator);
        if (weightOnly)
        {
            TSynapse.OnPreSpikeWeight(in state, ref weight, _type.Common, spike);
            Weights.Array![Weights.Offset + j] = weight;
            return TSynapse.Transmitted(in after, weight);
        }

        TSynapse.OnPreSpike(ref state, ref weight, _type.Common, spike);
        Weights.Array![Weights.Offset + j] = weight;
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

        // Per connection only: the models a volume transmitter triggers (stdp_dopamine_synapse) do not declare
        // StateIsPresynaptic, so their groups never keep a state per row.
        System.Diagnostics.Debug.Assert(!KeepsStatePerRow, "A triggered group keeps its state per row.");
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
                double weight = Weights[j];
                int delay = DelayAt(j);
                long last = _lastPreStamp[j];
                if (TSynapse.ReadsPostSpikes && context.Archive is { } archive)
                {
                    PostSpikesUntil(archive, grid, ref state, ref weight, partBase + targets[j], last, trigger, delay, view);
                }

                TSynapse.OnTrigger(ref state, ref weight, _type.Common, new PreSpike(triggerMs, grid.ToMs(last), grid.ToMs(delay), 0, 0.0, view));
                Weights.Array![Weights.Offset + j] = weight;
                _lastPreStamp[j] = trigger;
            }
        }
    }
}
