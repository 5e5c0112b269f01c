namespace NeuroKernel.Models.Ode;

/// <summary>The steps NEST's integrate-and-fire models with RKF45 share after integrating.</summary>
internal static class OdeSteps
{
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
}
