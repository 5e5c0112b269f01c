using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NeuroKernel.Delivery;
using NeuroKernel.Kernel;
using NeuroKernel.Models.Neurons;

namespace NeuroKernel.Models.IafPscExp;

/// <summary>A population of <c>iaf_psc_exp</c> neurons.</summary>
internal sealed class IafPscExpBlock : NeuronBlock<IafPscExpParameters, IafPscExpPropagators>
{
    private readonly double[] _iEx, _iIn;

    /// <summary>Current of receptor 1 received in the previous step (NEST's i_1), fed into I_syn_ex through its filter.</summary>
    private readonly double[] _i1;

    public IafPscExpBlock(IafPscExpModel model, int firstId, int count) : base(model, firstId, count)
    {
        _iEx = new double[count];
        _iIn = new double[count];
        _i1 = new double[count];
    }

    protected override double RecordableState(int local, string name) => name switch
    {
        ParameterNames.ISynExcitatory => _iEx[local],
        ParameterNames.ISynInhibitory => _iIn[local],
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    protected override IafPscExpPropagators CreatePropagators(IafPscExpParameters p, TimeGrid grid) => new(p, grid);

    /// <summary>
    /// NEST's order: membrane from the old currents (unless refractory), then the currents decay and take the
    /// previous step's receptor-1 current and this step's spikes, then threshold and reset, then the new currents.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Step(in IafPscExpPropagators p, int start, int end, int lag, in StepInput input, SpikeList spikes)
    {
        var ex = input.Ex;
        var inh = input.Inh;
        var current = input.Current;
        var filtered = input.Filtered;
        var v = V.AsSpan();
        var refractory = Refractory.AsSpan();
        var ie = IE.AsSpan();
        var y0 = Y0.AsSpan();
        int first = start;
        // Vector512 runs as two Vector256 halves where AVX-512 is missing: still far faster than the scalar loop.
        if (Vector256.IsHardwareAccelerated)
        {
            first = StepVectorized(in p, start, end, lag, input, spikes);
        }

        for (int i = first; i < end; i++)
        {
            if (refractory[i] == 0.0)
            {
                // V = V·P22 + I_ex·P21ex + I_in·P21in + (I_e + y0)·P20
                v[i] = v[i] * p.P22 + _iEx[i] * p.P21Ex + _iIn[i] * p.P21In + (ie[i] + y0[i]) * p.P20;
            }
            else
            {
                refractory[i] -= 1.0;
            }

            // I_ex = I_ex·P11ex + (1 − P11ex)·i_1 + spikes (receptor 1's current, filtered by the excitatory synapse)
            _iEx[i] = _iEx[i] * p.P11Ex + (1.0 - p.P11Ex) * _i1[i] + ex[i];
            _iIn[i] = _iIn[i] * p.P11In + inh[i];
            if (v[i] >= p.VTh)
            {
                refractory[i] = p.RefractorySteps;
                v[i] = p.VReset;
                spikes.Add(lag, i, 1);
            }

            y0[i] = current[i];
            if (!filtered.IsEmpty)
            {
                _i1[i] = filtered[i];
            }
        }
    }

    protected override bool HasSliceStep => true;

    /// <summary>
    /// The whole-slice step, as iaf_psc_alpha's: each pair of eight-neuron groups goes through every lag of the pass
    /// with V, the refractory count and both currents in registers, in the operations and order of
    /// <see cref="StepVectorized"/>. Without current generators (the only case that comes here) y0 and i_1 keep their
    /// values through the slice, so (I_e + y0)·P20 and (1 − P11ex)·i_1 are the same in every lag. A last unpaired group
    /// is left to the lag-by-lag step.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    protected override int StepSlice(in IafPscExpPropagators p, int start, int end, in SliceInput input, Span<byte> fired)
    {
        const int w = 8;
        int pairs = (end - start) / (2 * w);
        System.Diagnostics.Debug.Assert(pairs * 2 <= MaskStride, "StepSlice is called for more than one chunk.");
        // A local whose address is taken: the constants are loaded as operands, and the registers stay for the state.
        var constants = new ExpConstants(in p);
        ref readonly ExpConstants c = ref Unsafe.AsRef(in constants);
        ref double v0 = ref MemoryMarshal.GetArrayDataReference(V);
        ref double r0 = ref MemoryMarshal.GetArrayDataReference(Refractory);
        ref double y00 = ref MemoryMarshal.GetArrayDataReference(Y0);
        ref double ie0 = ref MemoryMarshal.GetArrayDataReference(IE);
        ref double iEx0 = ref MemoryMarshal.GetArrayDataReference(_iEx);
        ref double iIn0 = ref MemoryMarshal.GetArrayDataReference(_iIn);
        ref double i10 = ref MemoryMarshal.GetArrayDataReference(_i1);
        ref double ex0 = ref MemoryMarshal.GetArrayDataReference(input.Ex);
        ref double in0 = ref MemoryMarshal.GetArrayDataReference(input.Inh);
        ref int slot0 = ref MemoryMarshal.GetReference(input.Slots);
        int lags = input.Slots.Length;
        for (int n = 0; n < 2 * pairs; n += 2)
        {
            nuint a = (nuint)(start + n * w), b = a + w;
            var va = Vector512.LoadUnsafe(ref v0, a);
            var ra = Vector512.LoadUnsafe(ref r0, a);
            var iExA = Vector512.LoadUnsafe(ref iEx0, a);
            var iInA = Vector512.LoadUnsafe(ref iIn0, a);
            var vb = Vector512.LoadUnsafe(ref v0, b);
            var rb = Vector512.LoadUnsafe(ref r0, b);
            var iExB = Vector512.LoadUnsafe(ref iEx0, b);
            var iInB = Vector512.LoadUnsafe(ref iIn0, b);
            var driveA = (Vector512.LoadUnsafe(ref ie0, a) + Vector512.LoadUnsafe(ref y00, a)) * c.P20;
            var driveB = (Vector512.LoadUnsafe(ref ie0, b) + Vector512.LoadUnsafe(ref y00, b)) * c.P20;
            var filteredA = c.FilterGain * Vector512.LoadUnsafe(ref i10, a);
            var filteredB = c.FilterGain * Vector512.LoadUnsafe(ref i10, b);
            ref byte mask = ref fired[n];
            for (int j = 0; j < lags; j++)
            {
                nuint cell = (nuint)Unsafe.Add(ref slot0, j) + a;
                PrefetchNextPair(ref ex0, ref in0, cell);
                byte firedA = Advance(in c, ref va, ref ra, ref iExA, ref iInA, driveA, filteredA, ref Unsafe.Add(ref ex0, cell), ref Unsafe.Add(ref in0, cell));
                byte firedB = Advance(in c, ref vb, ref rb, ref iExB, ref iInB, driveB, filteredB, ref Unsafe.Add(ref ex0, cell + w), ref Unsafe.Add(ref in0, cell + w));
                Unsafe.Add(ref mask, j * MaskStride) = firedA;
                Unsafe.Add(ref mask, j * MaskStride + 1) = firedB;
            }

            Vector512.StoreUnsafe(va, ref v0, a);
            Vector512.StoreUnsafe(ra, ref r0, a);
            Vector512.StoreUnsafe(iExA, ref iEx0, a);
            Vector512.StoreUnsafe(iInA, ref iIn0, a);
            Vector512.StoreUnsafe(vb, ref v0, b);
            Vector512.StoreUnsafe(rb, ref r0, b);
            Vector512.StoreUnsafe(iExB, ref iEx0, b);
            Vector512.StoreUnsafe(iInB, ref iIn0, b);
        }

        return start + pairs * 2 * w;
    }

    /// <summary>
    /// One step of eight neurons held in registers, as in <see cref="StepVectorized"/>: membrane, currents with this
    /// step's input (its ring cells read and cleared), threshold and reset. Returns the lanes that fired.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Advance(in ExpConstants c, ref Vector512<double> v, ref Vector512<double> r, ref Vector512<double> iEx,
        ref Vector512<double> iIn, Vector512<double> drive, Vector512<double> filtered, ref double exCell, ref double inCell)
    {
        var candidate = v * c.P22 + iEx * c.P21Ex + iIn * c.P21In + drive;
        var free = Vector512.Equals(r, Vector512<double>.Zero);
        var vNew = Vector512.ConditionalSelect(free, candidate, v);
        var rNew = Vector512.ConditionalSelect(free, r, r - Vector512<double>.One);

        var exIn = Vector512.LoadUnsafe(ref exCell);
        var inIn = Vector512.LoadUnsafe(ref inCell);
        Vector512.StoreUnsafe(Vector512<double>.Zero, ref exCell);
        Vector512.StoreUnsafe(Vector512<double>.Zero, ref inCell);
        iEx = iEx * c.P11Ex + filtered + exIn;
        iIn = iIn * c.P11In + inIn;

        v = vNew;
        r = rNew;
        return Fire(ref v, ref r, in c.Threshold);
    }

    /// <summary>The propagators and thresholds as vectors, for <see cref="StepSlice"/> and <see cref="StepVectorized"/>.</summary>
    private readonly struct ExpConstants
    {
        public readonly Vector512<double> P22;
        public readonly Vector512<double> P20;
        public readonly Vector512<double> P21Ex;
        public readonly Vector512<double> P21In;
        public readonly Vector512<double> P11Ex;
        public readonly Vector512<double> P11In;
        public readonly Vector512<double> FilterGain;
        public readonly VectorThreshold Threshold;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ExpConstants(in IafPscExpPropagators p)
        {
            P22 = Vector512.Create(p.P22);
            P20 = Vector512.Create(p.P20);
            P21Ex = Vector512.Create(p.P21Ex);
            P21In = Vector512.Create(p.P21In);
            P11Ex = Vector512.Create(p.P11Ex);
            P11In = Vector512.Create(p.P11In);
            FilterGain = Vector512.Create(1.0 - p.P11Ex);
            Threshold = new VectorThreshold(p.VTh, p.VReset, p.RefractorySteps);
        }
    }

    /// <summary>
    /// The same step with Vector512&lt;double&gt;; returns the first index it did not handle. As in iaf_psc_alpha, the
    /// loop calls nothing and records fired lanes as bit masks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private int StepVectorized(in IafPscExpPropagators p, int start, int end, int lag, in StepInput input, SpikeList spikes)
    {
        int w = Vector512<double>.Count;
        int vectors = (end - start) / w;
        if (vectors == 0)
        {
            return start;
        }

        System.Diagnostics.Debug.Assert(vectors <= ChunkSize, "Step is called for more than one chunk.");
        Span<byte> fired = stackalloc byte[ChunkSize];
        var c = new ExpConstants(in p);
        bool hasFiltered = !input.Filtered.IsEmpty;
        ref double v0 = ref MemoryMarshal.GetArrayDataReference(V);
        ref double r0 = ref MemoryMarshal.GetArrayDataReference(Refractory);
        ref double y00 = ref MemoryMarshal.GetArrayDataReference(Y0);
        ref double ie0 = ref MemoryMarshal.GetArrayDataReference(IE);
        ref double iEx0 = ref MemoryMarshal.GetArrayDataReference(_iEx);
        ref double iIn0 = ref MemoryMarshal.GetArrayDataReference(_iIn);
        ref double i10 = ref MemoryMarshal.GetArrayDataReference(_i1);
        ref double ex0 = ref MemoryMarshal.GetReference(input.Ex);
        ref double in0 = ref MemoryMarshal.GetReference(input.Inh);
        ref double cur0 = ref MemoryMarshal.GetReference(input.Current);
        ref double filtered0 = ref MemoryMarshal.GetReference(input.Filtered);
        ref byte fired0 = ref MemoryMarshal.GetReference(fired);
        int anyFired = 0;
        for (int n = 0; n < vectors; n++)
        {
            nuint k = (nuint)(start + n * w);
            var v = Vector512.LoadUnsafe(ref v0, k);
            var r = Vector512.LoadUnsafe(ref r0, k);
            var iEx = Vector512.LoadUnsafe(ref iEx0, k);
            var iIn = Vector512.LoadUnsafe(ref iIn0, k);

            // V = V·P22 + I_ex·P21ex + I_in·P21in + (I_e + y0)·P20, unless refractory.
            var candidate = v * c.P22 + iEx * c.P21Ex + iIn * c.P21In + (Vector512.LoadUnsafe(ref ie0, k) + Vector512.LoadUnsafe(ref y00, k)) * c.P20;
            var free = Vector512.Equals(r, Vector512<double>.Zero);
            v = Vector512.ConditionalSelect(free, candidate, v);
            r = Vector512.ConditionalSelect(free, r, r - Vector512<double>.One);

            Vector512.StoreUnsafe(iEx * c.P11Ex + c.FilterGain * Vector512.LoadUnsafe(ref i10, k) + Vector512.LoadUnsafe(ref ex0, k), ref iEx0, k);
            Vector512.StoreUnsafe(iIn * c.P11In + Vector512.LoadUnsafe(ref in0, k), ref iIn0, k);

            if (hasFiltered)
            {
                Vector512.StoreUnsafe(Vector512.LoadUnsafe(ref filtered0, k), ref i10, k);
            }

            byte bits = FireAndStore(v, r, in c.Threshold, ref v0, ref r0, ref y00, ref cur0, k);
            Unsafe.Add(ref fired0, n) = bits;
            anyFired |= bits;
        }

        return FinishVectorized(fired[..vectors], anyFired, start, lag, spikes);
    }
}
