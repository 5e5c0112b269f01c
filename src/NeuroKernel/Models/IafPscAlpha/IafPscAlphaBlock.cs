using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NeuroKernel.Delivery;
using NeuroKernel.Kernel;
using NeuroKernel.Models.Neurons;

namespace NeuroKernel.Models.IafPscAlpha;

/// <summary>A population of <c>iaf_psc_alpha</c> neurons: membrane state plus the two alpha currents and their derivatives.</summary>
internal sealed class IafPscAlphaBlock : NeuronBlock<IafPscAlphaParameters, IafPscAlphaPropagators>
{
    // NEST's S_: alpha currents and their derivative states (V, y0 and the refractory counter are in the base).
    private readonly double[] _dIEx, _iEx, _dIIn, _iIn;

    public IafPscAlphaBlock(IafPscAlphaModel model, int firstId, int count) : base(model, firstId, count)
    {
        _dIEx = new double[count];
        _iEx = new double[count];
        _dIIn = new double[count];
        _iIn = new double[count];
    }

    protected override double RecordableState(int local, string name) => name switch
    {
        ParameterNames.ISynExcitatory => _iEx[local],
        ParameterNames.ISynInhibitory => _iIn[local],
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    protected override IafPscAlphaPropagators CreatePropagators(IafPscAlphaParameters p, TimeGrid grid) => new(p, grid);

    /// <summary>
    /// One step for neurons [start, end), in NEST's order: membrane (unless refractory) from the old
    /// currents, then currents, then this step's spike input into the derivative states, then threshold
    /// and reset, then the new DC input.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Step(in IafPscAlphaPropagators p, int start, int end, int lag, in StepInput input, SpikeList spikes)
    {
        var ex = input.Ex;
        var inh = input.Inh;
        var current = input.Current;
        int i = start;
        // Vector512 runs as two Vector256 halves where AVX-512 is missing: still far faster than the scalar loop.
        if (Vector256.IsHardwareAccelerated)
        {
            i = StepVectorized(in p, start, end, lag, ex, inh, current, spikes);
        }

        for (; i < end; i++)
        {
            double v = V[i];
            if (Refractory[i] == 0.0)
            {
                // V = P30·(y0 + I_e) + P31ex·dIex + P32ex·Iex + P31in·dIin + P32in·Iin + expm1(−h/tau_m)·V + V
                v = p.P30 * (Y0[i] + IE[i]) + p.P31Ex * _dIEx[i] + p.P32Ex * _iEx[i]
                    + p.P31In * _dIIn[i] + p.P32In * _iIn[i] + p.Expm1TauM * v + v;
                v = Math.Max(v, p.VMin);
            }
            else
            {
                Refractory[i] -= 1.0;
            }

            _iEx[i] = p.P21Ex * _dIEx[i] + p.P22Ex * _iEx[i];
            _dIEx[i] = p.P11Ex * _dIEx[i] + p.PscInitialEx * ex[i];
            _iIn[i] = p.P21In * _dIIn[i] + p.P22In * _iIn[i];
            _dIIn[i] = p.P11In * _dIIn[i] + p.PscInitialIn * inh[i];
            if (v >= p.VTh)
            {
                v = p.VReset;
                Refractory[i] = p.RefractorySteps;
                spikes.Add(lag, i, 1);
            }

            V[i] = v;
            Y0[i] = current[i];
        }
    }

    /// <summary>
    /// The same step with Vector512&lt;double&gt;; returns the first index it did not handle. The loop calls nothing,
    /// so that the propagators stay in registers: which lanes fired is kept as one byte per vector and turned
    /// into spikes afterwards, in ascending order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private int StepVectorized(in IafPscAlphaPropagators p, int start, int end, int lag,
        ReadOnlySpan<double> ex, ReadOnlySpan<double> inh, ReadOnlySpan<double> current, SpikeList spikes)
    {
        int w = Vector512<double>.Count;
        int vectors = (end - start) / w;
        if (vectors == 0)
        {
            return start;
        }

        // Step is called for at most one chunk of neurons, so a chunk's worth of bytes always suffices.
        System.Diagnostics.Debug.Assert(vectors <= ChunkSize, "Step is called for more than one chunk.");
        Span<byte> fired = stackalloc byte[ChunkSize];
        var p30 = Vector512.Create(p.P30);
        var p31Ex = Vector512.Create(p.P31Ex);
        var p32Ex = Vector512.Create(p.P32Ex);
        var p31In = Vector512.Create(p.P31In);
        var p32In = Vector512.Create(p.P32In);
        var expm1 = Vector512.Create(p.Expm1TauM);
        var p11Ex = Vector512.Create(p.P11Ex);
        var p21Ex = Vector512.Create(p.P21Ex);
        var p22Ex = Vector512.Create(p.P22Ex);
        var p11In = Vector512.Create(p.P11In);
        var p21In = Vector512.Create(p.P21In);
        var p22In = Vector512.Create(p.P22In);
        var pscEx = Vector512.Create(p.PscInitialEx);
        var pscIn = Vector512.Create(p.PscInitialIn);
        var vMin = Vector512.Create(p.VMin);
        var threshold = new VectorThreshold(p.VTh, p.VReset, p.RefractorySteps);
        ref double v0 = ref MemoryMarshal.GetArrayDataReference(V);
        ref double dIEx0 = ref MemoryMarshal.GetArrayDataReference(_dIEx);
        ref double iEx0 = ref MemoryMarshal.GetArrayDataReference(_iEx);
        ref double dIIn0 = ref MemoryMarshal.GetArrayDataReference(_dIIn);
        ref double iIn0 = ref MemoryMarshal.GetArrayDataReference(_iIn);
        ref double y00 = ref MemoryMarshal.GetArrayDataReference(Y0);
        ref double r0 = ref MemoryMarshal.GetArrayDataReference(Refractory);
        ref double ie0 = ref MemoryMarshal.GetArrayDataReference(IE);
        ref double ex0 = ref MemoryMarshal.GetReference(ex);
        ref double in0 = ref MemoryMarshal.GetReference(inh);
        ref double cur0 = ref MemoryMarshal.GetReference(current);
        ref byte fired0 = ref MemoryMarshal.GetReference(fired);
        int anyFired = 0;
        for (int n = 0; n < vectors; n++)
        {
            nuint k = (nuint)(start + n * w);
            var v = Vector512.LoadUnsafe(ref v0, k);
            var dIEx = Vector512.LoadUnsafe(ref dIEx0, k);
            var iEx = Vector512.LoadUnsafe(ref iEx0, k);
            var dIIn = Vector512.LoadUnsafe(ref dIIn0, k);
            var iIn = Vector512.LoadUnsafe(ref iIn0, k);
            var r = Vector512.LoadUnsafe(ref r0, k);

            var candidate = p30 * (Vector512.LoadUnsafe(ref y00, k) + Vector512.LoadUnsafe(ref ie0, k)) + p31Ex * dIEx + p32Ex * iEx
                + p31In * dIIn + p32In * iIn + expm1 * v + v;
            candidate = Vector512.ConditionalSelect(Vector512.LessThan(candidate, vMin), vMin, candidate);
            var free = Vector512.Equals(r, Vector512<double>.Zero);
            v = Vector512.ConditionalSelect(free, candidate, v);
            r = Vector512.ConditionalSelect(free, r, r - Vector512<double>.One);

            Vector512.StoreUnsafe(p21Ex * dIEx + p22Ex * iEx, ref iEx0, k);
            Vector512.StoreUnsafe(p11Ex * dIEx + pscEx * Vector512.LoadUnsafe(ref ex0, k), ref dIEx0, k);
            Vector512.StoreUnsafe(p21In * dIIn + p22In * iIn, ref iIn0, k);
            Vector512.StoreUnsafe(p11In * dIIn + pscIn * Vector512.LoadUnsafe(ref in0, k), ref dIIn0, k);

            byte bits = FireAndStore(v, r, in threshold, ref v0, ref r0, ref y00, ref cur0, k);
            Unsafe.Add(ref fired0, n) = bits;
            anyFired |= bits;
        }

        return FinishVectorized(fired[..vectors], anyFired, start, lag, spikes);
    }
}
