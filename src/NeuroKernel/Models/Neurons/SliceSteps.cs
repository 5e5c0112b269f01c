using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NeuroKernel.Models.Neurons;

/// <summary>The whole-slice step of one model's group type over eight lanes.</summary>
internal static class SliceSteps<TArrays, TGroup, TConstants>
    where TGroup : struct, INeuronGroup<TGroup, Lane8, Vector512<double>, TConstants, TArrays>
    where TArrays : struct, allows ref struct
{
    /// <summary>
    /// The whole-slice step: each pair of eight-neuron groups goes through every lag of the pass with its state in
    /// registers, so that state memory is read and written once per pass instead of once per lag, and the two groups'
    /// dependency chains (a lag's V needs the last lag's) overlap. The step is the model's group step, the same
    /// operations in the same order as the lag-by-lag path. A last unpaired group is left to the lag-by-lag step. The
    /// constants come by reference (the caller's local), so that they are loaded as operands and the registers stay for
    /// the state. Returns the first neuron it did not handle.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    public static int Step(in TArrays arrays, in TConstants constants, int start, int end, in SliceInput input, Span<byte> fired)
    {
        // Copies, so that the constants and the arrays' references stay in registers (a reference into the caller's memory
        // is read again after every store): with AVX-512's 32 vector registers, the eighteen constants of iaf_psc_alpha and
        // the state of two groups fit with a few spills.
        var c = constants;
        var a = arrays;
        const int w = 8;
        System.Diagnostics.Debug.Assert(!TGroup.SumsSpikes, "The whole-slice step reads the two spike channels apart.");
        int pairs = (end - start) / (2 * w);
        System.Diagnostics.Debug.Assert(pairs * 2 <= UpdateLayout.MaskStride, "StepSlice is called for more than one chunk.");
        ref double ex0 = ref MemoryMarshal.GetArrayDataReference(input.Ex);
        ref double in0 = ref MemoryMarshal.GetArrayDataReference(input.Inh);
        ref int slot0 = ref MemoryMarshal.GetReference(input.Slots);
        int lags = input.Slots.Length;
        for (int n = 0; n < 2 * pairs; n += 2)
        {
            nuint ia = (nuint)(start + n * w), ib = ia + w;
            var groupA = TGroup.Load(a, ia, in c);
            var groupB = TGroup.Load(a, ib, in c);
            ref byte mask = ref fired[n];
            for (int j = 0; j < lags; j++)
            {
                nuint cell = (nuint)Unsafe.Add(ref slot0, j) + ia;
                UpdateLayout.PrefetchNextPair(ref ex0, ref in0, cell);
                Unsafe.Add(ref mask, j * UpdateLayout.MaskStride) = Advance(ref groupA, in c, ref Unsafe.Add(ref ex0, cell), ref Unsafe.Add(ref in0, cell));
                Unsafe.Add(ref mask, j * UpdateLayout.MaskStride + 1) = Advance(ref groupB, in c, ref Unsafe.Add(ref ex0, cell + w), ref Unsafe.Add(ref in0, cell + w));
            }

            groupA.Store(a, ia);
            groupB.Store(a, ib);
        }

        return start + pairs * 2 * w;
    }

    /// <summary>One step of a group held in registers: its ring cells of the lag read and cleared, then the model's step. Returns the lanes that fired.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Advance(ref TGroup group, in TConstants c, ref double exCell, ref double inCell)
    {
        var exIn = Lane8.Load(ref exCell, 0);
        var inIn = Lane8.Load(ref inCell, 0);
        Vector512.StoreUnsafe(Vector512<double>.Zero, ref exCell);
        Vector512.StoreUnsafe(Vector512<double>.Zero, ref inCell);
        return (byte)Lane8.Bits(group.Step(in c, exIn, inIn));
    }
}
