using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using NeuroKernel.Kernel;
using NeuroKernel.Numerics;

namespace NeuroKernel.Models.Ode;

/// <summary>
/// NEST's <c>iaf_cond_exp</c>: a leaky integrate-and-fire neuron with exponentially decaying conductances, integrated by
/// RKF45 with GSL's control on the values (absolute tolerance 10⁻³, fixed in NEST). Units: potentials mV, conductances
/// nS, capacitance pF, currents pA, times ms. A spike of weight w nS (w &gt; 0 excitatory, w &lt; 0 inhibitory, taken as
/// |w|) raises the conductance by |w| nS.
/// </summary>
/// <remarks>
/// C_m dV/dt = −g_L(V − E_L) + I_stim + I_e − g_ex(V − E_ex) − g_in(V − E_in), dg/dt = −g/tau_syn per synapse type.
/// Refractory neurons are held at V_reset (the currents see V_reset; otherwise min(V, V_th)). NEST adds a step's spikes
/// to the conductances before the threshold test (iaf_cond_alpha and iaf_cond_beta add them after it).
/// </remarks>
internal struct IafCondExp : IOdeNeuron
{
    private const int VTh = 0, VReset = 1, TRef = 2, GL = 3, CM = 4, EEx = 5, EIn = 6, EL = 7, TauEx = 8, TauIn = 9, IE = 10, TauMinus = 11;

    private const int V = 0, GEx = 1, GIn = 2;

    private const int RefractorySteps = 0;

    private static readonly StepControl Control = StepControl.OnValues(1e-3, 0.0);

    public static string Name => "iaf_cond_exp";

    public static ModelVariable[] Parameters { get; } =
    [
        new("V_th", -55.0), new("V_reset", -60.0), new("t_ref", 2.0), new("g_L", 16.6667), new("C_m", 250.0), new("E_ex", 0.0),
        new("E_in", -85.0), new("E_L", -70.0), new("tau_syn_ex", 0.2), new("tau_syn_in", 2.0), new("I_e", 0.0),
        new(ParameterNames.TauMinus, 20.0),
    ];

    public static string[] StateNames { get; } = ["V_m", "g_ex", "g_in"];

    public static string[] Recordables { get; } = ["g_ex", "g_in", "V_m"];

    public static int DerivedCount => 1;

    public static void InitialState(ReadOnlySpan<double> p, Span<double> y) => OdeSteps.Resting(y, V, p[EL]);

    public static void Validate(ReadOnlySpan<double> p)
    {
        OdeChecks.ResetBelowThreshold(p[VReset], p[VTh]);
        OdeChecks.Capacitance(p[CM]);
        OdeChecks.RefractoryTime(p[TRef]);
        OdeChecks.TimeConstants(("tau_syn_ex", p[TauEx]), ("tau_syn_in", p[TauIn]), (ParameterNames.TauMinus, p[TauMinus]));
    }

    public static void ValidateState(ReadOnlySpan<double> y) { }

    public static double InitialStep(double resolution) => resolution;

    public static void Prepare(ReadOnlySpan<double> p, TimeGrid grid, Span<double> derived) => derived[RefractorySteps] = grid.RoundHalfUp(p[TRef]);

    public static int Update(ReadOnlySpan<double> p, ReadOnlySpan<double> derived, Span<double> y, ref OdeNeuronState s, double resolution,
        double excitatory, double inhibitory, Span<double> scratch)
    {
        OdeSteps.Integrate<Dynamics>(p, y, ref s, resolution, in Control, scratch);
        OdeSteps.AddSpikes(y, GEx, GIn, excitatory, -inhibitory);
        return OdeSteps.RefractoryOrThreshold(y, V, ref s, p[VReset], p[VTh], (int)derived[RefractorySteps]);
    }

    public static bool HasLanes => Vector256.IsHardwareAccelerated;

    public static void UpdateLanes(ReadOnlySpan<double> p, ReadOnlySpan<double> derived, Span<double> y, Span<OdeNeuronState> s, double resolution,
        ReadOnlySpan<double> excitatory, ReadOnlySpan<double> inhibitory, Span<int> fired, Span<Vector256<double>> scratch)
    {
        const int N = 3, P = 12, D = 1;
        System.Diagnostics.Debug.Assert(Parameters.Length == P && StateNames.Length == N && DerivedCount == D, "The lanes' layout is the model's.");
        var state = scratch[..N];
        for (int c = 0; c < N; c++)
        {
            state[c] = Vector256.Create(y[c], y[N + c], y[(2 * N) + c], y[(3 * N) + c]);
        }

        Span<double> steps = [s[0].Step, s[1].Step, s[2].Step, s[3].Step];
        var system = new LaneDynamics(p, s);
        Rkf45Lanes.Advance(ref system, state, resolution, steps, in Control, scratch[N..]);
        for (int lane = 0; lane < Rkf45Lanes.Lanes; lane++)
        {
            var row = y.Slice(lane * N, N);
            for (int c = 0; c < N; c++)
            {
                row[c] = state[c].GetElement(lane);
            }

            s[lane].Step = steps[lane];
            var q = p.Slice(lane * P, P);
            OdeSteps.AddSpikes(row, GEx, GIn, excitatory[lane], -inhibitory[lane]);
            fired[lane] = OdeSteps.RefractoryOrThreshold(row, V, ref s[lane], q[VReset], q[VTh], (int)derived[lane * D + RefractorySteps]);
        }
    }

    /// <summary>Four neurons' right-hand sides (their parameters lane by lane), the scalar <see cref="Dynamics"/>'s arithmetic.</summary>
    private readonly struct LaneDynamics : IOdeLaneSystem
    {
        private readonly Vector256<double> _vTh, _vReset, _gL, _eL, _eEx, _eIn, _cM, _tauEx, _tauIn, _iE, _stimulus, _refractory;

        public LaneDynamics(ReadOnlySpan<double> p, ReadOnlySpan<OdeNeuronState> s)
        {
            const int P = 12;
            static Vector256<double> Lanes(ReadOnlySpan<double> p, int k) => Vector256.Create(p[k], p[P + k], p[(2 * P) + k], p[(3 * P) + k]);
            (_vTh, _vReset, _gL, _eL, _eEx, _eIn) = (Lanes(p, VTh), Lanes(p, VReset), Lanes(p, GL), Lanes(p, EL), Lanes(p, EEx), Lanes(p, EIn));
            (_cM, _tauEx, _tauIn, _iE) = (Lanes(p, CM), Lanes(p, TauEx), Lanes(p, TauIn), Lanes(p, IE));
            _stimulus = Vector256.Create(s[0].Stimulus, s[1].Stimulus, s[2].Stimulus, s[3].Stimulus);
            _refractory = Vector256.Create(s[0].Refractory > 0 ? -1L : 0L, s[1].Refractory > 0 ? -1L : 0L, s[2].Refractory > 0 ? -1L : 0L, s[3].Refractory > 0 ? -1L : 0L).AsDouble();
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Derivatives(ReadOnlySpan<Vector256<double>> y, Span<Vector256<double>> f)
        {
            var v = Vector256.ConditionalSelect(_refractory, _vReset, Vector256.Min(y[V], _vTh));
            var iSynEx = y[GEx] * (v - _eEx);
            var iSynIn = y[GIn] * (v - _eIn);
            var iLeak = _gL * (v - _eL);
            // Negation as the scalar code's: the sign bit flipped (not 0 − x, which differs for +0).
            var sign = Vector256.Create(-0.0);
            f[V] = Vector256.ConditionalSelect(_refractory, Vector256<double>.Zero, ((iLeak ^ sign) + _stimulus + _iE - iSynEx - iSynIn) / _cM);
            f[GEx] = (y[GEx] ^ sign) / _tauEx;
            f[GIn] = (y[GIn] ^ sign) / _tauIn;
        }
    }

    private readonly struct Dynamics : IOdeDynamics<Dynamics>
    {
        private readonly double _vTh, _vReset, _gL, _eL, _eEx, _eIn, _cM, _tauEx, _tauIn, _iE, _stimulus;
        private readonly bool _refractory;

        public Dynamics(ReadOnlySpan<double> p, bool refractory, double stimulus)
        {
            (_vTh, _vReset, _gL, _eL, _eEx, _eIn) = (p[VTh], p[VReset], p[GL], p[EL], p[EEx], p[EIn]);
            (_cM, _tauEx, _tauIn, _iE) = (p[CM], p[TauEx], p[TauIn], p[IE]);
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
            f[V] = _refractory ? 0.0 : (-iLeak + _stimulus + _iE - iSynEx - iSynIn) / _cM;
            f[GEx] = -y[GEx] / _tauEx;
            f[GIn] = -y[GIn] / _tauIn;
        }
    }
}
