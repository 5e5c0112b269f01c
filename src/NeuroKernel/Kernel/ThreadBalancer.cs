using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using NeuroKernel.Synapses;

namespace NeuroKernel.Kernel;

/// <summary>
/// Moves the boundaries between the threads' receivers toward the faster threads while a run goes on. A thread
/// owns a contiguous range of receivers: it updates those neurons and delivers into their ring buffers. When one
/// core runs slower than the other (on a shared machine that happens for seconds at a time), the faster thread
/// waits at every barrier; moving receivers to it shortens the slice.
/// </summary>
/// <remarks>
/// <para>
/// Every thread measures its busy time of each slice (update and delivery, not the barrier wait) and publishes it.
/// Every <see cref="Window"/> slices, right after the barrier, each thread reads every thread's times of the last
/// window (the same numbers on every thread, published before that barrier), takes each thread's median and computes
/// the same proposal: shares of the receivers in proportion to each thread's speed. When the medians differ by 5 % or
/// more, every thread fills its part of a second set of row indices after its delivery, the threads meet at one extra
/// barrier, and the next slice runs under the new split.
/// </para>
/// <para>
/// Only the thread that owns a receiver changes, never the order in which a receiver adds its inputs (every thread
/// walks every spike in the canonical order), so results stay bit for bit the same. The split can move only when the
/// stored targets are global receiver indices and every source's targets are in ascending order
/// (<see cref="ConnectionStore.RowsAscending"/>): a boundary then cuts each row into two runs found by a short scan.
/// Each thread keeps between half and one and a half of an even share, which bounds the spike lists.
/// </para>
/// </remarks>
internal sealed class ThreadBalancer
{
    /// <summary>Slices per measurement: about half a millisecond each at order 2500, so a decision every ~20 ms.</summary>
    public const int Window = 32;

    /// <summary>
    /// Moved boundaries are rounded to multiples of this many receivers (so that the threads rarely share a cache line
    /// of a per-receiver array); the initial even split and a boundary held back by <see cref="MinShare"/> need not be.
    /// </summary>
    public const int Granule = 64;

    /// <summary>Difference of the threads' typical slice times (relative to the largest) below which nothing moves.</summary>
    private const double Tolerance = 0.05;

    private readonly ConnectionStore _store;
    private readonly ConnectionStore[] _layouts;
    private readonly int _threads;
    private readonly int _receivers;

    // Busy ticks of each thread's last 2·Window slices, slice k at [thread][k mod 2·Window]: a decision after the
    // barrier of slice k reads slices k − Window … k − 1, which a thread overwrites only after the barrier of k + Window.
    private readonly long[][] _busy;
    private readonly ThreadState[] _state;

    public ThreadBalancer(ConnectionStore store, int threads)
    {
        _store = store;
        _threads = threads;
        _receivers = store.Partitions.Receivers;
        _layouts = [store.WithPartitions(ReceiverPartitioning.Movable(store.Partitions)), store.WithPartitions(ReceiverPartitioning.Movable(store.Partitions))];
        _busy = new long[threads][];
        _state = new ThreadState[threads];
        for (int t = 0; t < threads; t++)
        {
            _busy[t] = new long[2 * Window];
            _state[t] = new ThreadState(threads, store.Partitions);
        }

        int even = (_receivers + threads - 1) / threads;
        MinShare = Math.Max(Granule, even / 2);
        MaxShare = even + even / 2 + 2 * Granule;
        MaxStep = Math.Max(Granule, even / 8);
    }

    /// <summary>Smallest share of receivers a thread keeps.</summary>
    public int MinShare { get; }

    /// <summary>Largest share of receivers a thread can get (spike lists are sized for it).</summary>
    public int MaxShare { get; }

    /// <summary>Most receivers a boundary moves at one decision, before rounding to the granule.</summary>
    private int MaxStep { get; }

    /// <summary>
    /// For tests: when set, replaces the speed rule; given the slice number of the run, the new partition starts or null.
    /// Every thread asks it at every decision, so it must give every thread the same answer (a function of the slice
    /// alone), or the threads would disagree about the extra barrier.
    /// </summary>
    public Func<long, int[]?>? Plan { get; set; }

    /// <summary>Number of times the split has moved (for tests and benchmarks).</summary>
    public int Moves => _state[0].Generation;

    /// <summary>The connections as <paramref name="thread"/> currently sees them split.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ConnectionStore Current(int thread)
    {
        int g = _state[thread].Generation;
        return g == 0 ? _store : _layouts[(g - 1) & 1];
    }

    /// <summary>First receiver of each thread under the current split (Count + 1 entries; read-only).</summary>
    public ReadOnlySpan<int> Bounds(int thread) => _state[thread].Bounds;

    /// <summary>Records a slice's busy time of <paramref name="thread"/> (update and delivery; after the delivery).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Publish(int thread, long slice, long busyTicks) =>
        Volatile.Write(ref _busy[thread][(int)(slice % (2 * Window))], busyTicks);

    /// <summary>
    /// After the barrier of slice <paramref name="slice"/> (counted from the start of the run): true when the split
    /// moves after this slice's delivery. Every thread gets the same answer.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Decide(int thread, long slice)
    {
        // The run's first window warms the caches up and says little about the cores.
        if (slice <= Window || slice % Window != 0)
        {
            return false;
        }

        var s = _state[thread];
        if (Plan is not null)
        {
            var planned = Plan(slice);
            if (planned is null || planned.AsSpan().SequenceEqual(s.Bounds))
            {
                return false;
            }

            if (!Fits(planned))
            {
                throw new InvalidOperationException($"A planned split ({string.Join(", ", planned)}) leaves a thread outside [{MinShare}, {MaxShare}] receivers.");
            }

            planned.CopyTo(s.Proposal, 0);
            return true;
        }

        // Each thread's typical slice over the window: the median, which one slice held up by the machine does not move.
        int first = (int)((slice - Window) % (2 * Window));
        double sumSpeed = 0.0, slowest = 0.0, fastest = double.MaxValue;
        for (int t = 0; t < _threads; t++)
        {
            for (int k = 0; k < Window; k++)
            {
                s.Scratch[k] = Volatile.Read(ref _busy[t][first + k]);
            }

            Array.Sort(s.Scratch);
            double typical = 0.5 * (s.Scratch[Window / 2 - 1] + s.Scratch[Window / 2]);
            if (typical <= 0.0)
            {
                return false;
            }

            s.Speed[t] = (s.Bounds[t + 1] - s.Bounds[t]) / typical;
            sumSpeed += s.Speed[t];
            slowest = Math.Max(slowest, typical);
            fastest = Math.Min(fastest, typical);
        }

        if (slowest - fastest < Tolerance * slowest)
        {
            return false;
        }

        // Shares in proportion to speed, kept within [MinShare, MaxShare]; each boundary moves there by at most MaxStep
        // (one window may mislead), on the granule. Part of a thread's work does not shrink with its share (it walks
        // every spike), so a proportional move falls short rather than overshoots; the next window finishes it.
        double shares = 0.0;
        for (int t = 0; t < _threads; t++)
        {
            s.Speed[t] = Math.Clamp(_receivers * s.Speed[t] / sumSpeed, MinShare, MaxShare - 2 * Granule);
            shares += s.Speed[t];
        }

        double cumulative = 0.0;
        s.Proposal[0] = 0;
        bool moves = false;
        for (int t = 1; t < _threads; t++)
        {
            cumulative += s.Speed[t - 1];
            double step = Math.Clamp(cumulative / shares * _receivers - s.Bounds[t], -MaxStep, MaxStep);
            int start = (int)Math.Round((s.Bounds[t] + step) / Granule) * Granule;
            s.Proposal[t] = Math.Clamp(start, s.Proposal[t - 1] + MinShare, _receivers);
            moves |= s.Proposal[t] != s.Bounds[t];
        }

        s.Proposal[_threads] = _receivers;
        return moves && Fits(s.Proposal);
    }

    /// <summary>True when <paramref name="starts"/> are ascending from 0 to the receivers and give every thread a share in [MinShare, MaxShare].</summary>
    private bool Fits(ReadOnlySpan<int> starts)
    {
        if (starts.Length != _threads + 1 || starts[0] != 0 || starts[_threads] != _receivers)
        {
            return false;
        }

        for (int t = 0; t < _threads; t++)
        {
            int share = starts[t + 1] - starts[t];
            if (share < MinShare || share > MaxShare)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// After the slice's delivery, when <see cref="Decide"/> said so: writes this thread's part of the spare row indices
    /// (its share of the sources) for the proposed split. The spare layout is not in use by any thread.
    /// </summary>
    public unsafe void PrepareSpare(int thread)
    {
        var s = _state[thread];
        var spare = _layouts[s.Generation & 1];
        var current = Current(thread);
        if (thread == 0)
        {
            spare.Partitions.MoveBoundaries(s.Proposal);
        }

        int sources = _store.NumNodes;
        int first = (int)((long)sources * thread / _threads), end = (int)((long)sources * (thread + 1) / _threads);
        for (int gi = 0; gi < spare.Groups.Length; gi++)
        {
            int[] from = current.Groups[gi].Index;
            int[] to = spare.Groups[gi].Index;
            var targets = _store.Groups[gi].Targets;
            for (int source = first; source < end; source++)
            {
                int row = source * _threads;
                if (source + PrepareAhead < end && Sse.IsSupported)
                {
                    // Each source's cut is a miss in a large array: ask for the ones a few sources ahead now.
                    int ahead = row + PrepareAhead * _threads;
                    for (int t = 1; t < _threads; t++)
                    {
                        int at = from[ahead + t];
                        if (at < targets.Length)
                        {
                            Sse.Prefetch0(Unsafe.AsPointer(ref targets[at]));
                        }
                    }
                }

                int lo = from[row], hi = from[row + _threads];
                for (int t = 1; t < _threads; t++)
                {
                    // The row is ascending: step from the old cut to the first target at or above the new boundary.
                    int cut = from[row + t], boundary = s.Proposal[t];
                    while (cut < hi && targets[cut] < boundary)
                    {
                        cut++;
                    }

                    while (cut > lo && targets[cut - 1] >= boundary)
                    {
                        cut--;
                    }

                    to[row + t] = cut;
                }
            }
        }
    }

    /// <summary>Sources ahead whose cut is fetched while one is scanned (<see cref="PrepareSpare"/>).</summary>
    private const int PrepareAhead = 8;

    /// <summary>After the extra barrier: this thread runs the next slices under the proposed split.</summary>
    public void Switch(int thread)
    {
        var s = _state[thread];
        s.Generation++;
        s.Proposal.CopyTo(s.Bounds, 0);
    }

    /// <summary>What one thread keeps for itself; every thread computes the same values from the same published times.</summary>
    private sealed class ThreadState
    {
        public ThreadState(int threads, ReceiverPartitioning partitions)
        {
            Scratch = new long[Window];
            Speed = new double[threads];
            Proposal = new int[threads + 1];
            Bounds = new int[threads + 1];
            for (int t = 0; t <= threads; t++)
            {
                Bounds[t] = t < threads ? partitions.Start(t) : partitions.Receivers;
            }
        }

        public int Generation { get; set; }

        public long[] Scratch { get; }

        public double[] Speed { get; }

        public int[] Proposal { get; }

        public int[] Bounds { get; }
    }
}
