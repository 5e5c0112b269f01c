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
        var p22 = Vector512.Create(p.P22);
        var p20 = Vector512.Create(p.P20);
        var p21Ex = Vector512.Create(p.P21Ex);
        var p21In = Vector512.Create(p.P21In);
        var p11Ex = Vector512.Create(p.P11Ex);
        var p11In = Vector512.Create(p.P11In);
        var filterGain = Vector512.Create(1.0 - p.P11Ex);
        var threshold = new VectorThreshold(p.VTh, p.VReset, p.RefractorySteps);
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
            var candidate = v * p22 + iEx * p21Ex + iIn * p21In + (Vector512.LoadUnsafe(ref ie0, k) + Vector512.LoadUnsafe(ref y00, k)) * p20;
            var free = Vector512.Equals(r, Vector512<double>.Zero);
            v = Vector512.ConditionalSelect(free, candidate, v);
            r = Vector512.ConditionalSelect(free, r, r - Vector512<double>.One);

            Vector512.StoreUnsafe(iEx * p11Ex + filterGain * Vector512.LoadUnsafe(ref i10, k) + Vector512.LoadUnsafe(ref ex0, k), ref iEx0, k);
            Vector512.StoreUnsafe(iIn * p11In + Vector512.LoadUnsafe(ref in0, k), ref iIn0, k);

            if (hasFiltered)
            {
                Vector512.StoreUnsafe(Vector512.LoadUnsafe(ref filtered0, k), ref i10, k);
            }

            byte bits = FireAndStore(v, r, in threshold, ref v0, ref r0, ref y00, ref cur0, k);
            Unsafe.Add(ref fired0, n) = bits;
            anyFired |= bits;
        }

        return FinishVectorized(fired[..vectors], anyFired, start, lag, spikes);
    }
}
