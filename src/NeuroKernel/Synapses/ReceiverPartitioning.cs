namespace NeuroKernel.Synapses;

/// <summary>
/// Splits the receivers (neurons, numbered by their ring-buffer index) into contiguous partitions of at most
/// 65,536, so that a target is stored as a 16-bit index local to its partition, and so that threads can own
/// disjoint sets of partitions and never write the same ring-buffer memory.
/// </summary>
/// <remarks>
/// There are as few partitions as the 16-bit indices and the threads allow: one per thread unless a thread owns
/// more than 65,536 receivers, rounded up to a multiple of the thread count when that balances them. Fewer
/// partitions mean longer contiguous runs of targets per spike, which the hardware prefetcher streams well;
/// smaller partitions that keep a lag's slot region in the L1 cache (tried with 4,096 receivers) were about a
/// fifth slower at order 2500, because each spike's target list was cut into more, shorter runs. The result
/// does not depend on the partitioning: every target belongs to exactly one partition, and each thread walks
/// all spikes in the canonical order, so each target receives its inputs in the same order however the
/// receivers are split.
/// </remarks>
internal sealed class ReceiverPartitioning
{
    /// <summary>Largest partition: a local index must fit an unsigned 16-bit integer.</summary>
    public const int MaxSize = 1 << 16;

    /// <summary>Smallest useful partition: below it a thread has too little work per spike.</summary>
    private const int MinSize = 256;

    // Explicit partition starts (Count + 1 entries, the last = Receivers) of a partitioning whose boundaries move
    // (see ThreadBalancer); null for the uniform split.
    private readonly int[]? _starts;

    private ReceiverPartitioning(int receivers, int count, bool movable = false)
    {
        Receivers = receivers;
        Count = count;
        Size = receivers == 0 ? 1 : (receivers + count - 1) / count;
        if (movable)
        {
            _starts = new int[count + 1];
            for (int p = 0; p <= count; p++)
            {
                _starts[p] = Math.Min(receivers, p * Size);
            }
        }
    }

    public static ReceiverPartitioning Empty { get; } = new(0, 1);

    /// <summary>The partitioning for <paramref name="receivers"/> receivers and <paramref name="threads"/> threads.</summary>
    public static ReceiverPartitioning For(int receivers, int threads)
    {
        int needed = (int)(((long)receivers + MaxSize - 1) / MaxSize);
        int wanted = Math.Clamp(receivers / MinSize, 1, Math.Max(1, threads));
        int count = Math.Max(needed, wanted);
        // A multiple of the thread count balances the partitions over the threads.
        if (threads > 1 && count > threads && receivers / MinSize >= count)
        {
            count = (count + threads - 1) / threads * threads;
        }

        return new ReceiverPartitioning(receivers, Math.Max(1, count));
    }

    /// <summary>
    /// A partitioning like <paramref name="like"/> whose boundaries can be moved with <see cref="MoveBoundaries"/>. Only
    /// when <see cref="IdsAreGlobal"/>: the stored targets then do not depend on where the boundaries are.
    /// </summary>
    public static ReceiverPartitioning Movable(ReceiverPartitioning like)
    {
        if (!like.IdsAreGlobal)
        {
            throw new InvalidOperationException("Only partitions of global 16-bit receiver indices can move.");
        }

        return new ReceiverPartitioning(like.Receivers, like.Count, movable: true);
    }

    /// <summary>Sets the partitions' first receivers (<see cref="Count"/> + 1 ascending entries from 0 to <see cref="Receivers"/>).</summary>
    public void MoveBoundaries(ReadOnlySpan<int> starts)
    {
        if (_starts is null || starts.Length != _starts.Length || starts[0] != 0 || starts[^1] != Receivers)
        {
            throw new InvalidOperationException("Boundaries of a fixed partitioning, or of another shape.");
        }

        starts.CopyTo(_starts);
    }

    public int Receivers { get; }

    /// <summary>Number of partitions P.</summary>
    public int Count { get; }

    /// <summary>Receivers per partition of the uniform split (the last may hold fewer).</summary>
    public int Size { get; }

    public int Start(int partition) => _starts is null ? Math.Min(Receivers, partition * Size) : _starts[partition];

    /// <summary>
    /// True when every receiver index fits 16 bits (at most 65,536 receivers): the stored targets are then the
    /// receiver indices themselves, whichever partition they are in.
    /// </summary>
    public bool IdsAreGlobal => Receivers <= MaxSize;

    /// <summary>
    /// The receiver that the stored 16-bit targets of <paramref name="partition"/> count from: 0 when
    /// <see cref="IdsAreGlobal"/>, otherwise the partition's first receiver.
    /// </summary>
    public int Base(int partition) => IdsAreGlobal ? 0 : Start(partition);

    public int End(int partition) => _starts is null ? Math.Min(Receivers, (partition + 1) * Size) : _starts[partition + 1];

    /// <summary>The partition of <paramref name="receiver"/> and the 16-bit target it is stored as there (counted from <see cref="Base"/>).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public (int Partition, ushort Target) Locate(int receiver)
    {
        int partition = Of(receiver);
        return (partition, (ushort)(receiver - Base(partition)));
    }

    public int Of(int receiver)
    {
        if (_starts is null)
        {
            return receiver / Size;
        }

        int p = 0;
        while (p + 1 < Count && _starts[p + 1] <= receiver)
        {
            p++;
        }

        return p;
    }

    /// <summary>The partitions [first, end) that thread <paramref name="thread"/> of <paramref name="threads"/> owns.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public (int First, int End) OwnedBy(int thread, int threads) =>
        ((int)((long)thread * Count / threads), (int)((long)(thread + 1) * Count / threads));
}
