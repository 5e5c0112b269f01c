using System.Runtime.CompilerServices;
using NeuroKernel.Kernel;
using NeuroKernel.Numerics;

namespace NeuroKernel.Models.Ode;

/// <summary>
/// NEST's <c>aeif_psc_alpha</c>: the adaptive exponential integrate-and-fire neuron with alpha-shaped synaptic currents,
/// integrated by RKF45 with GSL's control on the derivatives (tolerance gsl_error_tol). Units: potentials mV,
/// conductances nS (a, g_L), capacitance pF, currents pA (b, w, I_e, weights), times ms. A spike of weight w pA makes a
/// current peaking at w pA at t = tau_syn (negative weights on the inhibitory synapse).
/// </summary>
/// <remarks>
/// C_m dV/dt = −g_L(V − E_L) + g_L·Δ_T·exp((V − V_th)/Δ_T) + I_syn_ex − I_syn_in − w + I_e + I_stim; spikes and
/// refractoriness as <see cref="AeifCondAlpha"/>.
/// </remarks>
internal struct AeifPscAlpha : IOdeNeuron
{
    private const int CM = 0, VTh = 1, TRef = 2, GL = 3, EL = 4, VReset = 5, TauEx = 6, TauIn = 7;
    private const int A = 8, B = 9, DeltaT = 10, TauW = 11, IE = 12, VPeak = 13, Tolerance = 14, TauMinus = 15;

    private const int V = 0, DiEx = 1, IEx = 2, DiIn = 3, IIn = 4, W = 5;

    private const int JumpEx = 0, JumpIn = 1, RefractorySteps = 2, SpikeAt = 3;

    public static string Name => "aeif_psc_alpha";

    public static ModelVariable[] Parameters { get; } =
    [
        new("C_m", 281.0), new("V_th", -50.4), new("t_ref", 0.0), new("g_L", 30.0), new("E_L", -70.6), new("V_reset", -60.0),
        new("tau_syn_ex", 0.2), new("tau_syn_in", 2.0), new("a", 4.0), new("b", 80.5), new("Delta_T", 2.0), new("tau_w", 144.0),
        new("I_e", 0.0), new("V_peak", 0.0), new("gsl_error_tol", 1e-6), new(ParameterNames.TauMinus, 20.0),
    ];

    public static string[] StateNames { get; } = ["V_m", "dI_syn_ex", "I_syn_ex", "dI_syn_in", "I_syn_in", "w"];

    public static string[] Recordables { get; } = ["I_syn_ex", "I_syn_in", "V_m", "w"];

    public static int DerivedCount => 4;

    public static void InitialState(ReadOnlySpan<double> p, Span<double> y) => OdeSteps.Resting(y, V, p[EL]);

    public static void Validate(ReadOnlySpan<double> p)
    {
        Aeif.ResetBelowPeak(p[VReset], p[VPeak], "Ensure that V_reset < V_peak .");
        Aeif.SlopeFactor(p[DeltaT], p[VPeak], p[VTh]);
        Aeif.PeakAboveThreshold(p[VPeak], p[VTh]);
        OdeChecks.Capacitance(p[CM]);
        OdeChecks.RefractoryTime(p[TRef]);
        OdeChecks.TimeConstants(("tau_syn_ex", p[TauEx]), ("tau_syn_in", p[TauIn]), ("tau_w", p[TauW]), (ParameterNames.TauMinus, p[TauMinus]));
        OdeChecks.ErrorTolerance(p[Tolerance]);
    }

    public static void ValidateState(ReadOnlySpan<double> y) => Aeif.NonNegative("I_syn_ex", y[IEx], "I_syn_in", y[IIn]);

    public static double InitialStep(double resolution) => Aeif.InitialStep(resolution);

    public static void Prepare(ReadOnlySpan<double> p, TimeGrid grid, Span<double> derived)
    {
        derived[JumpEx] = 1.0 * Math.E / p[TauEx];
        derived[JumpIn] = 1.0 * Math.E / p[TauIn];
        derived[RefractorySteps] = grid.RoundHalfUp(p[TRef]);
        derived[SpikeAt] = p[DeltaT] > 0.0 ? p[VPeak] : p[VTh];
    }

    public static int Update(ReadOnlySpan<double> p, ReadOnlySpan<double> derived, Span<double> y, ref OdeNeuronState s, double resolution,
        double excitatory, double inhibitory, Span<double> scratch)
    {
        int fired = Aeif.Integrate<Dynamics>(Name, p, y, ref s, resolution, p[Tolerance], (V, W), p[VReset], p[B], derived[SpikeAt], (long)derived[RefractorySteps], scratch);
        OdeSteps.AddSpikes(y, DiEx, DiIn, excitatory * derived[JumpEx], -inhibitory * derived[JumpIn]);
        return fired;
    }

    private readonly struct Dynamics : IOdeDynamics<Dynamics>
    {
        private readonly double _vReset, _vPeak, _gL, _eL, _cM, _tauEx, _tauIn, _a, _deltaT, _tauW, _vTh, _iE, _stimulus;
        private readonly bool _refractory;

        public Dynamics(ReadOnlySpan<double> p, bool refractory, double stimulus)
        {
            (_vReset, _vPeak, _gL, _eL, _cM, _tauEx, _tauIn) = (p[VReset], p[VPeak], p[GL], p[EL], p[CM], p[TauEx], p[TauIn]);
            (_a, _deltaT, _tauW, _vTh, _iE) = (p[A], p[DeltaT], p[TauW], p[VTh], p[IE]);
            (_refractory, _stimulus) = (refractory, stimulus);
        }

        public static Dynamics Create(ReadOnlySpan<double> p, bool refractory, double stimulus) => new(p, refractory, stimulus);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Derivatives(ReadOnlySpan<double> y, Span<double> f)
        {
            double v = _refractory ? _vReset : Math.Min(y[V], _vPeak);
            double diEx = y[DiEx], iEx = y[IEx], diIn = y[DiIn], iIn = y[IIn], w = y[W];
            double iSpike = _deltaT == 0.0 ? 0.0 : (_gL * _deltaT * Math.Exp((v - _vTh) / _deltaT));
            f[V] = _refractory ? 0.0 : (-_gL * (v - _eL) + iSpike + iEx - iIn - w + _iE + _stimulus) / _cM;
            f[DiEx] = -diEx / _tauEx;
            f[IEx] = diEx - iEx / _tauEx;
            f[DiIn] = -diIn / _tauIn;
            f[IIn] = diIn - iIn / _tauIn;
            f[W] = (_a * (v - _eL) - w) / _tauW;
        }
    }
}
