using System.Runtime.CompilerServices;
using NeuroKernel.Kernel;
using NeuroKernel.Numerics;
using NeuroKernel.Random;

namespace NeuroKernel.Models.NeuronObjects;

/// <summary>
/// What NEST's generalized integrate-and-fire models (Mensi et al. 2012, Pozzorini et al. 2015: <c>gif_psc_exp</c>,
/// <c>gif_cond_exp</c>, <c>gif_cond_exp_multisynapse</c>) share: a leaky membrane (g_L nS, E_L mV, C_m pF, I_e pA), a
/// spike-triggered current I_stc (pA) and a moving threshold E_sfa (mV), each a sum of exponentials with jumps q_stc
/// (pA) / q_sfa (mV) and time constants tau_stc / tau_sfa (ms), and escape noise: in a step of h ms a neuron that is
/// not refractory fires with probability 1 − exp(−λ·h), λ = lambda_0·exp((V − E_sfa)/Delta_V) (lambda_0 in 1/s in
/// status, Delta_V mV). After a spike V is held at V_reset for t_ref ms (V is not reset in the spike's own step).
/// </summary>
/// <remarks>
/// The draws come from the neuron's own stream (<see cref="NeuronObject.Seed"/>), so results do not depend on the thread
/// count; they are not NEST's numbers (NEST draws from a stream per virtual process). As in NEST, a number is drawn only
/// when λ &gt; 0, so a neuron far below threshold with a tiny Delta_V draws nothing and fires deterministically at threshold.
/// </remarks>
internal abstract class Gif : NeuronObject
{
    /// <summary>Leak conductance (nS), resting potential (mV), capacitance (pF), reset (mV), noise scale (mV), threshold baseline (mV).</summary>
    protected double GL = 4.0, EL = -70.0, CM = 80.0, VReset = -55.0, DeltaV = 0.5, VTStar = -35.0;

    /// <summary>Escape rate at threshold (1/ms; status shows 1/s), refractory time (ms), constant current (pA).</summary>
    protected double Lambda0 = 0.001, TRef = 4.0, IE;

    /// <summary>Adaptation kernels: jumps and time constants of the threshold (mV, ms) and of the spike-triggered current (pA, ms).</summary>
    protected double[] QSfa = [], TauSfa = [], QStc = [], TauStc = [];

    /// <summary>The membrane potential (mV).</summary>
    protected double V = -70.0;

    /// <summary>The threshold E_sfa and the current I_stc of the last step (0 before the first).</summary>
    protected double Sfa, Stc;

    private double[] _sfaElems = [], _stcElems = [], _pSfa = [], _pStc = [];
    private int _refractoryCounts;

    /// <summary>The resolution of the last preparation (ms).</summary>
    protected double H = double.NaN;

    public override bool HasSpikePorts => false;

    public override string[] ReadOnlyKeys => ["E_sfa", "I_stc"];

    protected override void CopyArrays()
    {
        (QSfa, TauSfa, QStc, TauStc) = ([.. QSfa], [.. TauSfa], [.. QStc], [.. TauStc]);
        (_sfaElems, _stcElems, _pSfa, _pStc) = ([.. _sfaElems], [.. _stcElems], [.. _pSfa], [.. _pStc]);
        CopyModelArrays();
    }

    /// <summary>Copies what a model adds to the shared arrays.</summary>
    protected virtual void CopyModelArrays() { }

    public override void Write(StatusDictionary d)
    {
        d["C_m"] = CM;
        d["Delta_V"] = DeltaV;
        d["E_L"] = EL;
        d["I_e"] = IE;
        d["V_T_star"] = VTStar;
        d["V_reset"] = VReset;
        d["g_L"] = GL;
        d["lambda_0"] = Lambda0 * 1000.0;
        d["q_sfa"] = QSfa.ToArray();
        d["q_stc"] = QStc.ToArray();
        d["tau_sfa"] = TauSfa.ToArray();
        d["tau_stc"] = TauStc.ToArray();
        d["t_ref"] = TRef;
        d[ParameterNames.TauMinus] = TauMinus;
        d[ParameterNames.VM] = V;
        d["E_sfa"] = Sfa;
        d["I_stc"] = Stc;
        WriteModel(d);
    }

    /// <summary>The model's own status entries.</summary>
    protected abstract void WriteModel(StatusDictionary d);

    public override void Read(ParameterReader r)
    {
        ReadPorts(r);
        r.TryFinite("I_e", ref IE);
        r.TryFinite("E_L", ref EL);
        r.TryFinite("g_L", ref GL);
        r.TryFinite("C_m", ref CM);
        r.TryFinite("V_reset", ref VReset);
        r.TryFinite("Delta_V", ref DeltaV);
        r.TryFinite("V_T_star", ref VTStar);
        double lambda = Lambda0 * 1000.0;
        if (r.TryFinite("lambda_0", ref lambda))
        {
            Lambda0 = lambda / 1000.0;
        }

        r.TryFinite("t_ref", ref TRef);
        r.TryDoubleArray("tau_sfa", ref TauSfa);
        r.TryDoubleArray("q_sfa", ref QSfa);
        r.TryDoubleArray("tau_stc", ref TauStc);
        r.TryDoubleArray("q_stc", ref QStc);
        double tauMinus = TauMinus;
        r.TryFinite(ParameterNames.TauMinus, ref tauMinus);
        TauMinus = tauMinus;
        ReadModelParameters(r);
        CheckSizes("tau_sfa", TauSfa, "q_sfa", QSfa);
        CheckSizes("tau_stc", TauStc, "q_stc", QStc);
        if (GL <= 0.0)
        {
            throw ParameterReader.Bad("g_L", GL, "Membrane conductance must be strictly positive.");
        }

        if (DeltaV <= 0.0)
        {
            throw ParameterReader.Bad("Delta_V", DeltaV, "Delta_V must be strictly positive.");
        }

        if (CM <= 0.0)
        {
            throw ParameterReader.Bad("C_m", CM, "Capacitance must be strictly positive.");
        }

        if (TRef < 0.0)
        {
            throw ParameterReader.Bad("t_ref", TRef, "Refractory time must not be negative.");
        }

        if (Lambda0 < 0.0)
        {
            throw ParameterReader.Bad("lambda_0", Lambda0 * 1000.0, "lambda_0 must not be negative.");
        }

        foreach (var (key, taus) in new[] { ("tau_sfa", TauSfa), ("tau_stc", TauStc) })
        {
            foreach (double tau in taus)
            {
                if (tau <= 0.0)
                {
                    throw ParameterReader.Bad(key, tau, "All time constants must be strictly positive.");
                }
            }
        }

        if (TauMinus <= 0.0)
        {
            throw ParameterReader.Bad(ParameterNames.TauMinus, TauMinus, "All time constants must be strictly positive.");
        }

        CheckModelParameters();
        r.TryFinite(ParameterNames.VM, ref V);
        ReadModelState(r);
    }

    private static void CheckSizes(string tauKey, double[] taus, string qKey, double[] qs)
    {
        if (taus.Length != qs.Length)
        {
            throw new BadPropertyException(tauKey,
                $"'{tauKey}' and '{qKey}' need to have the same dimensions. Size of {tauKey}: {taus.Length}. Size of {qKey}: {qs.Length}.");
        }
    }

    /// <summary>The receptor arrays of a multisynapse model, read and checked before everything else (NEST's order).</summary>
    protected virtual void ReadPorts(ParameterReader r) { }

    /// <summary>Reads the model's own parameters.</summary>
    protected abstract void ReadModelParameters(ParameterReader r);

    /// <summary>Checks the model's own parameters (after the shared checks).</summary>
    protected virtual void CheckModelParameters() { }

    /// <summary>Reads the model's own state (after V_m).</summary>
    protected virtual void ReadModelState(ParameterReader r) { }

    public override void Prepare(TimeGrid grid)
    {
        H = grid.Resolution;
        _refractoryCounts = (int)grid.RoundHalfUp(TRef);
        _pSfa = [.. TauSfa.Select(tau => Math.Exp(-H / tau))];
        _pStc = [.. TauStc.Select(tau => Math.Exp(-H / tau))];
        _sfaElems = NeuronArrays.Resized(_sfaElems, QSfa.Length);
        _stcElems = NeuronArrays.Resized(_stcElems, QStc.Length);
        PrepareModel(grid);
    }

    /// <summary>The model's constants for a run.</summary>
    protected abstract void PrepareModel(TimeGrid grid);

    /// <summary>The first part of every step: I_stc and E_sfa from their elements (before they decay), then the decay.</summary>
    protected void Adapt()
    {
        double stc = 0.0;
        for (int k = 0; k < _stcElems.Length; k++)
        {
            stc += _stcElems[k];
            _stcElems[k] = _pStc[k] * _stcElems[k];
        }

        double sfa = VTStar;
        for (int k = 0; k < _sfaElems.Length; k++)
        {
            sfa += _sfaElems[k];
            _sfaElems[k] = _pSfa[k] * _sfaElems[k];
        }

        (Stc, Sfa) = (stc, sfa);
    }

    /// <summary>
    /// The escape noise of a neuron that is not refractory (a spike adds the jumps to the kernels and starts
    /// refractoriness), or the refractory count-down with V held at V_reset. Returns 1 when it fired.
    /// </summary>
    protected int EscapeOrRefractory()
    {
        if (Refractory == 0)
        {
            double lambda = Lambda0 * Math.Exp((V - Sfa) / DeltaV);
            if (lambda > 0.0 && SplitMix64.NextDouble(ref Stream) < -NestPropagators.ExpM1(-lambda * H))
            {
                for (int k = 0; k < _stcElems.Length; k++)
                {
                    _stcElems[k] += QStc[k];
                }

                for (int k = 0; k < _sfaElems.Length; k++)
                {
                    _sfaElems[k] += QSfa[k];
                }

                Refractory = _refractoryCounts;
                return 1;
            }

            return 0;
        }

        Refractory--;
        V = VReset;
        return 0;
    }

    public override double Record(string name) => name switch
    {
        ParameterNames.VM => V,
        "E_sfa" => Sfa,
        "I_stc" => Stc,
        _ => RecordModel(name),
    };

    /// <summary>The model's own recordables.</summary>
    protected abstract double RecordModel(string name);
}

/// <summary>
/// NEST's <c>gif_psc_exp</c>: <see cref="Gif"/> with exponentially decaying synaptic currents (tau_syn_ex, tau_syn_in ms;
/// a spike of weight w pA adds w to I_syn_ex, or to I_syn_in when w &lt; 0), integrated exactly. In a step the currents
/// decay and take the step's spikes before V moves, so an input shows in V in its own step (NEST's order).
/// </summary>
internal sealed class GifPscExp : Gif
{
    private double _tauEx = 2.0, _tauIn = 2.0, _iEx, _iIn, _stimulus;
    private double _p11Ex, _p11In, _p21Ex, _p21In, _p30, _p31, _p33;

    public override string[] FixedRecordables => ["E_sfa", "I_stc", "I_syn_ex", "I_syn_in", ParameterNames.VM];

    protected override void WriteModel(StatusDictionary d)
    {
        d["tau_syn_ex"] = _tauEx;
        d["tau_syn_in"] = _tauIn;
    }

    protected override void ReadModelParameters(ParameterReader r)
    {
        r.TryFinite("tau_syn_ex", ref _tauEx);
        r.TryFinite("tau_syn_in", ref _tauIn);
    }

    protected override void CheckModelParameters()
    {
        if (_tauEx <= 0.0 || _tauIn <= 0.0)
        {
            throw ParameterReader.Bad(_tauEx <= 0.0 ? "tau_syn_ex" : "tau_syn_in", Math.Min(_tauEx, _tauIn), "Synapse time constants must be strictly positive.");
        }
    }

    protected override void PrepareModel(TimeGrid grid)
    {
        double tauM = CM / GL;
        _p11Ex = Math.Exp(-H / _tauEx);
        _p11In = Math.Exp(-H / _tauIn);
        _p21Ex = NestPropagators.IafExp(_tauEx, tauM, CM, H);
        _p21In = NestPropagators.IafExp(_tauIn, tauM, CM, H);
        _p33 = Math.Exp(-H / tauM);
        _p30 = -1.0 / CM * NestPropagators.ExpM1(-H / tauM) * tauM;
        _p31 = -NestPropagators.ExpM1(-H / tauM);
    }

    public override int Update(ReadOnlySpan<double> input, double current)
    {
        Adapt();
        _iEx *= _p11Ex;
        _iIn *= _p11In;
        _iEx += input[0];
        _iIn += input[1];
        if (Refractory == 0)
        {
            V = (_p30 * (_stimulus + IE - Stc)) + (_p33 * V) + (_p31 * EL) + (_iEx * _p21Ex) + (_iIn * _p21In);
        }

        int fired = EscapeOrRefractory();
        _stimulus = current;
        return fired;
    }

    protected override double RecordModel(string name) => name switch
    {
        "I_syn_ex" => _iEx,
        "I_syn_in" => _iIn,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}

/// <summary>
/// NEST's <c>gif_cond_exp</c>: <see cref="Gif"/> with exponentially decaying conductances (g_ex, g_in nS; E_ex, E_in mV;
/// tau_syn_ex, tau_syn_in ms; a spike of weight w nS adds |w| to g_ex, or to g_in when w &lt; 0), integrated by RKF45 with
/// GSL's control on the values (absolute tolerance gsl_error_tol), the step's spikes added after the integration.
/// </summary>
internal sealed class GifCondExp : Gif
{
    private const int VIndex = 0, GEx = 1, GIn = 2;
    private double _tauEx = 2.0, _tauIn = 2.0, _eEx, _eIn = -85.0, _tolerance = 1e-3, _stimulus;
    private double[] _y = [-70.0, 0.0, 0.0];
    private double[] _scratch = [];
    private double _step = double.NaN;

    public override string[] FixedRecordables => ["E_sfa", "I_stc", ParameterNames.VM, "g_ex", "g_in"];

    protected override void CopyModelArrays()
    {
        _y = [.. _y];
        _scratch = [];
    }

    protected override void WriteModel(StatusDictionary d)
    {
        d["tau_syn_ex"] = _tauEx;
        d["tau_syn_in"] = _tauIn;
        d["E_ex"] = _eEx;
        d["E_in"] = _eIn;
        d["gsl_error_tol"] = _tolerance;
        d["g_ex"] = _y[GEx];
        d["g_in"] = _y[GIn];
    }

    protected override void ReadModelParameters(ParameterReader r)
    {
        r.TryFinite("tau_syn_ex", ref _tauEx);
        r.TryFinite("tau_syn_in", ref _tauIn);
        r.TryFinite("E_ex", ref _eEx);
        r.TryFinite("E_in", ref _eIn);
        r.TryFinite("gsl_error_tol", ref _tolerance);
    }

    protected override void CheckModelParameters()
    {
        if (_tauEx <= 0.0 || _tauIn <= 0.0)
        {
            throw ParameterReader.Bad(_tauEx <= 0.0 ? "tau_syn_ex" : "tau_syn_in", Math.Min(_tauEx, _tauIn), "Synapse time constants must be strictly positive.");
        }

        Ode.OdeChecks.ErrorTolerance(_tolerance);
    }

    protected override void ReadModelState(ParameterReader r)
    {
        r.TryFinite("g_ex", ref _y[GEx]);
        r.TryFinite("g_in", ref _y[GIn]);
    }

    protected override void PrepareModel(TimeGrid grid)
    {
        _scratch = new double[Rkf45.ScratchLength(_y.Length)];
        if (double.IsNaN(_step))
        {
            _step = H;
        }
    }

    public override int Update(ReadOnlySpan<double> input, double current)
    {
        Adapt();
        _y[VIndex] = V;
        var system = new Dynamics(this);
        var control = StepControl.OnValues(_tolerance, 0.0);
        Rkf45.Advance(ref system, _y, H, ref _step, in control, _scratch);
        V = _y[VIndex];
        _y[GEx] += input[0];
        _y[GIn] -= input[1];
        int fired = EscapeOrRefractory();
        _y[VIndex] = V;
        _stimulus = current;
        return fired;
    }

    protected override double RecordModel(string name) => name switch
    {
        "g_ex" => _y[GEx],
        "g_in" => _y[GIn],
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private readonly struct Dynamics(GifCondExp n) : IOdeSystem
    {
        private readonly double _gL = n.GL, _eL = n.EL, _cM = n.CM, _vReset = n.VReset, _eEx = n._eEx, _eIn = n._eIn;
        private readonly double _tauEx = n._tauEx, _tauIn = n._tauIn, _iE = n.IE, _stimulus = n._stimulus, _stc = n.Stc;
        private readonly bool _refractory = n.Refractory > 0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Derivatives(ReadOnlySpan<double> y, Span<double> f)
        {
            double v = _refractory ? _vReset : y[VIndex];
            double iEx = y[GEx] * (v - _eEx);
            double iIn = y[GIn] * (v - _eIn);
            double iL = _gL * (v - _eL);
            f[VIndex] = _refractory ? 0.0 : (-iL + _stimulus + _iE - iEx - iIn - _stc) / _cM;
            f[GEx] = -y[GEx] / _tauEx;
            f[GIn] = -y[GIn] / _tauIn;
        }
    }
}

/// <summary>
/// NEST's <c>gif_cond_exp_multisynapse</c>: <see cref="Gif"/> with one exponentially decaying conductance per port
/// (reversal potential E_rev mV and tau_syn ms per port; a spike of weight w ≥ 0 nS adds w), integrated by RKF45 with
/// GSL's control on the values (gsl_error_tol). Weights must be ≥ 0: a negative one raises NEST's error when it arrives.
/// </summary>
internal sealed class GifCondExpMultisynapse : Gif
{
    private double[] _eRev = [0.0];
    private double[] _tauSyn = [2.0];
    private double _tolerance = 1e-3, _stimulus;
    private double[] _y = [-70.0, 0.0];
    private double[] _scratch = [];
    private double _step = double.NaN;

    public override bool HasSpikePorts => true;

    public override bool RefusesNegativeWeights => true;

    public override int Ports => _eRev.Length;

    public override string PortCountKey => "n_receptors";

    public override string[] FixedRecordables => ["E_sfa", "I_stc", ParameterNames.VM];

    public override string[] ReadOnlyKeys => ["E_sfa", "I_stc", "g"];

    protected override void CopyModelArrays()
    {
        (_eRev, _tauSyn, _y) = ([.. _eRev], [.. _tauSyn], [.. _y]);
        _scratch = [];
    }

    protected override void WriteModel(StatusDictionary d)
    {
        d["E_rev"] = _eRev.ToArray();
        d["tau_syn"] = _tauSyn.ToArray();
        d["gsl_error_tol"] = _tolerance;
        d["g"] = _y[1..];
    }

    protected override void ReadPorts(ParameterReader r)
    {
        int before = Ports;
        bool eRev = r.TryDoubleArray("E_rev", ref _eRev);
        bool tau = r.TryDoubleArray("tau_syn", ref _tauSyn);
        if (!(eRev || tau))
        {
            return;
        }

        if ((_eRev.Length != before || _tauSyn.Length != before) && !(eRev && tau))
        {
            throw new BadPropertyException(eRev ? "E_rev" : "tau_syn",
                $"If the number of receptor ports is changed, both arrays E_rev and tau_syn must be provided. (E_rev has {_eRev.Length}, tau_syn {_tauSyn.Length} elements; the neuron has {before} ports.)");
        }

        if (_eRev.Length != _tauSyn.Length)
        {
            throw new BadPropertyException("E_rev",
                $"The reversal potential, and synaptic time constant arrays must have the same size. (E_rev has {_eRev.Length}, tau_syn {_tauSyn.Length} elements.)");
        }

        CheckPortCountChange("tau_syn", before, _tauSyn.Length, onlyFewer: true);
        foreach (double t in _tauSyn)
        {
            if (t <= 0.0)
            {
                throw ParameterReader.Bad("tau_syn", t, "All synaptic time constants must be strictly positive");
            }
        }
    }

    protected override void ReadModelParameters(ParameterReader r) => r.TryFinite("gsl_error_tol", ref _tolerance);

    protected override void CheckModelParameters() => Ode.OdeChecks.ErrorTolerance(_tolerance);

    protected override void PrepareModel(TimeGrid grid)
    {
        _y = NeuronArrays.Resized(_y, 1 + Ports);
        _scratch = new double[Rkf45.ScratchLength(_y.Length)];
        if (double.IsNaN(_step))
        {
            _step = H;
        }
    }

    public override int Update(ReadOnlySpan<double> input, double current)
    {
        Adapt();
        _y[0] = V;
        var system = new Dynamics(this);
        var control = StepControl.OnValues(_tolerance, 0.0);
        Rkf45.Advance(ref system, _y, H, ref _step, in control, _scratch);
        V = _y[0];
        for (int k = 0; k < input.Length; k++)
        {
            if (input[k] < 0.0)
            {
                throw new BadPropertyException("weight",
                    $"Synaptic weights for conductance-based multisynapse models must be non-negative. (gif_cond_exp_multisynapse: the spikes into port {k + 1} sum to {StatusDictionary.Describe(input[k])} nS.)");
            }

            _y[1 + k] += input[k];
        }

        int fired = EscapeOrRefractory();
        _y[0] = V;
        _stimulus = current;
        return fired;
    }

    protected override double RecordModel(string name) => throw new ArgumentOutOfRangeException(nameof(name));

    private readonly struct Dynamics(GifCondExpMultisynapse n) : IOdeSystem
    {
        private readonly double _gL = n.GL, _eL = n.EL, _cM = n.CM, _vReset = n.VReset, _iE = n.IE, _stimulus = n._stimulus, _stc = n.Stc;
        private readonly double[] _eRev = n._eRev, _tauSyn = n._tauSyn;
        private readonly bool _refractory = n.Refractory > 0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Derivatives(ReadOnlySpan<double> y, Span<double> f)
        {
            double iL = -_gL * (y[0] - _eL);
            double v = _refractory ? _vReset : y[0];
            double iSyn = 0.0;
            for (int k = 0; k < _eRev.Length; k++)
            {
                iSyn += -y[1 + k] * (v - _eRev[k]);
            }

            f[0] = _refractory ? 0.0 : (iL + _stimulus + _iE + iSyn - _stc) / _cM;
            for (int k = 0; k < _eRev.Length; k++)
            {
                f[1 + k] = -y[1 + k] / _tauSyn[k];
            }
        }
    }
}
