using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using NeuroKernel.Kernel;
using NeuroKernel.Numerics;

namespace NeuroKernel.Models.Ode;

/// <summary>
/// NEST's <c>iaf_cond_beta</c>: a leaky integrate-and-fire neuron with beta-shaped conductances (rise time tau_rise,
/// decay time tau_decay per synapse type), integrated by RKF45 with GSL's control on the values (absolute tolerance
/// 10⁻³). Units: potentials mV, conductances nS, capacitance pF, currents pA, times ms. A spike of weight w nS makes a
/// conductance that peaks at |w| nS; with tau_rise = tau_decay it is iaf_cond_alpha's alpha function.
/// </summary>
/// <remarks>
/// As iaf_cond_alpha, with d(dg)/dt = −dg/tau_decay and dg/dt = dg − g/tau_rise; the jump per nS of weight is NEST's
/// beta normalisation: (1/tau_rise − 1/tau_decay) / (exp(−t_p/tau_decay) − exp(−t_p/tau_rise)) at the peak time
/// t_p = tau_decay·tau_rise·ln(tau_decay/tau_rise)/(tau_decay − tau_rise), or e/tau_decay when the two are equal.
/// </remarks>
internal struct IafCondBeta : IOdeNeuron, ICondLayout
{
    private const int VTh = 0, VReset = 1, TRef = 2, GL = 3, CM = 4, EEx = 5, EIn = 6, EL = 7;
    private const int RiseEx = 8, DecayEx = 9, RiseIn = 10, DecayIn = 11, IE = 12, TauMinus = 13;

    private const int V = 0, DgEx = 1, GEx = 2, DgIn = 3, GIn = 4;

    private const int JumpEx = 0, JumpIn = 1, RefractorySteps = 2;

    private static readonly StepControl Control = StepControl.OnValues(1e-3, 0.0);

    /// <summary>C's DBL_EPSILON.</summary>
    private const double MachineEpsilon = 2.220446049250313e-16;

    public static string Name => "iaf_cond_beta";

    static int ICondLayout.VTh => VTh;

    static int ICondLayout.VReset => VReset;

    static int ICondLayout.GL => GL;

    static int ICondLayout.EL => EL;

    static int ICondLayout.EEx => EEx;

    static int ICondLayout.EIn => EIn;

    static int ICondLayout.CM => CM;

    static int ICondLayout.RiseEx => RiseEx;

    static int ICondLayout.DecayEx => DecayEx;

    static int ICondLayout.RiseIn => RiseIn;

    static int ICondLayout.DecayIn => DecayIn;

    static int ICondLayout.IE => IE;

    public static ModelVariable[] Parameters { get; } =
    [
        new("V_th", -55.0), new("V_reset", -60.0), new("t_ref", 2.0), new("g_L", 16.6667), new("C_m", 250.0), new("E_ex", 0.0),
        new("E_in", -85.0), new("E_L", -70.0), new("tau_rise_ex", 0.2), new("tau_decay_ex", 0.2), new("tau_rise_in", 2.0),
        new("tau_decay_in", 2.0), new("I_e", 0.0), new(ParameterNames.TauMinus, 20.0),
    ];

    public static string[] StateNames { get; } = ["V_m", "dg_ex", "g_ex", "dg_in", "g_in"];

    public static string[] Recordables { get; } = ["g_ex", "g_in", OdeNames.TRefRemaining, "V_m"];

    public static int DerivedCount => 3;

    public static void InitialState(ReadOnlySpan<double> p, Span<double> y) => OdeSteps.Resting(y, V, p[EL]);

    public static void Validate(ReadOnlySpan<double> p)
    {
        OdeChecks.ResetBelowThreshold(p[VReset], p[VTh]);
        OdeChecks.Capacitance(p[CM]);
        OdeChecks.RefractoryTime(p[TRef]);
        OdeChecks.TimeConstants(("tau_rise_ex", p[RiseEx]), ("tau_decay_ex", p[DecayEx]), ("tau_rise_in", p[RiseIn]), ("tau_decay_in", p[DecayIn]),
            (ParameterNames.TauMinus, p[TauMinus]));
    }

    public static void ValidateState(ReadOnlySpan<double> y) { }

    public static double InitialStep(double resolution) => resolution;

    public static void Prepare(ReadOnlySpan<double> p, TimeGrid grid, Span<double> derived)
    {
        derived[JumpEx] = BetaNormalization(p[RiseEx], p[DecayEx]);
        derived[JumpIn] = BetaNormalization(p[RiseIn], p[DecayIn]);
        derived[RefractorySteps] = grid.RoundHalfUp(p[TRef]);
    }

    /// <summary>The jump of dg per nS of weight that makes the beta conductance peak at 1 nS (NEST's beta_normalization_factor).</summary>
    public static double BetaNormalization(double tauRise, double tauDecay)
    {
        double difference = tauDecay - tauRise;
        double peak = 0.0;
        if (Math.Abs(difference) > MachineEpsilon)
        {
            double tPeak = tauDecay * tauRise * Math.Log(tauDecay / tauRise) / difference;
            peak = Math.Exp(-tPeak / tauDecay) - Math.Exp(-tPeak / tauRise);
        }

        return Math.Abs(peak) < MachineEpsilon ? Math.E / tauDecay : (1.0 / tauRise - 1.0 / tauDecay) / peak;
    }

    public static int Update(ReadOnlySpan<double> p, ReadOnlySpan<double> derived, Span<double> y, ref OdeNeuronState s, double resolution,
        double excitatory, double inhibitory, Span<double> scratch)
    {
        OdeSteps.Integrate<CondBetaDynamics<IafCondBeta>>(p, y, ref s, resolution, in Control, scratch);
        int fired = OdeSteps.RefractoryOrThreshold(y, V, ref s, p[VReset], p[VTh], (int)derived[RefractorySteps]);
        OdeSteps.AddSpikes(y, DgEx, DgIn, excitatory * derived[JumpEx], -inhibitory * derived[JumpIn]);
        return fired;
    }

    public static bool HasLanes => Vector256.IsHardwareAccelerated;

    public static void UpdateLanes(ReadOnlySpan<double> p, ReadOnlySpan<double> derived, Span<double> y, Span<OdeNeuronState> s, double resolution,
        ReadOnlySpan<double> excitatory, ReadOnlySpan<double> inhibitory, Span<int> fired, Span<Vector256<double>> scratch) =>
        CondBetaLanes<IafCondBeta>.Update(Parameters.Length, p, derived, y, s, resolution, excitatory, inhibitory, fired, scratch, in Control);
}

/// <summary>Where iaf_cond_alpha's and iaf_cond_beta's parameters lie in their spans (alpha: rise = decay = tau_syn).</summary>
internal interface ICondLayout
{
    static abstract int VTh { get; }

    static abstract int VReset { get; }

    static abstract int GL { get; }

    static abstract int EL { get; }

    static abstract int EEx { get; }

    static abstract int EIn { get; }

    static abstract int CM { get; }

    static abstract int RiseEx { get; }

    static abstract int DecayEx { get; }

    static abstract int RiseIn { get; }

    static abstract int DecayIn { get; }

    static abstract int IE { get; }
}

/// <summary>
/// The right-hand side of iaf_cond_beta, and of iaf_cond_alpha (rise = decay: the same operations): the currents see V_reset
/// while refractory and min(V, V_th) otherwise; d(dg)/dt = −dg/tau_decay, dg/dt = dg − g/tau_rise.
/// State: V_m, dg_ex, g_ex, dg_in, g_in.
/// </summary>
internal readonly struct CondBetaDynamics<TLayout> : IOdeDynamics<CondBetaDynamics<TLayout>>
    where TLayout : ICondLayout
{
    private const int V = 0, DgEx = 1, GEx = 2, DgIn = 3, GIn = 4;
    private readonly double _vTh, _vReset, _gL, _eL, _eEx, _eIn, _cM, _riseEx, _decayEx, _riseIn, _decayIn, _iE, _stimulus;
    private readonly bool _refractory;

    private CondBetaDynamics(ReadOnlySpan<double> p, bool refractory, double stimulus)
    {
        (_vTh, _vReset, _gL, _eL, _eEx, _eIn, _cM) = (p[TLayout.VTh], p[TLayout.VReset], p[TLayout.GL], p[TLayout.EL], p[TLayout.EEx], p[TLayout.EIn], p[TLayout.CM]);
        (_riseEx, _decayEx, _riseIn, _decayIn, _iE) = (p[TLayout.RiseEx], p[TLayout.DecayEx], p[TLayout.RiseIn], p[TLayout.DecayIn], p[TLayout.IE]);
        (_refractory, _stimulus) = (refractory, stimulus);
    }

    public static CondBetaDynamics<TLayout> Create(ReadOnlySpan<double> p, bool refractory, double stimulus) => new(p, refractory, stimulus);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Derivatives(ReadOnlySpan<double> y, Span<double> f)
    {
        double v = _refractory ? _vReset : Math.Min(y[V], _vTh);
        double iSynEx = y[GEx] * (v - _eEx);
        double iSynIn = y[GIn] * (v - _eIn);
        double iLeak = _gL * (v - _eL);
        f[V] = _refractory ? 0.0 : (-iLeak - iSynEx - iSynIn + _stimulus + _iE) / _cM;
        f[DgEx] = -y[DgEx] / _decayEx;
        f[GEx] = y[DgEx] - (y[GEx] / _riseEx);
        f[DgIn] = -y[DgIn] / _decayIn;
        f[GIn] = y[DgIn] - (y[GIn] / _riseIn);
    }
}

/// <summary>
/// Four iaf_cond_alpha or iaf_cond_beta neurons at once (<see cref="Rkf45Lanes"/>): the same integration, threshold and
/// spike input as their scalar <c>Update</c>, lane by lane.
/// </summary>
internal static class CondBetaLanes<TLayout>
    where TLayout : ICondLayout
{
    private const int V = 0, DgEx = 1, GEx = 2, DgIn = 3, GIn = 4, N = 5;
    private const int JumpEx = 0, JumpIn = 1, RefractorySteps = 2, D = 3;

    public static void Update(int parameters, ReadOnlySpan<double> p, ReadOnlySpan<double> derived, Span<double> y, Span<OdeNeuronState> s, double resolution,
        ReadOnlySpan<double> excitatory, ReadOnlySpan<double> inhibitory, Span<int> fired, Span<Vector256<double>> scratch, in StepControl control)
    {
        var state = scratch[..N];
        for (int c = 0; c < N; c++)
        {
            state[c] = Vector256.Create(y[c], y[N + c], y[(2 * N) + c], y[(3 * N) + c]);
        }

        Span<double> steps = [s[0].Step, s[1].Step, s[2].Step, s[3].Step];
        var system = new LaneDynamics(p, parameters, s);
        Rkf45Lanes.Advance(ref system, state, resolution, steps, in control, scratch[N..]);
        for (int lane = 0; lane < Rkf45Lanes.Lanes; lane++)
        {
            var row = y.Slice(lane * N, N);
            for (int c = 0; c < N; c++)
            {
                row[c] = state[c].GetElement(lane);
            }

            s[lane].Step = steps[lane];
            var q = p.Slice(lane * parameters, parameters);
            var d = derived.Slice(lane * D, D);
            fired[lane] = OdeSteps.RefractoryOrThreshold(row, V, ref s[lane], q[TLayout.VReset], q[TLayout.VTh], (int)d[RefractorySteps]);
            OdeSteps.AddSpikes(row, DgEx, DgIn, excitatory[lane] * d[JumpEx], -inhibitory[lane] * d[JumpIn]);
        }
    }

    /// <summary>Four neurons' right-hand sides, <see cref="CondBetaDynamics{TLayout}"/>'s arithmetic lane by lane.</summary>
    private readonly struct LaneDynamics : IOdeLaneSystem
    {
        private readonly Vector256<double> _vTh, _vReset, _gL, _eL, _eEx, _eIn, _cM, _riseEx, _decayEx, _riseIn, _decayIn, _iE, _stimulus, _refractory;

        public LaneDynamics(ReadOnlySpan<double> p, int n, ReadOnlySpan<OdeNeuronState> s)
        {
            Vector256<double> Lanes(ReadOnlySpan<double> p, int k) => Vector256.Create(p[k], p[n + k], p[(2 * n) + k], p[(3 * n) + k]);
            (_vTh, _vReset, _gL, _eL) = (Lanes(p, TLayout.VTh), Lanes(p, TLayout.VReset), Lanes(p, TLayout.GL), Lanes(p, TLayout.EL));
            (_eEx, _eIn, _cM, _iE) = (Lanes(p, TLayout.EEx), Lanes(p, TLayout.EIn), Lanes(p, TLayout.CM), Lanes(p, TLayout.IE));
            (_riseEx, _decayEx, _riseIn, _decayIn) = (Lanes(p, TLayout.RiseEx), Lanes(p, TLayout.DecayEx), Lanes(p, TLayout.RiseIn), Lanes(p, TLayout.DecayIn));
            _stimulus = Vector256.Create(s[0].Stimulus, s[1].Stimulus, s[2].Stimulus, s[3].Stimulus);
            _refractory = Vector256.Create(s[0].Refractory > 0 ? -1L : 0L, s[1].Refractory > 0 ? -1L : 0L, s[2].Refractory > 0 ? -1L : 0L, s[3].Refractory > 0 ? -1L : 0L).AsDouble();
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Derivatives(ReadOnlySpan<Vector256<double>> y, Span<Vector256<double>> f)
        {
            // Negation as the scalar code's: the sign bit flipped.
            var sign = Vector256.Create(-0.0);
            var v = Vector256.ConditionalSelect(_refractory, _vReset, Vector256.Min(y[V], _vTh));
            var iSynEx = y[GEx] * (v - _eEx);
            var iSynIn = y[GIn] * (v - _eIn);
            var iLeak = _gL * (v - _eL);
            f[V] = Vector256.ConditionalSelect(_refractory, Vector256<double>.Zero, ((iLeak ^ sign) - iSynEx - iSynIn + _stimulus + _iE) / _cM);
            f[DgEx] = (y[DgEx] ^ sign) / _decayEx;
            f[GEx] = y[DgEx] - (y[GEx] / _riseEx);
            f[DgIn] = (y[DgIn] ^ sign) / _decayIn;
            f[GIn] = y[DgIn] - (y[GIn] / _riseIn);
        }
    }
}
