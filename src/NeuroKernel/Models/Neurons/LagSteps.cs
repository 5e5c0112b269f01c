using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NeuroKernel.Delivery;

namespace NeuroKernel.Models.Neurons;

/// <summary>The lag-by-lag step of one model's group type over lanes <typeparamref name="T"/>, reading its spike input from one shared channel when <typeparamref name="TSharedChannel"/> is <see cref="On"/>.</summary>
internal static class LagSteps<TArrays, TGroup, T, TMask, TConstants, TSharedChannel>
    where TGroup : struct, INeuronGroup<TGroup, T, TMask, TConstants, TArrays>
    where T : struct, ILane<T, TMask>
    where TSharedChannel : struct, IFlag
    where TArrays : struct, allows ref struct
{
    /// <summary>
    /// One lag of as many whole groups of neurons from <paramref name="start"/> as fit before <paramref name="end"/>: load the
    /// group, step it, store it, take the new input current. The loop calls nothing, so that the constants stay in
    /// registers: which lanes fired is kept as one byte per group and turned into spikes afterwards, in ascending order.
    /// Returns the first neuron it did not handle.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    public static int Step(in TArrays arrays, in TConstants constants, int start, int end, int lag, in StepInput input, SpikeList spikes)
    {
        // Copies: the loop keeps the constants and the arrays' references in registers (a reference into the caller's
        // memory would be read again after every store).
        var c = constants;
        var a = arrays;
        int w = T.Width;
        int groups = (end - start) / w;
        if (groups == 0)
        {
            return start;
        }

        // Step is called for at most one chunk of neurons, so a chunk's worth of bytes always suffices.
        System.Diagnostics.Debug.Assert(groups <= UpdateLayout.ChunkSize, "Step is called for more than one chunk.");
        Span<byte> fired = stackalloc byte[UpdateLayout.ChunkSize];
        ref double ex0 = ref MemoryMarshal.GetReference(input.Ex);
        ref double in0 = ref MemoryMarshal.GetReference(input.Inh);
        ref double cur0 = ref MemoryMarshal.GetReference(input.Current);
        ref double filtered0 = ref MemoryMarshal.GetReference(input.Filtered);
        bool hasFiltered = !input.Filtered.IsEmpty;
        ref byte fired0 = ref MemoryMarshal.GetReference(fired);
        uint anyFired = 0;
        for (int n = 0; n < groups; n++)
        {
            nuint k = (nuint)(start + n * w);
            var group = TGroup.Load(a, k, in c);
            var ex = T.Load(ref ex0, k);
            // One buffer for both signs (only models that read the sum in the network): no inhibitory span.
            var inh = TSharedChannel.Value ? T.Zero : T.Load(ref in0, k);
            if (TGroup.SumsSpikes)
            {
                ex = TSharedChannel.Value ? ex : ex + inh;
                inh = T.Zero;
            }

            uint bits = T.Bits(group.Step(in c, ex, inh));
            group.Store(a, k);
            TGroup.TakeCurrents(a, k, ref cur0, ref filtered0, hasFiltered);
            Unsafe.Add(ref fired0, n) = (byte)bits;
            anyFired |= bits;
        }

        if (anyFired != 0)
        {
            if (w == 1)
            {
                for (int n = 0; n < groups; n++)
                {
                    if (fired[n] != 0)
                    {
                        spikes.Add(lag, start + n, 1);
                    }
                }
            }
            else
            {
                UpdateLayout.AddSpikes(fired[..groups], start, lag, spikes);
            }
        }

        return start + groups * w;
    }
}
