using System.Runtime.CompilerServices;
using NeuroKernel.Kernel;
using NeuroKernel.Numerics;

namespace NeuroKernel.Models.Ode;

/// <summary>
/// NEST's <c>hh_psc_alpha</c>: the Hodgkin–Huxley neuron with sodium, potassium and leak currents and alpha-shaped
/// synaptic currents, integrated by RKF45 with GSL's control on the values (absolute tolerance 10⁻³). Units: potentials
/// mV, conductances nS, capacitance pF, currents pA (weights too), times ms. Gating variables Act_m, Inact_h, Act_n are
/// dimensionless.
/// </summary>
/// <remarks>
/// C_m dV/dt = −(g_Na m³h (V − E_Na) + g_K n⁴ (V − E_K) + g_L (V − E_L)) + I_stim + I_e + I_syn_ex + I_syn_in, with
/// Hodgkin and Huxley's rate functions; a spike of weight w pA (inhibitory ones keep their negative sign) makes an alpha
/// current peaking at w. A spike is emitted when V_m ≥ 0 mV while falling (below its value at the step's start) and the
/// neuron is not refractory; nothing is reset, and t_ref counts steps during which no further spike is emitted. V_m
/// starts at −65 mV with the gates at their steady state there.
/// </remarks>
internal struct HhPscAlpha : IOdeNeuron
{
    private const int TRef = 0, GNa = 1, GK = 2, GL = 3, CM = 4, ENa = 5, EK = 6, EL = 7, TauEx = 8, TauIn = 9, IE = 10, TauMinus = 11;

    private const int V = 0, M = 1, H = 2, N = 3, DiEx = 4, IEx = 5, DiIn = 6, IIn = 7;

    private const int JumpEx = 0, JumpIn = 1, RefractorySteps = 2;

    private static readonly StepControl Control = StepControl.OnValues(1e-3, 0.0);

    public static string Name => "hh_psc_alpha";

    public static ModelVariable[] Parameters { get; } =
    [
        new("t_ref", 2.0), new("g_Na", 12000.0), new("g_K", 3600.0), new("g_L", 30.0), new("C_m", 100.0), new("E_Na", 50.0),
        new("E_K", -77.0), new("E_L", -54.402), new("tau_syn_ex", 0.2), new("tau_syn_in", 2.0), new("I_e", 0.0),
        new(ParameterNames.TauMinus, 20.0),
    ];

    public static string[] StateNames { get; } = ["V_m", "Act_m", "Inact_h", "Act_n", "dI_syn_ex", "I_syn_ex", "dI_syn_in", "I_syn_in"];

    public static string[] Recordables { get; } = ["Act_m", "Act_n", "I_syn_ex", "I_syn_in", "Inact_h", "V_m"];

    public static int ReportedState => 4;

    public static int DerivedCount => 3;

    public static void InitialState(ReadOnlySpan<double> p, Span<double> y)
    {
        y.Clear();
        const double v0 = -65.0;
        y[V] = v0;
        var r = new Rates(v0);
        y[M] = r.AlphaM / (r.AlphaM + r.BetaM);
        y[H] = r.AlphaH / (r.AlphaH + r.BetaH);
        y[N] = r.AlphaN / (r.AlphaN + r.BetaN);
    }

    public static void Validate(ReadOnlySpan<double> p)
    {
        OdeChecks.Capacitance(p[CM]);
        OdeChecks.RefractoryTime(p[TRef]);
        OdeChecks.TimeConstants(("tau_syn_ex", p[TauEx]), ("tau_syn_in", p[TauIn]), (ParameterNames.TauMinus, p[TauMinus]));
        OdeChecks.NonNegativeConductances(("g_K", p[GK]), ("g_Na", p[GNa]), ("g_L", p[GL]));
    }

    public static void ValidateState(ReadOnlySpan<double> y) => OdeChecks.NonNegativeGates(y[M], y[H], y[N]);

    public static double InitialStep(double resolution) => resolution;

    public static void Prepare(ReadOnlySpan<double> p, TimeGrid grid, Span<double> derived)
    {
        derived[JumpEx] = 1.0 * Math.E / p[TauEx];
        derived[JumpIn] = 1.0 * Math.E / p[TauIn];
        derived[RefractorySteps] = grid.RoundHalfUp(p[TRef]);
    }

    public static int Update(ReadOnlySpan<double> p, ReadOnlySpan<double> derived, Span<double> y, ref OdeNeuronState s, double resolution,
        double excitatory, double inhibitory, Span<double> scratch)
    {
        double before = y[V];
        OdeSteps.Integrate<Dynamics>(p, y, ref s, resolution, in Control, scratch);
        OdeSteps.AddSpikes(y, DiEx, DiIn, excitatory * derived[JumpEx], inhibitory * derived[JumpIn]);
        return OdeSteps.FallingFlank(y[V], before, 0.0, ref s, (int)derived[RefractorySteps]);
    }

    /// <summary>Hodgkin and Huxley's opening and closing rates (1/ms) at V (mV).</summary>
    private readonly struct Rates
    {
        public readonly double AlphaN, BetaN, AlphaM, BetaM, AlphaH, BetaH;

        public Rates(double v)
        {
            AlphaN = (0.01 * (v + 55.0)) / (1.0 - Math.Exp(-(v + 55.0) / 10.0));
            BetaN = 0.125 * Math.Exp(-(v + 65.0) / 80.0);
            AlphaM = (0.1 * (v + 40.0)) / (1.0 - Math.Exp(-(v + 40.0) / 10.0));
            BetaM = 4.0 * Math.Exp(-(v + 65.0) / 18.0);
            AlphaH = 0.07 * Math.Exp(-(v + 65.0) / 20.0);
            BetaH = 1.0 / (1.0 + Math.Exp(-(v + 35.0) / 10.0));
        }
    }

    private readonly struct Dynamics : IOdeDynamics<Dynamics>
    {
        private readonly double _gNa, _gK, _gL, _cM, _eNa, _eK, _eL, _tauEx, _tauIn, _iE, _stimulus;

        public Dynamics(ReadOnlySpan<double> p, double stimulus)
        {
            (_gNa, _gK, _gL, _cM, _eNa, _eK, _eL) = (p[GNa], p[GK], p[GL], p[CM], p[ENa], p[EK], p[EL]);
            (_tauEx, _tauIn, _iE, _stimulus) = (p[TauEx], p[TauIn], p[IE], stimulus);
        }

        public static Dynamics Create(ReadOnlySpan<double> p, bool refractory, double stimulus) => new(p, stimulus);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Derivatives(ReadOnlySpan<double> y, Span<double> f)
        {
            double v = y[V], m = y[M], h = y[H], n = y[N];
            double diEx = y[DiEx], iEx = y[IEx], diIn = y[DiIn], iIn = y[IIn];
            var r = new Rates(v);
            double iNa = _gNa * m * m * m * h * (v - _eNa);
            double iK = _gK * n * n * n * n * (v - _eK);
            double iL = _gL * (v - _eL);
            f[V] = (-(iNa + iK + iL) + _stimulus + _iE + iEx + iIn) / _cM;
            f[M] = r.AlphaM * (1.0 - m) - r.BetaM * m;
            f[H] = r.AlphaH * (1.0 - h) - r.BetaH * h;
            f[N] = r.AlphaN * (1.0 - n) - r.BetaN * n;
            f[DiEx] = -diEx / _tauEx;
            f[IEx] = diEx - (iEx / _tauEx);
            f[DiIn] = -diIn / _tauIn;
            f[IIn] = diIn - (iIn / _tauIn);
        }
    }
}
