using System.Runtime.CompilerServices;
using NeuroKernel.Kernel;
using NeuroKernel.Numerics;

namespace NeuroKernel.Models.Ode;

/// <summary>
/// NEST's <c>aeif_cond_exp</c>: the adaptive exponential integrate-and-fire neuron (Brette and Gerstner 2005) with
/// exponentially decaying conductances, integrated by RKF45 with GSL's control on the derivatives (absolute and relative
/// tolerance gsl_error_tol). Units as <see cref="AeifCondAlpha"/>; a spike of weight w nS raises the conductance by |w| nS.
/// </summary>
internal struct AeifCondExp : IOdeNeuron
{
    private const int CM = 0, VTh = 1, TRef = 2, GL = 3, EL = 4, VReset = 5, EEx = 6, EIn = 7, TauEx = 8, TauIn = 9;
    private const int A = 10, B = 11, DeltaT = 12, TauW = 13, IE = 14, VPeak = 15, Tolerance = 16, TauMinus = 17;

    private const int V = 0, GEx = 1, GIn = 2, W = 3;

    private const int RefractorySteps = 0, SpikeAt = 1;

    public static string Name => "aeif_cond_exp";

    public static ModelVariable[] Parameters { get; } =
    [
        new("C_m", 281.0), new("V_th", -50.4), new("t_ref", 0.0), new("g_L", 30.0), new("E_L", -70.6), new("V_reset", -60.0),
        new("E_ex", 0.0), new("E_in", -85.0), new("tau_syn_ex", 0.2), new("tau_syn_in", 2.0), new("a", 4.0), new("b", 80.5),
        new("Delta_T", 2.0), new("tau_w", 144.0), new("I_e", 0.0), new("V_peak", 0.0), new("gsl_error_tol", 1e-6),
        new(ParameterNames.TauMinus, 20.0),
    ];

    public static string[] StateNames { get; } = ["V_m", "g_ex", "g_in", "w"];

    public static string[] Recordables { get; } = ["g_ex", "g_in", "V_m", "w"];

    public static int DerivedCount => 2;

    public static void InitialState(ReadOnlySpan<double> p, Span<double> y) => OdeSteps.Resting(y, V, p[EL]);

    public static void Validate(ReadOnlySpan<double> p)
    {
        Aeif.PeakAboveThreshold(p[VPeak], p[VTh]);
        Aeif.SlopeFactor(p[DeltaT], p[VPeak], p[VTh]);
        Aeif.ResetBelowPeak(p[VReset], p[VPeak], "Ensure that: V_reset < V_peak .");
        if (p[CM] <= 0.0)
        {
            throw ParameterReader.Bad("C_m", p[CM], "Ensure that C_m >0");
        }

        OdeChecks.RefractoryTime(p[TRef]);
        OdeChecks.TimeConstants(("tau_syn_ex", p[TauEx]), ("tau_syn_in", p[TauIn]), ("tau_w", p[TauW]), (ParameterNames.TauMinus, p[TauMinus]));
        OdeChecks.ErrorTolerance(p[Tolerance]);
    }

    public static void ValidateState(ReadOnlySpan<double> y) => Aeif.NonNegative("g_ex", y[GEx], "g_in", y[GIn]);

    public static double InitialStep(double resolution) => Aeif.InitialStep(resolution);

    public static void Prepare(ReadOnlySpan<double> p, TimeGrid grid, Span<double> derived)
    {
        derived[RefractorySteps] = grid.RoundHalfUp(p[TRef]);
        derived[SpikeAt] = p[DeltaT] > 0.0 ? p[VPeak] : p[VTh];
    }

    public static int Update(ReadOnlySpan<double> p, ReadOnlySpan<double> derived, Span<double> y, ref OdeNeuronState s, double resolution,
        double excitatory, double inhibitory, Span<double> scratch)
    {
        int fired = Aeif.Integrate<Dynamics>(Name, p, y, ref s, resolution, p[Tolerance], (V, W), p[VReset], p[B], derived[SpikeAt], (long)derived[RefractorySteps], scratch);
        OdeSteps.AddSpikes(y, GEx, GIn, excitatory, -inhibitory);
        return fired;
    }

    private readonly struct Dynamics : IOdeDynamics<Dynamics>
    {
        private readonly double _vReset, _vPeak, _gL, _eL, _eEx, _eIn, _cM, _tauEx, _tauIn, _a, _deltaT, _tauW, _vTh, _iE, _stimulus;
        private readonly bool _refractory;

        public Dynamics(ReadOnlySpan<double> p, bool refractory, double stimulus)
        {
            (_vReset, _vPeak, _gL, _eL, _eEx, _eIn, _cM) = (p[VReset], p[VPeak], p[GL], p[EL], p[EEx], p[EIn], p[CM]);
            (_tauEx, _tauIn, _a, _deltaT, _tauW, _vTh, _iE) = (p[TauEx], p[TauIn], p[A], p[DeltaT], p[TauW], p[VTh], p[IE]);
            (_refractory, _stimulus) = (refractory, stimulus);
        }

        public static Dynamics Create(ReadOnlySpan<double> p, bool refractory, double stimulus) => new(p, refractory, stimulus);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Derivatives(ReadOnlySpan<double> y, Span<double> f)
        {
            double v = _refractory ? _vReset : Math.Min(y[V], _vPeak);
            double gEx = y[GEx], gIn = y[GIn], w = y[W];
            double iSynEx = gEx * (v - _eEx);
            double iSynIn = gIn * (v - _eIn);
            double iSpike = _deltaT == 0.0 ? 0.0 : (_gL * _deltaT * Math.Exp((v - _vTh) / _deltaT));
            f[V] = _refractory ? 0.0 : (-_gL * (v - _eL) + iSpike - iSynEx - iSynIn - w + _iE + _stimulus) / _cM;
            f[GEx] = -gEx / _tauEx;
            f[GIn] = -gIn / _tauIn;
            f[W] = (_a * (v - _eL) - w) / _tauW;
        }
    }
}
