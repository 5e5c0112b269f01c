using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using NeuroKernel.Kernel;
using NeuroKernel.Synapses;

namespace NeuroKernel.Delivery;

/// <summary>
/// Delivers a slice's spikes into the ring buffers: the spikes the exchange received, and the events of per-target
/// devices at their place. Each thread walks every spike in the canonical order — lag, then sender id, then synapse
/// group — but writes only into the receiver partitions it owns, so threads never touch the same memory and every
/// target adds its inputs in the same order whatever the number of threads. Per spike and group this is a linear walk
/// over the source's contiguous run of 16-bit targets with a scattered add into the slot <c>[stamp + delay − 1]</c>;
/// groups with weights or delays per connection, or of a plastic synapse type, run their synapse code per connection
/// (<see cref="ConnectionGroup.DeliverRowPerConnection"/>). Input reaches the ring buffers only from here: this class's
/// loops, and the per-connection and per-target code it calls (<see cref="ConnectionGroup{TSynapse, TCommon}"/>,
/// <see cref="PerTargetDelivery"/> and the Poisson sampler's fused draw-and-add).
/// </summary>
internal sealed class SpikeDelivery
{
    private readonly RingBuffers _rings;
    private readonly ISpikeExchange _exchange;
    private readonly IPerTargetSender[] _devices;   // per-target devices, in id order
    private readonly SynapseContext _synapses;
    private readonly int _threads;
    private readonly int[] _partitionBase;
    private readonly int[][] _slotBase;     // per thread, per group: this lag's slot offset
    private readonly long[] _events;        // per thread: synaptic events delivered
    private readonly DeferredEvents[]? _deferred; // per thread, for a ring buffer beyond the caches

    public SpikeDelivery(ConnectionStore store, ISpikeExchange exchange, IPerTargetSender[] devices, SynapseContext synapses, int threads)
    {
        if (DefersEvents(store, synapses.Rings))
        {
            _deferred = new DeferredEvents[threads];
            for (int t = 0; t < threads; t++)
            {
                _deferred[t] = new DeferredEvents(synapses.Rings.Slots);
            }
        }

        _rings = synapses.Rings;
        _exchange = exchange;
        _devices = devices;
        _synapses = synapses;
        _threads = threads;
        var parts = store.Partitions;
        _partitionBase = new int[parts.Count + 1];
        for (int p = 0; p <= parts.Count; p++)
        {
            _partitionBase[p] = parts.Base(p);
        }

        // One cache line per thread's counter, so that the threads do not share one.
        _events = new long[threads * 8];
        _slotBase = new int[threads][];
        for (int t = 0; t < threads; t++)
        {
            _slotBase[t] = new int[store.Groups.Length];
        }
    }

    /// <summary>
    /// Spike-channel ring buffers (both channels) above this size (bytes) hold the events of static rows with their own
    /// weights or delays in <see cref="DeferredEvents"/> until their step; below it they are written straight in.
    /// </summary>
    internal static long DeferAboveBytes { get; set; } = 16L << 20;

    /// <summary>Whether a delivery over <paramref name="store"/> and <paramref name="rings"/> defers events: some static group stores delays or weights per connection and the ring buffer is large.</summary>
    public static bool DefersEvents(ConnectionStore store, RingBuffers rings)
    {
        long bytes = (long)rings.Slots * rings.Receivers * sizeof(double) * (rings.SharedSpikeChannels ? 1 : 2);
        if (bytes <= DeferAboveBytes)
        {
            return false;
        }

        // A plain loop: a lambda here would be compiled at every program's first Simulate.
        foreach (var g in store.Groups)
        {
            if (g.DefersEvents)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether events wait in per-thread lists (<see cref="DeferredEvents"/>).</summary>
    public bool Defers => _deferred is not null;

    /// <summary>
    /// Adds the events that wait for the steps of <paramref name="slice"/> into the ring buffers: called by each thread before
    /// it updates its receivers, which are the only ones its lists hold events for.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ApplyDeferred(int thread, in SliceContext slice)
    {
        if (_deferred is null)
        {
            return;
        }

        var lists = _deferred[thread];
        for (int lag = 0; lag < slice.Steps; lag++)
        {
            lists.Apply(_rings.SlotIndex(slice.Step0 + lag), _rings.Excitatory, _rings.Inhibitory);
        }
    }

    /// <summary>Adds every waiting event into the ring buffers (before the network is prepared again, on one thread).</summary>
    public void FlushDeferred()
    {
        for (int t = 0; _deferred is not null && t < _deferred.Length; t++)
        {
            _deferred[t].Flush(_rings.Excitatory, _rings.Inhibitory);
        }
    }

    /// <summary>Synaptic events delivered since this delivery was prepared.</summary>
    public long Events
    {
        get
        {
            long events = 0;
            for (int t = 0; t < _threads; t++)
            {
                events += _events[8 * t];
            }

            return events;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Deliver(in SliceContext slice, int thread)
    {
        // The connections as this thread currently sees them split (ThreadBalancer moves the boundaries).
        var connections = slice.Connections;
        var (p0, p1) = connections.Partitions.OwnedBy(thread, _threads);
        var groups = connections.Groups;
        var received = _exchange.Received(slice.Buffer);
        int[] slotBase = _slotBase[thread];
        if (_synapses.Neuromodulators is not null)
        {
            // Only connections that read a volume transmitter need the slice's end (written by every thread, same value).
            _synapses.SliceEnd = slice.Step0 + slice.Steps;
            // The volume transmitters triggered in this slice's update: NEST updates their connections before delivery.
            for (int p = p0; p < p1; p++)
            {
                foreach (var g in groups)
                {
                    g.Trigger(_synapses, p);
                }
            }
        }

        for (int lag = 0; lag < slice.Steps; lag++)
        {
            long stamp = slice.Step0 + lag + 1;
            for (int gi = 0; gi < groups.Length; gi++)
            {
                // Arrives in the step that ends delay after the stamp: step index stamp + delay − 1.
                slotBase[gi] = _rings.SlotBase(stamp + groups[gi].DelaySteps - 1);
            }

            // Partition by partition (one per thread unless there are more than 65,536 receivers per thread).
            for (int p = p0; p < p1; p++)
            {
                DeliverPartition(in slice, groups, received, lag, p, slotBase, thread);
            }
        }
    }

    /// <summary>Every sender of one lag into partition <paramref name="p"/>, in id order: received spikes and per-target devices merged.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DeliverPartition(in SliceContext slice, ConnectionGroup[] groups, ReadOnlySpan<ReceivedSpikes> received, int lag, int p, int[] slotBase, int thread)
    {
        long events = 0;
        int device = 0;
        var deferred = _deferred?[thread];
        for (int u = 0; u < received.Length; u++)
        {
            var source = received[u];
            for (; device < _devices.Length && _devices[device].FirstIndex < source.FirstIndex; device++)
            {
                PerTargetDelivery.Deliver(_devices[device], in slice, lag, p, p + 1);
            }

            var spikes = source.Spikes;
            var local = spikes.Local(lag);
            var multiplicity = spikes.Multiplicity(lag);
            var factor = spikes.Factor(lag);
            int first = source.FirstIndex;
            for (int k = 0; k < local.Length; k++)
            {
                if (k + IndexAhead < local.Length)
                {
                    PrefetchIndex(groups, first + local[k + IndexAhead], p);
                }

                if (k + 1 < local.Length)
                {
                    // Delivery waits on memory for each spike's target list: fetch the next one now (fetching two
                    // spikes ahead was not faster).
                    Prefetch(groups, first + local[k + 1], p);
                }

                for (int gi = 0; gi < groups.Length; gi++)
                {
                    var g = groups[gi];
                    events += g.IsUniform
                        ? DeliverRow(g, slotBase[gi], first + local[k], multiplicity[k], factor[k], p, p + 1)
                        : g.DeliverRowPerConnection(_synapses, slice.Step0 + lag + 1, first + local[k], multiplicity[k], factor[k], p, deferred);
                }
            }
        }

        for (; device < _devices.Length; device++)
        {
            PerTargetDelivery.Deliver(_devices[device], in slice, lag, p, p + 1);
        }

        _events[8 * thread] += events;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int DeliverRow(ConnectionGroup g, int slotBase, int source, int multiplicity, double factor, int p0, int p1)
    {
        int[] index = g.Index;
        int row = source * g.Partitions.Count;
        if (index[row + p0] == index[row + p1])
        {
            return 0;
        }

        double w = g.EventValue(g.Weight, multiplicity, factor);
        ref double slot0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(g.Buffer(_rings)), slotBase);
        ref ushort target0 = ref MemoryMarshal.GetReference(g.Targets);
        for (int p = p0; p < p1; p++)
        {
            int begin = index[row + p], end = index[row + p + 1];
            AddToTargets(ref Unsafe.Add(ref slot0, _partitionBase[p]), ref Unsafe.Add(ref target0, begin), end - begin, w);
        }

        return index[row + p1] - index[row + p0];
    }

    /// <summary>
    /// <c>slot[targets[j]] += w</c> for j &lt; <paramref name="count"/>: the innermost loop of the kernel. It is not
    /// inlined, so that w and the pointers stay in registers; the call costs nothing next to a row of targets.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void AddToTargets(ref double slot, ref ushort targets, int count, double w)
    {
        ref ushort end = ref Unsafe.Add(ref targets, count);
        ref ushort end4 = ref Unsafe.Add(ref targets, count & ~3);
        while (Unsafe.IsAddressLessThan(ref targets, ref end4))
        {
            // Four independent read-modify-writes per iteration (targets of one source are distinct unless multapses).
            Unsafe.Add(ref slot, targets) += w;
            Unsafe.Add(ref slot, Unsafe.Add(ref targets, 1)) += w;
            Unsafe.Add(ref slot, Unsafe.Add(ref targets, 2)) += w;
            Unsafe.Add(ref slot, Unsafe.Add(ref targets, 3)) += w;
            targets = ref Unsafe.Add(ref targets, 4);
        }

        while (Unsafe.IsAddressLessThan(ref targets, ref end))
        {
            Unsafe.Add(ref slot, targets) += w;
            targets = ref Unsafe.Add(ref targets, 1);
        }
    }

    /// <summary>Asks the CPU to start loading a source's targets in partition <paramref name="p0"/> of each group (up to <see cref="PrefetchLines"/> lines).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Prefetch(ConnectionGroup[] groups, int source, int p0)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        foreach (var g in groups)
        {
            int begin = g.Index[source * g.Partitions.Count + p0];
            int end = g.Index[source * g.Partitions.Count + p0 + 1];
            if (begin < end)
            {
                byte* address = (byte*)Unsafe.AsPointer(ref g.Targets[begin]);
                byte* last = (byte*)Unsafe.AsPointer(ref g.Targets[end - 1]);
                for (int n = 0; n < PrefetchLines && address <= last + 63; n++, address += 64)
                {
                    Sse.Prefetch0(address);
                }
            }
        }
    }

    /// <summary>
    /// Spikes ahead whose index entries are fetched. The next spike's target prefetch needs its index entry; without
    /// this, that load missed the cache and held the prefetch up (about 3 % of the two-thread run).
    /// </summary>
    private const int IndexAhead = 4;

    /// <summary>
    /// Cache lines of the next spike's targets fetched ahead (1 KiB). Fetching the whole row part, not just its first two
    /// lines, cut the two-thread simulation of the order-2500 network by about a tenth; 16 and 64 lines did equally well.
    /// </summary>
    private const int PrefetchLines = 16;

    /// <summary>Asks the CPU to start loading a source's index entries in each group.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchIndex(ConnectionGroup[] groups, int source, int p0)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        foreach (var g in groups)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(g.Index), source * g.Partitions.Count + p0)));
        }
    }
}
