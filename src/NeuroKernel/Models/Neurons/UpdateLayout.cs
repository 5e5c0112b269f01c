using System.Numerics;
using System.Runtime.CompilerServices;
using NeuroKernel.Delivery;

namespace NeuroKernel.Models.Neurons;

/// <summary>How neuron blocks cut their update (chunks, passes of lags) and the helpers every update path shares.</summary>
internal static class UpdateLayout
{
    /// <summary>Neurons per cache chunk (8 state arrays × 512 × 8 B = 32 KiB).</summary>
    public const int ChunkSize = 512;

    /// <summary>Lags per pass of the whole-slice update (its lane masks take LagsPerPass × ChunkSize / 8 bytes of stack).</summary>
    public const int LagsPerPass = 32;

    /// <summary>Bytes between the lags' lane masks in a whole-slice pass: one byte per vector of a chunk.</summary>
    public const int MaskStride = ChunkSize / 8;

    /// <summary>
    /// Appends the spikes that a vectorized step recorded as lane masks: bit <c>b</c> of <paramref name="fired"/>[n]
    /// means that neuron <c>start + 8·n + b</c> fired. The bytes, read eight at a time, form one bitmap of neurons, so
    /// that a chunk's 64 masks take eight words. Spikes are added in ascending order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddSpikes(ReadOnlySpan<byte> fired, int start, int lag, SpikeList spikes)
    {
        int n = 0;
        for (; n + sizeof(ulong) <= fired.Length; n += sizeof(ulong))
        {
            ulong bits = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(fired[n..]);
            while (bits != 0)
            {
                spikes.Add(lag, start + 8 * n + BitOperations.TrailingZeroCount(bits), 1);
                bits &= bits - 1;
            }
        }

        for (; n < fired.Length; n++)
        {
            uint bits = fired[n];
            while (bits != 0)
            {
                spikes.Add(lag, start + 8 * n + BitOperations.TrailingZeroCount(bits), 1);
                bits &= bits - 1;
            }
        }
    }

    /// <summary>
    /// Asks the CPU for the next pair's ring cells of one lag (the two lines after <paramref name="cell"/>'s pair on
    /// both channels): a pass reads 2 × lags streams, one slot apart, too many for the hardware prefetcher.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void PrefetchNextPair(ref double ex0, ref double in0, nuint cell)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            // Pointers, not references: the next pair may lie past the end of the array, which a prefetch may address
            // but a managed reference may not.
            double* ex = (double*)Unsafe.AsPointer(ref ex0) + cell, inh = (double*)Unsafe.AsPointer(ref in0) + cell;
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(ex + 16);
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(ex + 24);
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(inh + 16);
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(inh + 24);
        }
    }
}
