using NeuroKernel.Kernel;
using NeuroKernel.Numerics;

namespace NeuroKernel.Models.Ode;

/// <summary>
/// NEST's <c>mat2_psc_exp</c>: a leaky integrator with exponential synaptic currents and a multi-timescale adaptive
/// threshold (Kobayashi et al. 2009), integrated exactly as NEST does (not RKF45). Units: potentials mV, capacitance pF,
/// currents pA, times ms. The membrane is never reset; a spike raises the threshold by alpha_1 and alpha_2, which decay
/// with tau_1 and tau_2, and t_ref is a dead time of the spike detector.
/// </summary>
/// <remarks>
/// The state is kept relative to E_L (V_m) and to omega (the threshold's two components), as NEST keeps it; status shows
/// V_m and V_th absolute, and a new E_L leaves V_m and omega where they were. Per step (NEST's order): V ← V·expm1(−h/τ_m)
/// + V + I_ex·P21ex + I_in·P21in + (I_e + I_0)·P20; the threshold components decay; the currents decay and take the step's
/// spikes; if not refractory and V ≥ omega + V_th,2 + V_th,1, a spike and the jumps; else the count-down; I_0 ← the step's
/// current. expm1 is Kahan's (<see cref="ExactIntegration.ExpM1"/>), where NEST has C's; the reference traces still match
/// bit for bit.
/// </remarks>
internal struct Mat2PscExp : IOdeNeuron
{
    private const int EL = 0, IE = 1, CM = 2, TauM = 3, TauEx = 4, TauIn = 5, TRef = 6, Tau1 = 7, Tau2 = 8, Alpha1 = 9, Alpha2 = 10, Omega = 11, TauMinus = 12;

    private const int V = 0, Th1 = 1, Th2 = 2, IEx = 3, IIn = 4;

    private const int P11Ex = 0, P11In = 1, P22Expm1 = 2, P21Ex = 3, P21In = 4, P20 = 5, P11Th = 6, P22Th = 7, RefractorySteps = 8;

    public static string Name => "mat2_psc_exp";

    public static ModelVariable[] Parameters { get; } =
    [
        new("E_L", -70.0), new("I_e", 0.0), new("C_m", 100.0), new("tau_m", 5.0), new("tau_syn_ex", 1.0), new("tau_syn_in", 3.0),
        new("t_ref", 2.0), new("tau_1", 10.0), new("tau_2", 200.0), new("alpha_1", 37.0), new("alpha_2", 2.0), new("omega", -51.0),
        new(ParameterNames.TauMinus, 20.0),
    ];

    public static string[] StateNames { get; } = ["V_m", "V_th_alpha_1", "V_th_alpha_2", "I_syn_ex", "I_syn_in"];

    public static int ReportedState => 3;

    public static string[] Recordables { get; } = ["V_m", "V_th"];

    public static string[] StatusExtras { get; } = ["V_th"];

    public static int DerivedCount => 9;

    public static void InitialState(ReadOnlySpan<double> p, Span<double> y) => y.Clear();

    public static double StateToStatus(ReadOnlySpan<double> p, int component, double value) => component == V ? value + p[EL] : value;

    public static double StatusToState(ReadOnlySpan<double> p, int component, double value) => component == V ? value - p[EL] : value;

    public static bool TryRecord(string name, ReadOnlySpan<double> p, ReadOnlySpan<double> y, out double value)
    {
        value = p[EL] + (p[Omega] - p[EL]) + y[Th1] + y[Th2];
        return name == "V_th";
    }

    public static void Validate(ReadOnlySpan<double> p)
    {
        OdeChecks.Capacitance(p[CM]);
        OdeChecks.TimeConstants(("tau_m", p[TauM]), ("tau_syn_ex", p[TauEx]), ("tau_syn_in", p[TauIn]), ("t_ref", p[TRef]),
            ("tau_1", p[Tau1]), ("tau_2", p[Tau2]), (ParameterNames.TauMinus, p[TauMinus]));
        if (p[TauM] == p[TauEx] || p[TauM] == p[TauIn])
        {
            string key = p[TauM] == p[TauEx] ? "tau_syn_ex" : "tau_syn_in";
            throw ParameterReader.Bad(key, p[TauM], $"Membrane and synapse time constant(s) must differ. See note in documentation. (tau_m = {StatusDictionary.Describe(p[TauM])})");
        }
    }

    public static void ValidateState(ReadOnlySpan<double> y) { }

    public static double InitialStep(double resolution) => resolution;

    public static void Prepare(ReadOnlySpan<double> p, TimeGrid grid, Span<double> derived)
    {
        double h = grid.Resolution, tau = p[TauM], c = p[CM];
        derived[P11Ex] = Math.Exp(-h / p[TauEx]);
        derived[P11In] = Math.Exp(-h / p[TauIn]);
        derived[P22Expm1] = ExactIntegration.ExpM1(-h / tau);
        derived[P21Ex] = -tau / (c * (1.0 - tau / p[TauEx])) * derived[P11Ex] * ExactIntegration.ExpM1(h * (1.0 / p[TauEx] - 1.0 / tau));
        derived[P21In] = -tau / (c * (1.0 - tau / p[TauIn])) * derived[P11In] * ExactIntegration.ExpM1(h * (1.0 / p[TauIn] - 1.0 / tau));
        derived[P20] = -tau / c * derived[P22Expm1];
        derived[P11Th] = Math.Exp(-h / p[Tau1]);
        derived[P22Th] = Math.Exp(-h / p[Tau2]);
        long steps = grid.RoundHalfUp(p[TRef]);
        if (steps < 1)
        {
            throw ParameterReader.Bad("t_ref", p[TRef], "Total refractory time must be at least one time step.");
        }

        derived[RefractorySteps] = steps;
    }

    public static int Update(ReadOnlySpan<double> p, ReadOnlySpan<double> d, Span<double> y, ref OdeNeuronState s, double resolution,
        double excitatory, double inhibitory, Span<double> scratch)
    {
        y[V] = y[V] * d[P22Expm1] + y[V] + y[IEx] * d[P21Ex] + y[IIn] * d[P21In] + (p[IE] + s.Stimulus) * d[P20];
        y[Th1] *= d[P11Th];
        y[Th2] *= d[P22Th];
        y[IEx] *= d[P11Ex];
        y[IIn] *= d[P11In];
        y[IEx] += excitatory;
        y[IIn] += inhibitory;
        if (s.Refractory == 0)
        {
            if (y[V] >= (p[Omega] - p[EL]) + y[Th2] + y[Th1])
            {
                s.Refractory = (int)d[RefractorySteps];
                y[Th1] += p[Alpha1];
                y[Th2] += p[Alpha2];
                return 1;
            }

            return 0;
        }

        s.Refractory--;
        return 0;
    }
}
