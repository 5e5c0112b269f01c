using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using NeuroKernel.Kernel;
using NeuroKernel.Numerics;

namespace NeuroKernel.Models.Ode;

/// <summary>
/// NEST's <c>iaf_cond_alpha</c>: a leaky integrate-and-fire neuron with alpha-shaped conductances, integrated by RKF45
/// with GSL's control on the values (absolute tolerance 10⁻³, fixed in NEST). Units: potentials mV, conductances nS,
/// capacitance pF, currents pA, times ms. A spike of weight w nS (w &gt; 0 excitatory, w &lt; 0 inhibitory, taken as |w|)
/// makes a conductance peaking at |w| nS at t = tau_syn.
/// </summary>
/// <remarks>
/// C_m dV/dt = −g_L(V − E_L) − g_ex(V − E_ex) − g_in(V − E_in) + I_stim + I_e; d(dg)/dt = −dg/tau, dg/dt = dg − g/tau
/// per synapse type. While refractory, V stays at V_reset (its derivative is 0 and the currents see V_reset); otherwise
/// the currents see min(V, V_th). After each step: a refractory neuron counts down and is held at V_reset; otherwise
/// V ≥ V_th fires, resets to V_reset and starts round(t_ref / h) refractory steps. Then the step's spikes add
/// w·e/tau to dg, and the step's input current becomes I_stim of the next step.
/// </remarks>
internal struct IafCondAlpha : IOdeNeuron, ICondLayout
{
    // Parameters, in NEST's order.
    private const int VTh = 0, VReset = 1, TRef = 2, GL = 3, EL = 4, EEx = 5, EIn = 6, CM = 7, TauEx = 8, TauIn = 9, IE = 10, TauMinus = 11;

    // State vector.
    private const int V = 0, DgEx = 1, GEx = 2, DgIn = 3, GIn = 4;

    // Derived: the conductance jump per nS of weight, and the refractory steps.
    private const int JumpEx = 0, JumpIn = 1, RefractorySteps = 2;

    private static readonly StepControl Control = StepControl.OnValues(1e-3, 0.0);

    public static string Name => "iaf_cond_alpha";

    static int ICondLayout.VTh => VTh;

    static int ICondLayout.VReset => VReset;

    static int ICondLayout.GL => GL;

    static int ICondLayout.EL => EL;

    static int ICondLayout.EEx => EEx;

    static int ICondLayout.EIn => EIn;

    static int ICondLayout.CM => CM;

    // The alpha function is the beta function with equal rise and decay times.
    static int ICondLayout.RiseEx => TauEx;

    static int ICondLayout.DecayEx => TauEx;

    static int ICondLayout.RiseIn => TauIn;

    static int ICondLayout.DecayIn => TauIn;

    static int ICondLayout.IE => IE;

    public static ModelVariable[] Parameters { get; } =
    [
        new("V_th", -55.0), new("V_reset", -60.0), new("t_ref", 2.0), new("g_L", 16.6667), new("E_L", -70.0),
        new("E_ex", 0.0), new("E_in", -85.0), new("C_m", 250.0), new("tau_syn_ex", 0.2), new("tau_syn_in", 2.0),
        new("I_e", 0.0), new(ParameterNames.TauMinus, 20.0),
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
        OdeChecks.TimeConstants(("tau_syn_ex", p[TauEx]), ("tau_syn_in", p[TauIn]));
        OdeChecks.TimeConstants((ParameterNames.TauMinus, p[TauMinus]));
    }

    public static void ValidateState(ReadOnlySpan<double> y) { }

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
        OdeSteps.Integrate<CondBetaDynamics<IafCondAlpha>>(p, y, ref s, resolution, in Control, scratch);
        int fired = OdeSteps.RefractoryOrThreshold(y, V, ref s, p[VReset], p[VTh], (int)derived[RefractorySteps]);
        OdeSteps.AddSpikes(y, DgEx, DgIn, excitatory * derived[JumpEx], -inhibitory * derived[JumpIn]);
        return fired;
    }

    public static bool HasLanes => Vector256.IsHardwareAccelerated;

    public static void UpdateLanes(ReadOnlySpan<double> p, ReadOnlySpan<double> derived, Span<double> y, Span<OdeNeuronState> s, double resolution,
        ReadOnlySpan<double> excitatory, ReadOnlySpan<double> inhibitory, Span<int> fired, Span<Vector256<double>> scratch) =>
        CondBetaLanes<IafCondAlpha>.Update(Parameters.Length, p, derived, y, s, resolution, excitatory, inhibitory, fired, scratch, in Control);
}
