using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NeuroKernel.Delivery;
using NeuroKernel.Kernel;

namespace NeuroKernel.Models.IafPscAlpha;

/// <summary>
/// A population of <c>iaf_psc_alpha</c> neurons with struct-of-arrays state. Neurons whose parameters are
/// equal form segments that share one set of propagators; the usual case is one segment for the whole block.
/// </summary>
internal sealed class IafPscAlphaBlock : NodeBlock
{
    // State (NEST's S_): V relative to E_L (y3), alpha currents and their derivative states, DC input (y0),
    // refractory steps left. The refractory counter is a double so that the update vectorizes.
    private readonly double[] _v, _dIEx, _iEx, _dIIn, _iIn, _y0, _refractory, _ie;
    private readonly IafPscAlphaParameters[] _parameters;
    private int[] _segmentStart = [];
    private IafPscAlphaPropagators[] _propagators = [];
    /// <summary>Neurons per cache chunk: 8 state arrays × 512 × 8 B = 32 KiB.</summary>
    private const int ChunkSize = 512;

    public IafPscAlphaBlock(IafPscAlphaModel model, int firstId, int count, IafPscAlphaParameters p, double ie, double vRelative)
        : base(model, firstId, count)
    {
        _v = new double[count];
        _dIEx = new double[count];
        _iEx = new double[count];
        _dIIn = new double[count];
        _iIn = new double[count];
        _y0 = new double[count];
        _refractory = new double[count];
        _ie = new double[count];
        _parameters = new IafPscAlphaParameters[count];
        Array.Fill(_v, vRelative);
        Array.Fill(_ie, ie);
        Array.Fill(_parameters, p);
    }

    public override StatusDictionary GetStatus(int local)
    {
        var p = _parameters[local];
        var d = new StatusDictionary();
        p.Write(d);
        d[ParameterNames.IE] = _ie[local];
        d[ParameterNames.VM] = _v[local] + p.EL;
        d[ParameterNames.ISynExcitatory] = _iEx[local];
        d[ParameterNames.ISynInhibitory] = _iIn[local];
        return d;
    }

    public override Action ValidateStatus(int local, StatusDictionary values)
    {
        var (p, ie, v) = IafPscAlphaModel.Read(values, Model.Name, _parameters[local], _ie[local], _v[local]);
        return () =>
        {
            _parameters[local] = p.Equals(_parameters[local]) ? _parameters[local] : p;
            _ie[local] = ie;
            _v[local] = v;
        };
    }

    /// <summary>Value of a recordable of one neuron (mV or pA).</summary>
    public double Recordable(int local, string name) => name switch
    {
        ParameterNames.VM => _v[local] + _parameters[local].EL,
        ParameterNames.ISynExcitatory => _iEx[local],
        ParameterNames.ISynInhibitory => _iIn[local],
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    public override void Prepare(PrepareContext context)
    {
        // Segments of consecutive neurons with equal parameters share propagators.
        var starts = new List<int>();
        var props = new List<IafPscAlphaPropagators>();
        for (int i = 0; i < Count; i++)
        {
            if (i == 0 || !ReferenceEquals(_parameters[i], _parameters[i - 1]) && !_parameters[i].Equals(_parameters[i - 1]))
            {
                starts.Add(i);
                props.Add(new IafPscAlphaPropagators(_parameters[i], context.Grid));
            }
        }

        starts.Add(Count);
        _segmentStart = [.. starts];
        _propagators = [.. props];

    }

    public override bool HasUpdate => true;

    public override bool CanSplit => true;

    /// <summary>
    /// Advances neurons [start, end) through the slice chunk by chunk: a chunk's state stays in cache for all
    /// lags of the slice (neurons do not interact within a slice, because every delay is at least min_delay),
    /// so each state array is read and written once per slice instead of once per step.
    /// </summary>
    public override void Update(in SliceContext slice, int start, int end, SpikeList spikes)
    {
        spikes.Clear();
        var rings = slice.Rings;
        for (int chunk = start; chunk < end; chunk += ChunkSize)
        {
            int chunkEnd = Math.Min(end, chunk + ChunkSize);
            for (int lag = 0; lag < slice.Steps; lag++)
            {
                int slotBase = rings.SlotBase(slice.Step0 + lag) + ReceiverOffset;
                var ex = rings.Excitatory.AsSpan(slotBase, Count);
                var inh = rings.Inhibitory.AsSpan(slotBase, Count);
                var current = rings.HasCurrents ? rings.Current.AsSpan(slotBase, Count) : default;
                for (int s = 0; s < _propagators.Length; s++)
                {
                    int from = Math.Max(chunk, _segmentStart[s]), to = Math.Min(chunkEnd, _segmentStart[s + 1]);
                    if (from < to)
                    {
                        Step(in _propagators[s], from, to, lag, ex, inh, current, spikes);
                    }
                }

                // The slot has been consumed; clear it for step + Slots.
                ex[chunk..chunkEnd].Clear();
                inh[chunk..chunkEnd].Clear();
                if (rings.HasCurrents)
                {
                    current[chunk..chunkEnd].Clear();
                }
            }
        }
    }

    /// <summary>
    /// One step for neurons [start, end), in NEST's order: membrane (unless refractory) from the old
    /// currents, then currents, then this step's spike input into the derivative states, then threshold
    /// and reset, then the new DC input.
    /// </summary>
    private void Step(in IafPscAlphaPropagators p, int start, int end, int lag,
        ReadOnlySpan<double> ex, ReadOnlySpan<double> inh, ReadOnlySpan<double> current, SpikeList spikes)
    {
        int i = start;
        if (current.IsEmpty)
        {
            // No current generator in the network: the DC input stays as it is (zero).
            current = _y0;
        }

        if (Vector.IsHardwareAccelerated)
        {
            i = StepVectorized(in p, start, end, lag, ex, inh, current, spikes);
        }

        for (; i < end; i++)
        {
            double v = _v[i];
            if (_refractory[i] == 0.0)
            {
                // V = P30·(y0 + I_e) + P31ex·dIex + P32ex·Iex + P31in·dIin + P32in·Iin + expm1(−h/tau_m)·V + V
                v = p.P30 * (_y0[i] + _ie[i]) + p.P31Ex * _dIEx[i] + p.P32Ex * _iEx[i]
                    + p.P31In * _dIIn[i] + p.P32In * _iIn[i] + p.Expm1TauM * v + v;
                v = Math.Max(v, p.VMin);
            }
            else
            {
                _refractory[i] -= 1.0;
            }

            _iEx[i] = p.P21Ex * _dIEx[i] + p.P22Ex * _iEx[i];
            _dIEx[i] = p.P11Ex * _dIEx[i] + p.PscInitialEx * ex[i];
            _iIn[i] = p.P21In * _dIIn[i] + p.P22In * _iIn[i];
            _dIIn[i] = p.P11In * _dIIn[i] + p.PscInitialIn * inh[i];
            if (v >= p.VTh)
            {
                v = p.VReset;
                _refractory[i] = p.RefractorySteps;
                spikes.Add(lag, i, 1);
            }

            _v[i] = v;
            _y0[i] = current[i];
        }
    }

    /// <summary>The same step with Vector&lt;double&gt;; returns the first index it did not handle.</summary>
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
        ref double v0 = ref MemoryMarshal.GetArrayDataReference(_v);
        ref double dIEx0 = ref MemoryMarshal.GetArrayDataReference(_dIEx);
        ref double iEx0 = ref MemoryMarshal.GetArrayDataReference(_iEx);
        ref double dIIn0 = ref MemoryMarshal.GetArrayDataReference(_dIIn);
        ref double iIn0 = ref MemoryMarshal.GetArrayDataReference(_iIn);
        ref double y00 = ref MemoryMarshal.GetArrayDataReference(_y0);
        ref double r0 = ref MemoryMarshal.GetArrayDataReference(_refractory);
        ref double ie0 = ref MemoryMarshal.GetArrayDataReference(_ie);
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
