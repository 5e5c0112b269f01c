using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NeuroKernel.Synapses;

/// <summary>
/// Allocates the arrays of megabytes (the builder's chunks, the store's target indices, the ring buffers' spike
/// channels) so that Linux backs them with 2 MiB transparent huge pages: each is a segment that starts on a 2 MiB
/// boundary inside a slightly larger array, advised with <c>madvise(MADV_HUGEPAGE)</c> before anything touches it. On
/// the VM this was measured on, first-touching fresh memory costs about 4.5 ms per MiB in 4 KiB pages (about 18 µs per
/// page fault) and under 0.1 ms per MiB in 2 MiB pages; the order-2500 build faulted about 7,000 pages before.
/// </summary>
/// <remarks>
/// The advice is only a hint: with <c>transparent_hugepage</c> set to <c>never</c>, on other systems, or where
/// <c>madvise</c> cannot be called, the segments lie in ordinary pages. Large arrays live on the large object heap,
/// which the GC does not move unless asked to; if it ever did, the advice would simply stay with the old range.
/// </remarks>
internal static partial class LargeArrays
{
    /// <summary>Size of a huge page on x64 and arm64 Linux (bytes).</summary>
    private const int HugePage = 2 << 20;

    private const int MadvHugepage = 14;

    /// <summary>Doubles in one huge page: the most by which two aligned segments' offsets can differ.</summary>
    public const int HugePageDoubles = HugePage / sizeof(double);

    /// <summary>
    /// Segments below this size (bytes) are ordinary arrays: a huge page holding less than half a page of data would
    /// cost more memory than it saves in page faults.
    /// </summary>
    public const int MinAlignedBytes = HugePage / 2;

    private static bool _canAdvise = OperatingSystem.IsLinux();

    /// <summary>
    /// <paramref name="length"/> entries that start on a 2 MiB boundary and lie wholly in huge pages where the kernel
    /// grants them: the array has up to 2 MiB of slack in front of the segment and is rounded up to whole huge pages.
    /// Slack that is never touched costs address space, not memory. The entries are not zeroed. Below
    /// <see cref="MinAlignedBytes"/>, or where memory cannot be advised (not Linux, or an earlier advice failed), an
    /// ordinary zeroed array of exactly <paramref name="length"/> entries (offset 0); when this advice fails, the padded
    /// array from offset 0, not zeroed. Otherwise the array holds at least <paramref name="extra"/> entries beyond the
    /// segment (advised into huge pages too), so that a caller may move the segment's start by up to that many
    /// entries: two segments of one length can then share the larger of their offsets.
    /// </summary>
    public static unsafe ArraySegment<T> AllocateAligned<T>(int length, int extra = 0)
        where T : unmanaged
    {
        long bytes = ((long)length + extra) * sizeof(T);
        long padded = ((bytes + HugePage - 1) & ~(long)(HugePage - 1)) + HugePage;
        if ((long)length * sizeof(T) < MinAlignedBytes || !_canAdvise || padded / sizeof(T) > Array.MaxLength)
        {
            return new T[length];
        }

        var array = GC.AllocateUninitializedArray<T>((int)(padded / sizeof(T)));
        nint start = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        nint first = (start + HugePage - 1) & ~(nint)(HugePage - 1);
        if ((first - start) % sizeof(T) != 0 || !Advise(first, (nuint)(padded - HugePage)))
        {
            return new ArraySegment<T>(array, 0, length);
        }

        return new ArraySegment<T>(array, (int)((first - start) / sizeof(T)), length);
    }

    /// <summary>madvise(MADV_HUGEPAGE) on [<paramref name="first"/>, + <paramref name="length"/>), both 2 MiB-aligned.</summary>
    private static bool Advise(nint first, nuint length)
    {
        try
        {
            // A kernel without transparent huge pages refuses every advice: ordinary arrays from then on.
            return _canAdvise = Madvise(first, length, MadvHugepage) == 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // A libc without madvise under this name (not glibc): ordinary pages from now on.
            _canAdvise = false;
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}
