using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
        if (Vector.IsHardwareAccelerated)
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

    /// <summary>The same step with Vector&lt;double&gt;; returns the first index it did not handle.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int StepVectorized(in IafPscAlphaPropagators p, int start, int end, int lag,
        ReadOnlySpan<double> ex, ReadOnlySpan<double> inh, ReadOnlySpan<double> current, SpikeList spikes)
    {
        int w = Vector<double>.Count;
        var p30 = new Vector<double>(p.P30);
        var p31Ex = new Vector<double>(p.P31Ex);
        var p32Ex = new Vector<double>(p.P32Ex);
        var p31In = new Vector<double>(p.P31In);
        var p32In = new Vector<double>(p.P32In);
        var expm1 = new Vector<double>(p.Expm1TauM);
        var p11Ex = new Vector<double>(p.P11Ex);
        var p21Ex = new Vector<double>(p.P21Ex);
        var p22Ex = new Vector<double>(p.P22Ex);
        var p11In = new Vector<double>(p.P11In);
        var p21In = new Vector<double>(p.P21In);
        var p22In = new Vector<double>(p.P22In);
        var pscEx = new Vector<double>(p.PscInitialEx);
        var pscIn = new Vector<double>(p.PscInitialIn);
        var vMin = new Vector<double>(p.VMin);
        var vTh = new Vector<double>(p.VTh);
        var vReset = new Vector<double>(p.VReset);
        var refractorySteps = new Vector<double>(p.RefractorySteps);
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

        int i = start;
        for (; i <= end - w; i += w)
        {
            nuint k = (nuint)i;
            var v = Vector.LoadUnsafe(ref v0, k);
            var dIEx = Vector.LoadUnsafe(ref dIEx0, k);
            var iEx = Vector.LoadUnsafe(ref iEx0, k);
            var dIIn = Vector.LoadUnsafe(ref dIIn0, k);
            var iIn = Vector.LoadUnsafe(ref iIn0, k);
            var r = Vector.LoadUnsafe(ref r0, k);

            var candidate = p30 * (Vector.LoadUnsafe(ref y00, k) + Vector.LoadUnsafe(ref ie0, k)) + p31Ex * dIEx + p32Ex * iEx
                + p31In * dIIn + p32In * iIn + expm1 * v + v;
            candidate = Vector.Max(candidate, vMin);
            var free = Vector.Equals(r, Vector<double>.Zero);
            v = Vector.ConditionalSelect(free, candidate, v);
            r = Vector.ConditionalSelect(free, r, r - Vector<double>.One);

            Vector.StoreUnsafe(p21Ex * dIEx + p22Ex * iEx, ref iEx0, k);
            Vector.StoreUnsafe(p11Ex * dIEx + pscEx * Vector.LoadUnsafe(ref ex0, k), ref dIEx0, k);
            Vector.StoreUnsafe(p21In * dIIn + p22In * iIn, ref iIn0, k);
            Vector.StoreUnsafe(p11In * dIIn + pscIn * Vector.LoadUnsafe(ref in0, k), ref dIIn0, k);

            var fire = Vector.GreaterThanOrEqual(v, vTh);
            if (!Vector.EqualsAll(fire, Vector<long>.Zero))
            {
                v = Vector.ConditionalSelect(fire, vReset, v);
                r = Vector.ConditionalSelect(fire, refractorySteps, r);
                AddSpikes(fire, i, lag, spikes);
            }

            Vector.StoreUnsafe(v, ref v0, k);
            Vector.StoreUnsafe(r, ref r0, k);
            Vector.StoreUnsafe(Vector.LoadUnsafe(ref cur0, k), ref y00, k);
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddSpikes(Vector<long> fire, int i, int lag, SpikeList spikes)
    {
        for (int lane = 0; lane < Vector<long>.Count; lane++)
        {
            if (fire[lane] != 0)
            {
                spikes.Add(lag, i + lane, 1);
            }
        }
    }
}
