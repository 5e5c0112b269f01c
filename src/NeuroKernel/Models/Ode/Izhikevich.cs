using NeuroKernel.Kernel;

namespace NeuroKernel.Models.Ode;

/// <summary>
/// NEST's <c>izhikevich</c> neuron (Izhikevich 2003): dv/dt = 0.04v² + 5v + 140 − u + I, du/dt = a(bv − u); v ≥ V_th
/// fires, v → c, u → u + d. Units: v, c, V_th, V_min mV; I_e pA-like (the model's own units, as NEST); a, b, d
/// dimensionless per ms. A spike of weight w raises v by w mV (both signs summed). Not RKF45: NEST's forward Euler, with
/// <c>consistent_integration</c> (the default) one Euler step of h, otherwise the paper's two half steps of v and one of u.
/// </summary>
internal struct Izhikevich : IOdeNeuron
{
    private const int A = 0, B = 1, C = 2, D = 3, IE = 4, VTh = 5, VMin = 6, Consistent = 7, TauMinus = 8;

    private const int V = 0, U = 1;

    public static string Name => "izhikevich";

    public static ModelVariable[] Parameters { get; } =
    [
        new("a", 0.02), new("b", 0.2), new("c", -65.0), new("d", 8.0), new("I_e", 0.0), new("V_th", 30.0),
        new("V_min", -double.MaxValue), new("consistent_integration", 1.0), new(ParameterNames.TauMinus, 20.0),
    ];

    public static string[] Flags { get; } = ["consistent_integration"];

    public static string[] StateNames { get; } = ["V_m", "U_m"];

    public static string[] Recordables { get; } = ["U_m", "V_m"];

    public static bool SumsSpikes => true;

    public static int DerivedCount => 0;

    /// <summary>v = −65 mV and u = 0.2·(−65) = −13, whatever b is (NEST 3).</summary>
    public static void InitialState(ReadOnlySpan<double> p, Span<double> y)
    {
        y[V] = -65.0;
        y[U] = 0.2 * -65.0;
    }

    public static void Validate(ReadOnlySpan<double> p) => OdeChecks.TimeConstants((ParameterNames.TauMinus, p[TauMinus]));

    public static void ValidateState(ReadOnlySpan<double> y) { }

    public static double InitialStep(double resolution) => resolution;

    public static void Prepare(ReadOnlySpan<double> p, TimeGrid grid, Span<double> derived) { }

    public static int Update(ReadOnlySpan<double> p, ReadOnlySpan<double> derived, Span<double> y, ref OdeNeuronState s, double resolution,
        double excitatory, double inhibitory, Span<double> scratch)
    {
        double h = resolution, input = excitatory + inhibitory, current = s.Stimulus;
        double v = y[V], u = y[U];
        if (p[Consistent] != 0.0)
        {
            double vOld = v, uOld = u;
            v += h * (0.04 * vOld * vOld + 5.0 * vOld + 140.0 - uOld + current + p[IE]) + input;
            u += h * p[A] * (p[B] * vOld - uOld);
        }
        else
        {
            v += h * 0.5 * (0.04 * v * v + 5.0 * v + 140.0 - u + current + p[IE] + input);
            v += h * 0.5 * (0.04 * v * v + 5.0 * v + 140.0 - u + current + p[IE] + input);
            u += h * p[A] * (p[B] * v - u);
        }

        v = v < p[VMin] ? p[VMin] : v;
        int fired = 0;
        if (v >= p[VTh])
        {
            v = p[C];
            u += p[D];
            fired = 1;
        }

        (y[V], y[U]) = (v, u);
        return fired;
    }
}
