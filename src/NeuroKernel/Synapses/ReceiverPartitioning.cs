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

    private ReceiverPartitioning(int receivers, int count)
    {
        Receivers = receivers;
        Count = count;
        Size = receivers == 0 ? 1 : (receivers + count - 1) / count;
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

    public int Receivers { get; }

    /// <summary>Number of partitions P.</summary>
    public int Count { get; }

    /// <summary>Receivers per partition (the last may hold fewer).</summary>
    public int Size { get; }

    public int Start(int partition) => Math.Min(Receivers, partition * Size);

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

    public int End(int partition) => Math.Min(Receivers, (partition + 1) * Size);

    /// <summary>The partition of <paramref name="receiver"/> and the 16-bit target it is stored as there (counted from <see cref="Base"/>).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public (int Partition, ushort Target) Locate(int receiver)
    {
        int partition = Of(receiver);
        return (partition, (ushort)(receiver - Base(partition)));
    }

    public int Of(int receiver) => receiver / Size;

    /// <summary>The partitions [first, end) that thread <paramref name="thread"/> of <paramref name="threads"/> owns.</summary>
    public (int First, int End) OwnedBy(int thread, int threads) =>
        ((int)((long)thread * Count / threads), (int)((long)(thread + 1) * Count / threads));
}
