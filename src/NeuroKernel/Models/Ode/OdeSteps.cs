using NeuroKernel.Numerics;

namespace NeuroKernel.Models.Ode;

/// <summary>The steps NEST's integrate-and-fire models with RKF45 share after integrating.</summary>
internal static class OdeSteps
{
    /// <summary>A state vector at rest: everything 0 but the membrane potential component <paramref name="v"/>.</summary>
    public static void Resting(Span<double> y, int v, double potential)
    {
        y.Clear();
        y[v] = potential;
    }

    /// <summary>Integrates one neuron over a time step of <paramref name="resolution"/> ms (its refractoriness as at the step's start).</summary>
    public static void Integrate<TDynamics>(ReadOnlySpan<double> p, Span<double> y, ref OdeNeuronState s, double resolution, in StepControl control, Span<double> scratch)
        where TDynamics : struct, IOdeDynamics<TDynamics>
    {
        var system = TDynamics.Create(p, s.Refractory > 0, s.Stimulus);
        Rkf45.Advance(ref system, y, resolution, ref s.Step, in control, scratch);
    }

    /// <summary>
    /// A refractory neuron counts down and is held at V_reset; otherwise V ≥ V_th fires: V → V_reset and
    /// <paramref name="refractorySteps"/> steps of refractoriness. Returns 1 when it fired.
    /// </summary>
    public static int RefractoryOrThreshold(Span<double> y, int v, ref OdeNeuronState s, double vReset, double vTh, int refractorySteps)
    {
        if (s.Refractory > 0)
        {
            s.Refractory--;
            y[v] = vReset;
            return 0;
        }

        if (y[v] >= vTh)
        {
            s.Refractory = refractorySteps;
            y[v] = vReset;
            return 1;
        }

        return 0;
    }

    /// <summary>Adds the step's spike input to two state components (a jump per synapse type, already scaled).</summary>
    public static void AddSpikes(Span<double> y, int excitatory, int inhibitory, double excitatoryJump, double inhibitoryJump)
    {
        y[excitatory] += excitatoryJump;
        y[inhibitory] += inhibitoryJump;
    }

    /// <summary>
    /// The spike detector of NEST's Hodgkin–Huxley models: a neuron that is not refractory fires when V_m is at or above
    /// <paramref name="threshold"/> and below its value at the step's start (the falling flank); a refractory one counts down.
    /// Nothing is reset.
    /// </summary>
    public static int FallingFlank(double v, double before, double threshold, ref OdeNeuronState s, int refractorySteps)
    {
        if (s.Refractory > 0)
        {
            s.Refractory--;
            return 0;
        }

        if (v >= threshold && before > v)
        {
            s.Refractory = refractorySteps;
            return 1;
        }

        return 0;
    }
}
