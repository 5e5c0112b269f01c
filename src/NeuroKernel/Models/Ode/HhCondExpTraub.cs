using System.Runtime.CompilerServices;
using NeuroKernel.Kernel;
using NeuroKernel.Numerics;

namespace NeuroKernel.Models.Ode;

/// <summary>
/// NEST's <c>hh_cond_exp_traub</c>: Traub and Miles' Hodgkin–Huxley neuron (as in Brette et al. 2007's benchmark 3) with
/// exponentially decaying conductances, integrated by RKF45 with GSL's control on the values (absolute tolerance 10⁻³).
/// Units: potentials mV, conductances nS, capacitance pF, currents pA, times ms. A spike of weight w nS raises the
/// excitatory (w &gt; 0) or inhibitory (w &lt; 0, by |w|) conductance.
/// </summary>
/// <remarks>
/// C_m dV/dt = −g_Na m³h (V − E_Na) − g_K n⁴ (V − E_K) − g_L (V − E_L) − g_ex (V − E_ex) − g_in (V − E_in) + I_stim + I_e,
/// rates of V − V_T. A spike is emitted when V_m ≥ V_T + 30 mV while falling and the neuron is not refractory. V_m starts
/// at E_L with the gates at the steady state of the rate functions evaluated at E_L itself (not E_L − V_T), as NEST does.
/// </remarks>
internal struct HhCondExpTraub : IOdeNeuron
{
    private const int GNa = 0, GK = 1, GL = 2, CM = 3, ENa = 4, EK = 5, EL = 6, VT = 7, EEx = 8, EIn = 9, TauEx = 10, TauIn = 11;
    private const int TRef = 12, IE = 13, TauMinus = 14;

    private const int V = 0, M = 1, H = 2, N = 3, GEx = 4, GIn = 5;

    private const int RefractorySteps = 0;

    private static readonly StepControl Control = StepControl.OnValues(1e-3, 0.0);

    public static string Name => "hh_cond_exp_traub";

    public static ModelVariable[] Parameters { get; } =
    [
        new("g_Na", 20000.0), new("g_K", 6000.0), new("g_L", 10.0), new("C_m", 200.0), new("E_Na", 50.0), new("E_K", -90.0),
        new("E_L", -60.0), new("V_T", -63.0), new("E_ex", 0.0), new("E_in", -80.0), new("tau_syn_ex", 5.0), new("tau_syn_in", 10.0),
        new("t_ref", 2.0), new("I_e", 0.0), new(ParameterNames.TauMinus, 20.0),
    ];

    public static string[] StateNames { get; } = ["V_m", "Act_m", "Inact_h", "Act_n", "g_ex", "g_in"];

    public static string[] Recordables { get; } = ["Act_m", "Act_n", "g_ex", "g_in", "Inact_h", "V_m"];

    public static int ReportedState => 4;

    public static int DerivedCount => 1;

    public static void InitialState(ReadOnlySpan<double> p, Span<double> y)
    {
        y.Clear();
        y[V] = p[EL];
        var r = new Rates(p[EL]);
        y[M] = r.AlphaM / (r.AlphaM + r.BetaM);
        y[H] = r.AlphaH / (r.AlphaH + r.BetaH);
        y[N] = r.AlphaN / (r.AlphaN + r.BetaN);
    }

    public static void Validate(ReadOnlySpan<double> p)
    {
        OdeChecks.Capacitance(p[CM]);
        OdeChecks.TimeConstants(("tau_syn_ex", p[TauEx]), ("tau_syn_in", p[TauIn]), (ParameterNames.TauMinus, p[TauMinus]));
        OdeChecks.RefractoryTime(p[TRef]);
    }

    public static void ValidateState(ReadOnlySpan<double> y) => OdeChecks.NonNegativeGates(y[M], y[H], y[N]);

    public static double InitialStep(double resolution) => resolution;

    public static void Prepare(ReadOnlySpan<double> p, TimeGrid grid, Span<double> derived) => derived[RefractorySteps] = grid.RoundHalfUp(p[TRef]);

    public static int Update(ReadOnlySpan<double> p, ReadOnlySpan<double> derived, Span<double> y, ref OdeNeuronState s, double resolution,
        double excitatory, double inhibitory, Span<double> scratch)
    {
        double before = y[V];
        OdeSteps.Integrate<Dynamics>(p, y, ref s, resolution, in Control, scratch);
        OdeSteps.AddSpikes(y, GEx, GIn, excitatory, -inhibitory);
        return OdeSteps.FallingFlank(y[V], before, p[VT] + 30.0, ref s, (int)derived[RefractorySteps]);
    }

    /// <summary>Traub and Miles' rates (1/ms) at u = V − V_T (mV).</summary>
    private readonly struct Rates
    {
        public readonly double AlphaN, BetaN, AlphaM, BetaM, AlphaH, BetaH;

        public Rates(double u)
        {
            AlphaN = 0.032 * (15.0 - u) / (Math.Exp((15.0 - u) / 5.0) - 1.0);
            BetaN = 0.5 * Math.Exp((10.0 - u) / 40.0);
            AlphaM = 0.32 * (13.0 - u) / (Math.Exp((13.0 - u) / 4.0) - 1.0);
            BetaM = 0.28 * (u - 40.0) / (Math.Exp((u - 40.0) / 5.0) - 1.0);
            AlphaH = 0.128 * Math.Exp((17.0 - u) / 18.0);
            BetaH = 4.0 / (1.0 + Math.Exp((40.0 - u) / 5.0));
        }
    }

    private readonly struct Dynamics : IOdeDynamics<Dynamics>
    {
        private readonly double _gNa, _gK, _gL, _cM, _eNa, _eK, _eL, _vT, _eEx, _eIn, _tauEx, _tauIn, _iE, _stimulus;

        public Dynamics(ReadOnlySpan<double> p, double stimulus)
        {
            (_gNa, _gK, _gL, _cM, _eNa, _eK, _eL, _vT) = (p[GNa], p[GK], p[GL], p[CM], p[ENa], p[EK], p[EL], p[VT]);
            (_eEx, _eIn, _tauEx, _tauIn, _iE, _stimulus) = (p[EEx], p[EIn], p[TauEx], p[TauIn], p[IE], stimulus);
        }

        public static Dynamics Create(ReadOnlySpan<double> p, bool refractory, double stimulus) => new(p, stimulus);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Derivatives(ReadOnlySpan<double> y, Span<double> f)
        {
            double vm = y[V], m = y[M], h = y[H], n = y[N], gEx = y[GEx], gIn = y[GIn];
            double iNa = _gNa * m * m * m * h * (vm - _eNa);
            double iK = _gK * n * n * n * n * (vm - _eK);
            double iL = _gL * (vm - _eL);
            double iSynEx = gEx * (vm - _eEx);
            double iSynIn = gIn * (vm - _eIn);
            f[V] = (-iNa - iK - iL - iSynEx - iSynIn + _stimulus + _iE) / _cM;
            var r = new Rates(vm - _vT);
            f[M] = r.AlphaM - (r.AlphaM + r.BetaM) * m;
            f[H] = r.AlphaH - (r.AlphaH + r.BetaH) * h;
            f[N] = r.AlphaN - (r.AlphaN + r.BetaN) * n;
            f[GEx] = -gEx / _tauEx;
            f[GIn] = -gIn / _tauIn;
        }
    }
}
