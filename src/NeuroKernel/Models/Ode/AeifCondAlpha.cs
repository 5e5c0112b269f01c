using System.Runtime.CompilerServices;
using NeuroKernel.Kernel;
using NeuroKernel.Numerics;

namespace NeuroKernel.Models.Ode;

/// <summary>
/// NEST's <c>aeif_cond_alpha</c>: the adaptive exponential integrate-and-fire neuron of Brette and Gerstner (2005) with
/// alpha-shaped conductances, integrated by RKF45 with GSL's control on the derivatives (absolute and relative tolerance
/// gsl_error_tol). Units: potentials mV, conductances nS (a, g_L), capacitance pF, currents pA (b, w, I_e), times ms.
/// </summary>
/// <remarks>
/// C_m dV/dt = −g_L(V − E_L) + g_L·Δ_T·exp((V − V_th)/Δ_T) − g_ex(V − E_ex) − g_in(V − E_in) − w + I_e + I_stim,
/// tau_w dw/dt = a(V − E_L) − w, alpha conductances as in iaf_cond_alpha. The currents see V_reset while refractory and
/// min(V, V_peak) otherwise; V is held while refractory. Spikes are found after every integrator step inside the time
/// step (V ≥ V_peak, or V_th when Δ_T = 0): V → V_reset, w → w + b, refractory for t_ref. V_m below −1000 mV or |w| above
/// 10⁶ pA stops the simulation (<see cref="NumericalInstabilityException"/>).
/// </remarks>
internal struct AeifCondAlpha : IOdeNeuron
{
    private const int CM = 0, VTh = 1, TRef = 2, GL = 3, EL = 4, VReset = 5, EEx = 6, EIn = 7, TauEx = 8, TauIn = 9;
    private const int A = 10, B = 11, DeltaT = 12, TauW = 13, IE = 14, VPeak = 15, Tolerance = 16, TauMinus = 17;

    private const int V = 0, DgEx = 1, GEx = 2, DgIn = 3, GIn = 4, W = 5;

    private const int JumpEx = 0, JumpIn = 1, RefractorySteps = 2, SpikeAt = 3;

    public static string Name => "aeif_cond_alpha";

    public static ModelVariable[] Parameters { get; } =
    [
        new("C_m", 281.0), new("V_th", -50.4), new("t_ref", 0.0), new("g_L", 30.0), new("E_L", -70.6), new("V_reset", -60.0),
        new("E_ex", 0.0), new("E_in", -85.0), new("tau_syn_ex", 0.2), new("tau_syn_in", 2.0), new("a", 4.0), new("b", 80.5),
        new("Delta_T", 2.0), new("tau_w", 144.0), new("I_e", 0.0), new("V_peak", 0.0), new("gsl_error_tol", 1e-6),
        new(ParameterNames.TauMinus, 20.0),
    ];

    public static string[] StateNames { get; } = ["V_m", "dg_ex", "g_ex", "dg_in", "g_in", "w"];

    public static string[] Recordables { get; } = ["g_ex", "g_in", "V_m", "w"];

    public static int DerivedCount => 4;

    public static void InitialState(ReadOnlySpan<double> p, Span<double> y) => OdeSteps.Resting(y, V, p[EL]);

    public static void Validate(ReadOnlySpan<double> p)
    {
        Aeif.ResetBelowPeak(p[VReset], p[VPeak], "Ensure that: V_reset < V_peak .");
        Aeif.SlopeFactor(p[DeltaT], p[VPeak], p[VTh]);
        Aeif.PeakAboveThreshold(p[VPeak], p[VTh]);
        OdeChecks.Capacitance(p[CM]);
        OdeChecks.RefractoryTime(p[TRef]);
        OdeChecks.TimeConstants(("tau_syn_ex", p[TauEx]), ("tau_syn_in", p[TauIn]), ("tau_w", p[TauW]), (ParameterNames.TauMinus, p[TauMinus]));
        OdeChecks.ErrorTolerance(p[Tolerance]);
    }

    public static void ValidateState(ReadOnlySpan<double> y) => Aeif.NonNegative("g_ex", y[GEx], "g_in", y[GIn]);

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
        OdeSteps.AddSpikes(y, DgEx, DgIn, excitatory * derived[JumpEx], -inhibitory * derived[JumpIn]);
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
            double dgEx = y[DgEx], gEx = y[GEx], dgIn = y[DgIn], gIn = y[GIn], w = y[W];
            double iSynEx = gEx * (v - _eEx);
            double iSynIn = gIn * (v - _eIn);
            double iSpike = _deltaT == 0.0 ? 0.0 : (_gL * _deltaT * Math.Exp((v - _vTh) / _deltaT));
            f[V] = _refractory ? 0.0 : (-_gL * (v - _eL) + iSpike - iSynEx - iSynIn - w + _iE + _stimulus) / _cM;
            f[DgEx] = -dgEx / _tauEx;
            f[GEx] = dgEx - gEx / _tauEx;
            f[DgIn] = -dgIn / _tauIn;
            f[GIn] = dgIn - gIn / _tauIn;
            f[W] = (_a * (v - _eL) - w) / _tauW;
        }
    }
}

/// <summary>What NEST's adaptive exponential models (aeif_*) share: checks, the first step size and the spike handling.</summary>
internal static class Aeif
{
    /// <summary>The largest exp argument NEST allows at V_peak: ln(DBL_MAX / 10²⁰).</summary>
    private static readonly double MaxExpArgument = Math.Log(double.MaxValue / 1e20);

    /// <summary>
    /// NEST 3.9 starts these models' integration from one resolution step (older versions from at most 0.01 ms); with it
    /// the reference traces are matched bit for bit.
    /// </summary>
    public static double InitialStep(double resolution) => resolution;

    /// <summary>V_reset &lt; V_peak, with the model's wording.</summary>
    public static void ResetBelowPeak(double vReset, double vPeak, string sentence)
    {
        if (vReset >= vPeak)
        {
            throw ParameterReader.Bad("V_reset", vReset, $"{sentence} (V_peak = {StatusDictionary.Describe(vPeak)})");
        }
    }

    /// <summary>Δ_T ≥ 0, and exp((V_peak − V_th)/Δ_T) far enough from overflow.</summary>
    public static void SlopeFactor(double deltaT, double vPeak, double vTh)
    {
        if (deltaT < 0.0)
        {
            throw ParameterReader.Bad("Delta_T", deltaT, "Delta_T must be positive.");
        }

        if (deltaT > 0.0 && (vPeak - vTh) / deltaT >= MaxExpArgument)
        {
            throw ParameterReader.Bad("Delta_T", deltaT,
                $"The current combination of V_peak ({StatusDictionary.Describe(vPeak)}), V_th ({StatusDictionary.Describe(vTh)}) and Delta_T will lead to numerical overflow at spike time; try for instance to increase Delta_T or to reduce V_peak to avoid this problem.");
        }
    }

    /// <summary>V_peak ≥ V_th.</summary>
    public static void PeakAboveThreshold(double vPeak, double vTh)
    {
        if (vPeak < vTh)
        {
            throw ParameterReader.Bad("V_peak", vPeak, $"V_peak >= V_th required (V_th = {StatusDictionary.Describe(vTh)}).");
        }
    }

    /// <summary>The two synaptic state components named <paramref name="ex"/> and <paramref name="inh"/> are not negative.</summary>
    public static void NonNegative(string ex, double exValue, string inh, double inValue)
    {
        if (exValue < 0.0 || inValue < 0.0)
        {
            throw ParameterReader.Bad(exValue < 0.0 ? ex : inh, Math.Min(exValue, inValue), "Conductances must not be negative.");
        }
    }

    /// <summary>
    /// One time step of an aeif neuron as NEST runs it: integrator step after integrator step (control on the derivatives,
    /// tolerance <paramref name="tolerance"/>), each followed by <see cref="AfterStep"/>, then the refractory count-down.
    /// Returns how often it fired.
    /// </summary>
    public static int Integrate<TDynamics>(string model, ReadOnlySpan<double> p, Span<double> y, ref OdeNeuronState s, double resolution, double tolerance,
        (int V, int W) at, double vReset, double b, double spikeAt, long refractorySteps, Span<double> scratch)
        where TDynamics : struct, IOdeDynamics<TDynamics> =>
        Integrate(model, TDynamics.Create(p, false, s.Stimulus), TDynamics.Create(p, true, s.Stimulus), y, ref s, resolution, tolerance, at, vReset, b, spikeAt,
            refractorySteps, scratch);

    /// <summary>
    /// The same with the right-hand sides made by the caller: <paramref name="active"/> outside refractoriness and
    /// <paramref name="refractory"/> within (a spike inside the step switches from one to the other).
    /// </summary>
    public static int Integrate<TSystem>(string model, in TSystem active, in TSystem refractory, Span<double> y, ref OdeNeuronState s, double resolution,
        double tolerance, (int V, int W) at, double vReset, double b, double spikeAt, long refractorySteps, Span<double> scratch)
        where TSystem : struct, IOdeSystem
    {
        var control = StepControl.OnDerivatives(tolerance, tolerance);
        int fired = 0;
        double t = 0.0;
        while (t < resolution)
        {
            var system = s.Refractory > 0 ? refractory : active;
            Rkf45.Evolve(ref system, y, ref t, resolution, ref s.Step, in control, scratch);
            fired += AfterStep(model, y, at.V, at.W, ref s, vReset, b, spikeAt, refractorySteps);
        }

        if (s.Refractory > 0)
        {
            s.Refractory--;
        }

        return fired;
    }

    /// <summary>
    /// After one integrator step: NEST's range check, then a refractory neuron is held at V_reset, or one at V_peak fires
    /// (V → V_reset, w → w + b, refractory for t_ref plus the step's own count-down). Returns 1 when it fired.
    /// </summary>
    private static int AfterStep(string model, Span<double> y, int v, int w, ref OdeNeuronState s, double vReset, double b, double spikeAt, long refractorySteps)
    {
        if (y[v] < -1e3 || y[w] < -1e6 || y[w] > 1e6)
        {
            throw new NumericalInstabilityException(model, $"V_m = {StatusDictionary.Describe(y[v])} mV, w = {StatusDictionary.Describe(y[w])} pA");
        }

        if (s.Refractory > 0)
        {
            y[v] = vReset;
            return 0;
        }

        if (y[v] >= spikeAt)
        {
            y[v] = vReset;
            y[w] += b;
            s.Refractory = refractorySteps > 0 ? (int)refractorySteps + 1 : 0;
            return 1;
        }

        return 0;
    }
}
