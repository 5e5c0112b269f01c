using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NeuroKernel.Delivery;
using NeuroKernel.Kernel;
using NeuroKernel.Models.Neurons;

namespace NeuroKernel.Models.IafPscDelta;

/// <summary>A population of <c>iaf_psc_delta</c> neurons.</summary>
internal sealed class IafPscDeltaBlock : NeuronBlock<IafPscDeltaParameters, IafPscDeltaPropagators>
{
    /// <summary>Input that arrived during the refractory period, decayed to its end (refractory_input).</summary>
    private readonly double[] _refractoryInput;

    public IafPscDeltaBlock(IafPscDeltaModel model, int firstId, int count) : base(model, firstId, count) =>
        _refractoryInput = new double[count];

    protected override double RecordableState(int local, string name) => throw new ArgumentOutOfRangeException(nameof(name));

    protected override IafPscDeltaPropagators CreatePropagators(IafPscDeltaParameters p, TimeGrid grid) => new(p, grid);

    /// <summary>
    /// NEST's order: the membrane decays, takes the DC input and this step's spikes (unless refractory), is
    /// bounded below by V_min; then threshold and reset; then the new DC input.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Step(in IafPscDeltaPropagators p, int start, int end, int lag, in StepInput input, SpikeList spikes)
    {
        var ex = input.Ex;
        var inh = input.Inh;
        var current = input.Current;
        var v = V.AsSpan();
        var refractory = Refractory.AsSpan();
        var ie = IE.AsSpan();
        var y0 = Y0.AsSpan();
        int first = start;
        // Input that arrives while refractory is kept only with refractory_input, which needs exp() per neuron:
        // that rare case stays scalar. Vector512 runs as two Vector256 halves where AVX-512 is missing.
        if (Vector256.IsHardwareAccelerated && !p.RefractoryInput)
        {
            first = inh.IsEmpty
                ? StepVectorized<SharedChannel>(in p, start, end, lag, ex, inh, current, spikes)
                : StepVectorized<SeparateChannels>(in p, start, end, lag, ex, inh, current, spikes);
        }

        for (int i = first; i < end; i++)
        {
            double arriving = inh.IsEmpty ? ex[i] : ex[i] + inh[i];
            if (refractory[i] == 0.0)
            {
                // V = P30·(y0 + I_e) + P33·V + spikes
                double vi = p.P30 * (y0[i] + ie[i]) + p.P33 * v[i] + arriving;
                if (_refractoryInput[i] != 0.0)
                {
                    vi += _refractoryInput[i];
                    _refractoryInput[i] = 0.0;
                }

                v[i] = Math.Max(vi, p.VMin);
            }
            else
            {
                if (p.RefractoryInput)
                {
                    _refractoryInput[i] += arriving * Math.Exp(-refractory[i] * p.DecayPerStep);
                }

                refractory[i] -= 1.0;
            }

            if (v[i] >= p.VTh)
            {
                refractory[i] = p.RefractorySteps;
                v[i] = p.VReset;
                spikes.Add(lag, i, 1);
            }

            y0[i] = current[i];
        }
    }

    /// <summary>
    /// The same step with Vector512&lt;double&gt; for models without refractory_input; returns the first index it did
    /// not handle. Input kept from an earlier run with refractory_input is still added when the neuron leaves its
    /// refractory period. As in iaf_psc_alpha, the loop calls nothing and records fired lanes as bit masks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private int StepVectorized<TInput>(in IafPscDeltaPropagators p, int start, int end, int lag,
        ReadOnlySpan<double> ex, ReadOnlySpan<double> inh, ReadOnlySpan<double> current, SpikeList spikes)
        where TInput : struct, IArrivingInput
    {
        int w = Vector512<double>.Count;
        int vectors = (end - start) / w;
        if (vectors == 0)
        {
            return start;
        }

        System.Diagnostics.Debug.Assert(vectors <= ChunkSize, "Step is called for more than one chunk.");
        Span<byte> fired = stackalloc byte[ChunkSize];
        var p30 = Vector512.Create(p.P30);
        var p33 = Vector512.Create(p.P33);
        var vMin = Vector512.Create(p.VMin);
        var threshold = new VectorThreshold(p.VTh, p.VReset, p.RefractorySteps);
        ref double v0 = ref MemoryMarshal.GetArrayDataReference(V);
        ref double r0 = ref MemoryMarshal.GetArrayDataReference(Refractory);
        ref double y00 = ref MemoryMarshal.GetArrayDataReference(Y0);
        ref double ie0 = ref MemoryMarshal.GetArrayDataReference(IE);
        ref double ri0 = ref MemoryMarshal.GetArrayDataReference(_refractoryInput);
        ref double ex0 = ref MemoryMarshal.GetReference(ex);
        ref double in0 = ref MemoryMarshal.GetReference(inh);
        ref double cur0 = ref MemoryMarshal.GetReference(current);
        ref byte fired0 = ref MemoryMarshal.GetReference(fired);
        int anyFired = 0;
        for (int n = 0; n < vectors; n++)
        {
            nuint k = (nuint)(start + n * w);
            var v = Vector512.LoadUnsafe(ref v0, k);
            var r = Vector512.LoadUnsafe(ref r0, k);
            var ri = Vector512.LoadUnsafe(ref ri0, k);
            var arriving = TInput.Load(ref ex0, ref in0, k);

            // V = P30·(y0 + I_e) + P33·V + spikes (+ input kept from the refractory period), bounded below by V_min.
            var candidate = p30 * (Vector512.LoadUnsafe(ref y00, k) + Vector512.LoadUnsafe(ref ie0, k)) + p33 * v + arriving;
            candidate = Vector512.ConditionalSelect(Vector512.Equals(ri, Vector512<double>.Zero), candidate, candidate + ri);
            candidate = Vector512.ConditionalSelect(Vector512.LessThan(candidate, vMin), vMin, candidate);
            var free = Vector512.Equals(r, Vector512<double>.Zero);
            v = Vector512.ConditionalSelect(free, candidate, v);
            Vector512.StoreUnsafe(Vector512.ConditionalSelect(free, Vector512<double>.Zero, ri), ref ri0, k);
            r = Vector512.ConditionalSelect(free, r, r - Vector512<double>.One);

            byte bits = FireAndStore(v, r, in threshold, ref v0, ref r0, ref y00, ref cur0, k);
            Unsafe.Add(ref fired0, n) = bits;
            anyFired |= bits;
        }

        return FinishVectorized(fired[..vectors], anyFired, start, lag, spikes);
    }

    /// <summary>How the vector step reads a step's spike input (a struct type argument, so the JIT compiles each loop apart).</summary>
    private interface IArrivingInput
    {
        /// <summary>The summed spike input of the eight neurons at <paramref name="k"/> (mV).</summary>
        static abstract Vector512<double> Load(ref double ex0, ref double in0, nuint k);
    }

    /// <summary>Excitatory and inhibitory input in two buffers: their sum.</summary>
    private struct SeparateChannels : IArrivingInput
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Load(ref double ex0, ref double in0, nuint k) =>
            Vector512.LoadUnsafe(ref ex0, k) + Vector512.LoadUnsafe(ref in0, k);
    }

    /// <summary>Both signs in one buffer (<see cref="Delivery.RingBuffers.SharedSpikeChannels"/>): that buffer alone.</summary>
    private struct SharedChannel : IArrivingInput
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Load(ref double ex0, ref double in0, nuint k) => Vector512.LoadUnsafe(ref ex0, k);
    }
}
