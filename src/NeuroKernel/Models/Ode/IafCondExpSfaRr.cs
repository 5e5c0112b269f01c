using System.Runtime.CompilerServices;
using NeuroKernel.Kernel;
using NeuroKernel.Numerics;

namespace NeuroKernel.Models.Ode;

/// <summary>
/// NEST's <c>iaf_cond_exp_sfa_rr</c>: <see cref="IafCondExp"/> with a spike-frequency adaptation conductance g_sfa and a
/// relative-refractory conductance g_rr (nS), each raised by q_sfa / q_rr at a spike and decaying with tau_sfa / tau_rr
/// (ms) toward their reversal potentials E_sfa / E_rr (mV) (Dayan and Abbott 2001). RKF45 with GSL's control on the
/// values (absolute tolerance 10⁻³, as NEST), the step's spikes added before the threshold test.
/// </summary>
internal struct IafCondExpSfaRr : IOdeNeuron
{
    private const int VTh = 0, VReset = 1, TRef = 2, GL = 3, CM = 4, EEx = 5, EIn = 6, EL = 7, TauEx = 8, TauIn = 9, IE = 10;
    private const int TauSfa = 11, TauRr = 12, ESfa = 13, ERr = 14, QSfa = 15, QRr = 16, TauMinus = 17;

    private const int V = 0, GEx = 1, GIn = 2, GSfa = 3, GRr = 4;

    private const int RefractorySteps = 0;

    private static readonly StepControl Control = StepControl.OnValues(1e-3, 0.0);

    public static string Name => "iaf_cond_exp_sfa_rr";

    public static ModelVariable[] Parameters { get; } =
    [
        new("V_th", -57.0), new("V_reset", -70.0), new("t_ref", 0.5), new("g_L", 28.95), new("C_m", 289.5), new("E_ex", 0.0),
        new("E_in", -75.0), new("E_L", -70.0), new("tau_syn_ex", 1.5), new("tau_syn_in", 10.0), new("I_e", 0.0),
        new("tau_sfa", 110.0), new("tau_rr", 1.97), new("E_sfa", -70.0), new("E_rr", -70.0), new("q_sfa", 14.48), new("q_rr", 3214.0),
        new(ParameterNames.TauMinus, 20.0),
    ];

    public static string[] StateNames { get; } = ["V_m", "g_ex", "g_in", "g_sfa", "g_rr"];

    public static string[] Recordables { get; } = ["g_ex", "g_in", "g_rr", "g_sfa", "V_m"];

    public static int DerivedCount => 1;

    public static void InitialState(ReadOnlySpan<double> p, Span<double> y) => OdeSteps.Resting(y, V, p[EL]);

    public static void Validate(ReadOnlySpan<double> p)
    {
        OdeChecks.ResetBelowThreshold(p[VReset], p[VTh]);
        OdeChecks.Capacitance(p[CM]);
        OdeChecks.RefractoryTime(p[TRef]);
        OdeChecks.TimeConstants(("tau_syn_ex", p[TauEx]), ("tau_syn_in", p[TauIn]), ("tau_sfa", p[TauSfa]), ("tau_rr", p[TauRr]), (ParameterNames.TauMinus, p[TauMinus]));
    }

    public static void ValidateState(ReadOnlySpan<double> y) { }

    public static double InitialStep(double resolution) => resolution;

    public static void Prepare(ReadOnlySpan<double> p, TimeGrid grid, Span<double> derived) => derived[RefractorySteps] = grid.RoundHalfUp(p[TRef]);

    public static int Update(ReadOnlySpan<double> p, ReadOnlySpan<double> derived, Span<double> y, ref OdeNeuronState s, double resolution,
        double excitatory, double inhibitory, Span<double> scratch)
    {
        OdeSteps.Integrate<Dynamics>(p, y, ref s, resolution, in Control, scratch);
        OdeSteps.AddSpikes(y, GEx, GIn, excitatory, -inhibitory);
        int fired = OdeSteps.RefractoryOrThreshold(y, V, ref s, p[VReset], p[VTh], (int)derived[RefractorySteps]);
        if (fired > 0)
        {
            OdeSteps.AddSpikes(y, GSfa, GRr, p[QSfa], p[QRr]);
        }

        return fired;
    }

    private readonly struct Dynamics : IOdeDynamics<Dynamics>
    {
        private readonly double _vTh, _vReset, _gL, _eL, _eEx, _eIn, _cM, _tauEx, _tauIn, _iE, _stimulus, _tauSfa, _tauRr, _eSfa, _eRr;
        private readonly bool _refractory;

        public Dynamics(ReadOnlySpan<double> p, bool refractory, double stimulus)
        {
            (_vTh, _vReset, _gL, _eL, _eEx, _eIn) = (p[VTh], p[VReset], p[GL], p[EL], p[EEx], p[EIn]);
            (_cM, _tauEx, _tauIn, _iE) = (p[CM], p[TauEx], p[TauIn], p[IE]);
            (_tauSfa, _tauRr, _eSfa, _eRr) = (p[TauSfa], p[TauRr], p[ESfa], p[ERr]);
            (_refractory, _stimulus) = (refractory, stimulus);
        }

        public static Dynamics Create(ReadOnlySpan<double> p, bool refractory, double stimulus) => new(p, refractory, stimulus);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Derivatives(ReadOnlySpan<double> y, Span<double> f)
        {
            double v = _refractory ? _vReset : Math.Min(y[V], _vTh);
            double iSynEx = y[GEx] * (v - _eEx);
            double iSynIn = y[GIn] * (v - _eIn);
            double iLeak = _gL * (v - _eL);
            double iSfa = y[GSfa] * (v - _eSfa);
            double iRr = y[GRr] * (v - _eRr);
            f[V] = _refractory ? 0.0 : (-iLeak + _stimulus + _iE - iSynEx - iSynIn - iSfa - iRr) / _cM;
            f[GEx] = -y[GEx] / _tauEx;
            f[GIn] = -y[GIn] / _tauIn;
            f[GSfa] = -y[GSfa] / _tauSfa;
            f[GRr] = -y[GRr] / _tauRr;
        }
    }
}
