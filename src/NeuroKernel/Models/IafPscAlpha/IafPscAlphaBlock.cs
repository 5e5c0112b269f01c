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

    protected override bool HasSliceStep => true;

    /// <summary>
    /// The whole-slice step: each pair of eight-neuron groups goes through every lag of the pass with its state in
    /// registers, so that state memory is read and written once per pass instead of once per lag, and the two groups'
    /// dependency chains (a lag's V needs the last lag's) overlap. The operations are those of
    /// <see cref="StepVectorized"/>, in the same order. A last unpaired group is left to the lag-by-lag step.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    protected override int StepSlice(in IafPscAlphaPropagators p, int start, int end, in SliceInput input, Span<byte> fired)
    {
        const int w = 8;
        int pairs = (end - start) / (2 * w);
        System.Diagnostics.Debug.Assert(pairs * 2 <= MaskStride, "StepSlice is called for more than one chunk.");
        // A local whose address is taken: the constants are loaded as operands, and the registers stay for the state.
        var constants = new AlphaConstants(in p);
        ref readonly AlphaConstants c = ref Unsafe.AsRef(in constants);
        ref double v0 = ref MemoryMarshal.GetArrayDataReference(V);
        ref double dIEx0 = ref MemoryMarshal.GetArrayDataReference(_dIEx);
        ref double iEx0 = ref MemoryMarshal.GetArrayDataReference(_iEx);
        ref double dIIn0 = ref MemoryMarshal.GetArrayDataReference(_dIIn);
        ref double iIn0 = ref MemoryMarshal.GetArrayDataReference(_iIn);
        ref double y00 = ref MemoryMarshal.GetArrayDataReference(Y0);
        ref double r0 = ref MemoryMarshal.GetArrayDataReference(Refractory);
        ref double ie0 = ref MemoryMarshal.GetArrayDataReference(IE);
        ref double ex0 = ref MemoryMarshal.GetArrayDataReference(input.Ex);
        ref double in0 = ref MemoryMarshal.GetArrayDataReference(input.Inh);
        ref int slot0 = ref MemoryMarshal.GetReference(input.Slots);
        int lags = input.Slots.Length;
        for (int n = 0; n < 2 * pairs; n += 2)
        {
            nuint a = (nuint)(start + n * w), b = a + w;
            var va = Vector512.LoadUnsafe(ref v0, a);
            var ra = Vector512.LoadUnsafe(ref r0, a);
            var dIExA = Vector512.LoadUnsafe(ref dIEx0, a);
            var iExA = Vector512.LoadUnsafe(ref iEx0, a);
            var dIInA = Vector512.LoadUnsafe(ref dIIn0, a);
            var iInA = Vector512.LoadUnsafe(ref iIn0, a);
            var vb = Vector512.LoadUnsafe(ref v0, b);
            var rb = Vector512.LoadUnsafe(ref r0, b);
            var dIExB = Vector512.LoadUnsafe(ref dIEx0, b);
            var iExB = Vector512.LoadUnsafe(ref iEx0, b);
            var dIInB = Vector512.LoadUnsafe(ref dIIn0, b);
            var iInB = Vector512.LoadUnsafe(ref iIn0, b);
            // y0 + I_e: without current generators (the only case that comes here) y0 keeps its value through the slice.
            var driveA = Vector512.LoadUnsafe(ref y00, a) + Vector512.LoadUnsafe(ref ie0, a);
            var driveB = Vector512.LoadUnsafe(ref y00, b) + Vector512.LoadUnsafe(ref ie0, b);
            ref byte mask = ref fired[n];
            for (int j = 0; j < lags; j++)
            {
                nuint cell = (nuint)Unsafe.Add(ref slot0, j) + a;
                PrefetchNextPair(ref ex0, ref in0, cell);

                byte firedA = Advance(in c, ref va, ref ra, ref dIExA, ref iExA, ref dIInA, ref iInA, driveA, ref Unsafe.Add(ref ex0, cell), ref Unsafe.Add(ref in0, cell));
                byte firedB = Advance(in c, ref vb, ref rb, ref dIExB, ref iExB, ref dIInB, ref iInB, driveB, ref Unsafe.Add(ref ex0, cell + w), ref Unsafe.Add(ref in0, cell + w));
                Unsafe.Add(ref mask, j * MaskStride) = firedA;
                Unsafe.Add(ref mask, j * MaskStride + 1) = firedB;
            }

            Vector512.StoreUnsafe(va, ref v0, a);
            Vector512.StoreUnsafe(ra, ref r0, a);
            Vector512.StoreUnsafe(dIExA, ref dIEx0, a);
            Vector512.StoreUnsafe(iExA, ref iEx0, a);
            Vector512.StoreUnsafe(dIInA, ref dIIn0, a);
            Vector512.StoreUnsafe(iInA, ref iIn0, a);
            Vector512.StoreUnsafe(vb, ref v0, b);
            Vector512.StoreUnsafe(rb, ref r0, b);
            Vector512.StoreUnsafe(dIExB, ref dIEx0, b);
            Vector512.StoreUnsafe(iExB, ref iEx0, b);
            Vector512.StoreUnsafe(dIInB, ref dIIn0, b);
            Vector512.StoreUnsafe(iInB, ref iIn0, b);
        }

        return start + pairs * 2 * w;
    }

    /// <summary>
    /// One step of eight neurons held in registers, as in <see cref="StepVectorized"/>: membrane, currents, this step's
    /// input (its ring cells read and cleared), threshold and reset. Returns the lanes that fired.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Advance(in AlphaConstants c, ref Vector512<double> v, ref Vector512<double> r,
        ref Vector512<double> dIEx, ref Vector512<double> iEx, ref Vector512<double> dIIn, ref Vector512<double> iIn,
        Vector512<double> drive, ref double exCell, ref double inCell)
    {
        var candidate = c.P30 * drive + c.P31Ex * dIEx + c.P32Ex * iEx + c.P31In * dIIn + c.P32In * iIn + c.Expm1 * v + v;
        candidate = Vector512.ConditionalSelect(Vector512.LessThan(candidate, c.VMin), c.VMin, candidate);
        var free = Vector512.Equals(r, Vector512<double>.Zero);
        var vNew = Vector512.ConditionalSelect(free, candidate, v);
        var rNew = Vector512.ConditionalSelect(free, r, r - Vector512<double>.One);

        var exIn = Vector512.LoadUnsafe(ref exCell);
        var inIn = Vector512.LoadUnsafe(ref inCell);
        Vector512.StoreUnsafe(Vector512<double>.Zero, ref exCell);
        Vector512.StoreUnsafe(Vector512<double>.Zero, ref inCell);
        iEx = c.P21Ex * dIEx + c.P22Ex * iEx;
        dIEx = c.P11Ex * dIEx + c.PscEx * exIn;
        iIn = c.P21In * dIIn + c.P22In * iIn;
        dIIn = c.P11In * dIIn + c.PscIn * inIn;

        v = vNew;
        r = rNew;
        return Fire(ref v, ref r, in c.Threshold);
    }

    /// <summary>The propagators and thresholds as vectors, for <see cref="StepSlice"/> and <see cref="StepVectorized"/>.</summary>
    private readonly struct AlphaConstants
    {
        public readonly Vector512<double> P30;
        public readonly Vector512<double> P31Ex;
        public readonly Vector512<double> P32Ex;
        public readonly Vector512<double> P31In;
        public readonly Vector512<double> P32In;
        public readonly Vector512<double> Expm1;
        public readonly Vector512<double> P11Ex;
        public readonly Vector512<double> P21Ex;
        public readonly Vector512<double> P22Ex;
        public readonly Vector512<double> P11In;
        public readonly Vector512<double> P21In;
        public readonly Vector512<double> P22In;
        public readonly Vector512<double> PscEx;
        public readonly Vector512<double> PscIn;
        public readonly Vector512<double> VMin;
        public readonly VectorThreshold Threshold;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public AlphaConstants(in IafPscAlphaPropagators p)
        {
            P30 = Vector512.Create(p.P30);
            P31Ex = Vector512.Create(p.P31Ex);
            P32Ex = Vector512.Create(p.P32Ex);
            P31In = Vector512.Create(p.P31In);
            P32In = Vector512.Create(p.P32In);
            Expm1 = Vector512.Create(p.Expm1TauM);
            P11Ex = Vector512.Create(p.P11Ex);
            P21Ex = Vector512.Create(p.P21Ex);
            P22Ex = Vector512.Create(p.P22Ex);
            P11In = Vector512.Create(p.P11In);
            P21In = Vector512.Create(p.P21In);
            P22In = Vector512.Create(p.P22In);
            PscEx = Vector512.Create(p.PscInitialEx);
            PscIn = Vector512.Create(p.PscInitialIn);
            VMin = Vector512.Create(p.VMin);
            Threshold = new VectorThreshold(p.VTh, p.VReset, p.RefractorySteps);
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
        var c = new AlphaConstants(in p);
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

            var candidate = c.P30 * (Vector512.LoadUnsafe(ref y00, k) + Vector512.LoadUnsafe(ref ie0, k)) + c.P31Ex * dIEx + c.P32Ex * iEx
                + c.P31In * dIIn + c.P32In * iIn + c.Expm1 * v + v;
            candidate = Vector512.ConditionalSelect(Vector512.LessThan(candidate, c.VMin), c.VMin, candidate);
            var free = Vector512.Equals(r, Vector512<double>.Zero);
            v = Vector512.ConditionalSelect(free, candidate, v);
            r = Vector512.ConditionalSelect(free, r, r - Vector512<double>.One);

            Vector512.StoreUnsafe(c.P21Ex * dIEx + c.P22Ex * iEx, ref iEx0, k);
            Vector512.StoreUnsafe(c.P11Ex * dIEx + c.PscEx * Vector512.LoadUnsafe(ref ex0, k), ref dIEx0, k);
            Vector512.StoreUnsafe(c.P21In * dIIn + c.P22In * iIn, ref iIn0, k);
            Vector512.StoreUnsafe(c.P11In * dIIn + c.PscIn * Vector512.LoadUnsafe(ref in0, k), ref dIIn0, k);

            byte bits = FireAndStore(v, r, in c.Threshold, ref v0, ref r0, ref y00, ref cur0, k);
            Unsafe.Add(ref fired0, n) = bits;
            anyFired |= bits;
        }

        return FinishVectorized(fired[..vectors], anyFired, start, lag, spikes);
    }
}
