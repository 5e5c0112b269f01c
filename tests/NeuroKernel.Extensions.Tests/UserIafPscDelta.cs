using NeuroKernel.Models;
using NeuroKernel.Numerics;

namespace NeuroKernel.Extensions.Tests;

/// <summary>
/// NEST's iaf_psc_delta written as a user would: a leaky integrate-and-fire neuron whose input spikes make V_m jump by
/// their weight (mV), integrated exactly in NEST's order. With E_L = 0 it computes what the built-in model computes,
/// operation for operation.
/// </summary>
public sealed class UserIafPscDelta() : NeuronModelDefinition("user_iaf_psc_delta")
{
    // Indices into Parameters and State, in the order they are declared below.
    private const int EL = 0, CM = 1, TauM = 2, TRef = 3, VTh = 4, VReset = 5, IE = 6, VMin = 7;
    private const int VM = 0, Refractory = 1, Y0 = 2;

    public override IReadOnlyList<ModelVariable> Parameters { get; } =
    [
        new("E_L", -70.0), new("C_m", 250.0), new("tau_m", 10.0), new("t_ref", 2.0),
        new("V_th", -55.0), new("V_reset", -70.0), new("I_e", 0.0), new("V_min", -double.MaxValue),
    ];

    /// <summary>V_m (mV), the refractory steps left, and y0, the current (pA) that arrived for the next step.</summary>
    public override IReadOnlyList<ModelVariable> State { get; } = [new("V_m", -70.0), new("refractory_steps", 0.0), new("y0", 0.0)];

    /// <summary>A spike of either sign makes V_m jump: only the sum of the input matters.</summary>
    public override SpikeInput SpikeInput => SpikeInput.Summed;

    public override void Validate(ReadOnlySpan<double> parameters)
    {
        var p = parameters;
        if (p[CM] <= 0.0)
        {
            throw ParameterReader.Bad("C_m", p[CM], "Capacitance must be strictly positive.");
        }

        if (p[TauM] <= 0.0)
        {
            throw ParameterReader.Bad("tau_m", p[TauM], "All time constants must be strictly positive.");
        }

        if (p[TRef] < 0.0)
        {
            throw ParameterReader.Bad("t_ref", p[TRef], "Refractory time must not be negative.");
        }

        if (p[VReset] >= p[VTh])
        {
            throw ParameterReader.Bad("V_reset", p[VReset], "Reset potential must be smaller than threshold.");
        }
    }

    public override void Update(in NeuronStep neurons)
    {
        double h = neurons.Resolution;
        var el = neurons.Parameter(EL);
        var cm = neurons.Parameter(CM);
        var tauM = neurons.Parameter(TauM);
        var tRef = neurons.Parameter(TRef);
        var vTh = neurons.Parameter(VTh);
        var vReset = neurons.Parameter(VReset);
        var ie = neurons.Parameter(IE);
        var vMin = neurons.Parameter(VMin);
        var vm = neurons.State(VM);
        var refractory = neurons.State(Refractory);
        var y0 = neurons.State(Y0);
        for (int i = 0; i < neurons.Count; i++)
        {
            // The exact propagators of one step (a model with fixed parameters would compute them once).
            double p33 = Math.Exp(-h / tauM[i]);
            double p30 = ExactIntegration.P30(tauM[i], cm[i], h);
            double v = vm[i] - el[i];
            if (refractory[i] == 0.0)
            {
                // V = P30·(y0 + I_e) + P33·V + spikes, bounded below by V_min (all relative to E_L).
                double candidate = p30 * (y0[i] + ie[i]) + p33 * v + neurons.Excitatory[i];
                v = candidate < vMin[i] - el[i] ? vMin[i] - el[i] : candidate;
            }
            else
            {
                refractory[i] -= 1.0;
            }

            if (v >= vTh[i] - el[i])
            {
                v = vReset[i] - el[i];
                refractory[i] = Math.Floor(tRef[i] * (1.0 / h) + 0.5);
                neurons.Spike(i);
            }

            vm[i] = v + el[i];
            // NEST's last statement: the current that arrived drives the next step.
            y0[i] = neurons.Current[i];
        }
    }
}
