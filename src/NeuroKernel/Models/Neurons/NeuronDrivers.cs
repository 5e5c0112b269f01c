using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using NeuroKernel.Delivery;

namespace NeuroKernel.Models.Neurons;

/// <summary>
/// The update paths of one neuron model, driven by its group type over eight lanes (<typeparamref name="TVector"/>) and
/// one (<typeparamref name="TScalar"/>) — the same equations — so that a model has one definition of its step:
/// <see cref="Step"/> takes neurons through one lag (vectors, then one at a time), <see cref="StepSlice"/> takes pairs of
/// vector groups through every lag of a pass with their state in registers.
/// </summary>
internal static class NeuronDrivers<TArrays, TVector, TScalar, TVectorConstants, TScalarConstants, TPropagators>
    where TVector : struct, INeuronGroup<TVector, Lane8, Vector512<double>, TVectorConstants, TArrays>
    where TScalar : struct, INeuronGroup<TScalar, Lane1, bool, TScalarConstants, TArrays>
    where TVectorConstants : struct, IPropagatorLanes<TVectorConstants, TPropagators>
    where TScalarConstants : struct, IPropagatorLanes<TScalarConstants, TPropagators>
    where TPropagators : struct
    where TArrays : struct, allows ref struct
{
    /// <summary>
    /// The generic code the model's update runs (for the warm-up, which compiles it before the first slice): the paths
    /// with one buffer for both spike signs only for models that read the sum (with models that read them apart in the
    /// network the buffers are never shared), the whole-slice step only for the others.
    /// </summary>
    public static Type[] Types { get; } = TVector.SumsSpikes
        ?
        [
            typeof(NeuronDrivers<TArrays, TVector, TScalar, TVectorConstants, TScalarConstants, TPropagators>),
            typeof(LagSteps<TArrays, TVector, Lane8, Vector512<double>, TVectorConstants, On>),
            typeof(LagSteps<TArrays, TVector, Lane8, Vector512<double>, TVectorConstants, Off>),
            typeof(LagSteps<TArrays, TScalar, Lane1, bool, TScalarConstants, On>),
            typeof(LagSteps<TArrays, TScalar, Lane1, bool, TScalarConstants, Off>),
        ]
        :
        [
            typeof(NeuronDrivers<TArrays, TVector, TScalar, TVectorConstants, TScalarConstants, TPropagators>),
            typeof(SliceSteps<TArrays, TVector, TVectorConstants>),
            typeof(LagSteps<TArrays, TVector, Lane8, Vector512<double>, TVectorConstants, Off>),
            typeof(LagSteps<TArrays, TScalar, Lane1, bool, TScalarConstants, Off>),
        ];

    /// <summary>
    /// One lag of neurons [<paramref name="start"/>, <paramref name="end"/>): groups of eight where the CPU has vectors
    /// (Vector512 runs as two Vector256 halves without AVX-512, still far faster than scalar), then one neuron at a time.
    /// Both run the same equations, so every neuron gets the same bits whichever path it takes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Step(in TArrays arrays, in TPropagators p, int start, int end, int lag, in StepInput input, SpikeList spikes)
    {
        int i = start;
        // The constants of a path are made only when it runs: a segment's last few neurons take the scalar path alone.
        if (Vector256.IsHardwareAccelerated && end - start >= Lane8.Width)
        {
            var vector = TVectorConstants.Create(in p);
            i = input.Inh.IsEmpty
                ? LagSteps<TArrays, TVector, Lane8, Vector512<double>, TVectorConstants, On>.Step(arrays, in vector, i, end, lag, in input, spikes)
                : LagSteps<TArrays, TVector, Lane8, Vector512<double>, TVectorConstants, Off>.Step(arrays, in vector, i, end, lag, in input, spikes);
        }

        if (i < end)
        {
            var scalar = TScalarConstants.Create(in p);
            _ = input.Inh.IsEmpty
                ? LagSteps<TArrays, TScalar, Lane1, bool, TScalarConstants, On>.Step(arrays, in scalar, i, end, lag, in input, spikes)
                : LagSteps<TArrays, TScalar, Lane1, bool, TScalarConstants, Off>.Step(arrays, in scalar, i, end, lag, in input, spikes);
        }
    }

    /// <summary>The whole-slice step of the vector groups from <paramref name="start"/>; returns the first neuron it did not handle.</summary>
    /// <remarks>
    /// Fully optimized from its first call, as <see cref="Step"/> is: it runs once per chunk and slice, and making the
    /// constants is a few dozen calls until they are inlined, which tier-0 code would not do for the first hundreds of
    /// slices (the runtime delays tiering up while the first slices still compile new methods).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int StepSlice(in TArrays arrays, in TPropagators p, int start, int end, in SliceInput input, Span<byte> fired)
    {
        var constants = TVectorConstants.Create(in p);
        return SliceSteps<TArrays, TVector, TVectorConstants>.Step(arrays, in constants, start, end, in input, fired);
    }
}
