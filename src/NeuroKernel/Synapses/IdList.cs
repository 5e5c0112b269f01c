using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NeuroKernel.Synapses;

/// <summary>
/// The node or receiver indices of a <see cref="ConnectionGroupBuilder"/>, back to back. They are kept as
/// 16-bit values while every index fits (networks below 65,536 nodes: half the bytes, and on a machine where
/// fresh memory is expensive to touch, half the build time), and as 32-bit values from the first index that
/// does not fit on.
/// </summary>
internal sealed class IdList
{
    private const int Narrowest = ushort.MaxValue;
    private ChunkedList<ushort>? _narrow = new();
    private ChunkedList<int>? _wide;
    private ushort[] _narrowScratch = [];
    private ushort[] _readScratch = [];

    public long Count => _narrow?.Count ?? _wide!.Count;

    /// <summary>True while the indices are stored in 16 bits.</summary>
    public bool IsNarrow => _narrow is not null;

    public int this[long index] => _narrow is not null ? _narrow[index] : _wide![index];

    /// <summary>Appends non-negative indices.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddRange(ReadOnlySpan<int> ids)
    {
        if (ids.IsEmpty)
        {
            return;
        }

        if (_narrow is not null)
        {
            if (TensorPrimitives.Max(ids) <= Narrowest)
            {
                if (_narrowScratch.Length < ids.Length)
                {
                    _narrowScratch = new ushort[Math.Max(ids.Length, 1024)];
                }

                var narrow = _narrowScratch.AsSpan(0, ids.Length);
                Narrow(ids, narrow);
                _narrow.AddRange(narrow);
                return;
            }

            Widen();
        }

        _wide!.AddRange(ids);
    }

    /// <summary>The indices [start, start + count), in <paramref name="scratch"/> or a view of the storage.</summary>
    public ReadOnlySpan<int> GetSpan(long start, int count, ref int[] scratch) => GetSpan(start, count, ref scratch, ref _readScratch);

    /// <summary>
    /// The same with the caller's scratch for 16-bit indices too: threads that read one list side by side each pass
    /// their own.
    /// </summary>
    public ReadOnlySpan<int> GetSpan(long start, int count, ref int[] scratch, ref ushort[] narrowScratch)
    {
        if (_wide is not null)
        {
            return _wide.GetSpan(start, count, ref scratch);
        }

        var narrow = _narrow!.GetSpan(start, count, ref narrowScratch);
        if (scratch.Length < count)
        {
            scratch = new int[count];
        }

        var wide = scratch.AsSpan(0, count);
        TensorPrimitives.ConvertChecked(narrow, wide);
        return wide;
    }

    /// <summary>
    /// <c>narrow[i] = (ushort)ids[i]</c> for indices known to fit (TensorPrimitives.ConvertTruncating has no
    /// vector path for int → ushort).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Narrow(ReadOnlySpan<int> ids, Span<ushort> narrow)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref uint from = ref Unsafe.As<int, uint>(ref MemoryMarshal.GetReference(ids));
            ref ushort to = ref MemoryMarshal.GetReference(narrow);
            int w = Vector256<uint>.Count;
            for (; i <= ids.Length - (2 * w); i += 2 * w)
            {
                Vector256.Narrow(Vector256.LoadUnsafe(ref from, (nuint)i), Vector256.LoadUnsafe(ref from, (nuint)(i + w)))
                    .StoreUnsafe(ref to, (nuint)i);
            }
        }

        for (; i < ids.Length; i++)
        {
            narrow[i] = (ushort)ids[i];
        }
    }

    /// <summary>Drops the indices from <paramref name="count"/> on (rolls back a failed Connect).</summary>
    public void Truncate(long count)
    {
        _narrow?.Truncate(count);
        _wide?.Truncate(count);
    }

    /// <summary>Switches to 32-bit storage, copying what is stored.</summary>
    private void Widen()
    {
        var wide = new ChunkedList<int>();
        int[] block = [];
        const int BlockSize = 1 << 16;
        for (long k = 0; k < _narrow!.Count; k += BlockSize)
        {
            int n = (int)Math.Min(BlockSize, _narrow.Count - k);
            wide.AddRange(GetSpan(k, n, ref block));
        }

        _wide = wide;
        _narrow = null;
        _narrowScratch = [];
        _readScratch = [];
    }
}
