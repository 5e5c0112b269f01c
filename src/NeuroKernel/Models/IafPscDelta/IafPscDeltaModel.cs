using NeuroKernel.Kernel;
using NeuroKernel.Models.Neurons;
using NeuroKernel.Numerics;

namespace NeuroKernel.Models.IafPscDelta;

/// <summary>
/// <c>iaf_psc_delta</c>: leaky integrate-and-fire neuron whose input spikes make the membrane potential jump
/// by their weight (mV), integrated exactly in NEST's update order.
/// </summary>
/// <remarks>
/// <para><c>dV/dt = −V/tau_m + (I_e + I_stim)/C_m + Σ w δ(t − t_k)</c> (V relative to E_L). A spike arriving
/// in a step is already in V at the end of that step. Spikes arriving during the refractory period are lost,
/// unless <c>refractory_input</c> is true: then they are added when it ends, decayed by exp(−t_left/tau_m).
/// Defaults: C_m 250 pF, tau_m 10 ms, t_ref 2 ms, E_L −70 mV, V_th −55 mV, V_reset −70 mV, I_e 0 pA,
/// V_min −DBL_MAX. Recordables: V_m.</para>
/// </remarks>
internal sealed class IafPscDeltaModel : NeuronModel<IafPscDeltaParameters>
{
    private static readonly string[] RecordableNames = [ParameterNames.VM];

    public IafPscDeltaModel() : base(ModelNames.IafPscDelta, IafPscDeltaParameters.Default) { }

    public override IReadOnlyList<string> Recordables => RecordableNames;

    /// <summary>A spike of either sign jumps V_m, so only the sum is read (NEST keeps one buffer); currents on port 0.</summary>
    public override IReadOnlyList<Receptor> Receptors => Receptor.SummedSpikes;

    public override NodeBlock CreateBlock(int firstId, int count) => new IafPscDeltaBlock(this, firstId, count);
}

/// <summary>Exact-integration constants of <c>iaf_psc_delta</c> for one step.</summary>
internal readonly record struct IafPscDeltaPropagators : Neurons.IPropagators
{
    public IafPscDeltaPropagators(IafPscDeltaParameters q, TimeGrid grid)
    {
        var p = q.Membrane;
        double h = grid.Resolution;
        P33 = Math.Exp(-h / p.TauM);
        P30 = ExactIntegration.P30(p.TauM, p.CM, h);
        DecayPerStep = h / p.TauM;
        RefractorySteps = grid.RoundHalfUp(p.TRef);
        VTh = p.VTh;
        VReset = p.VReset;
        VMin = p.VMin;
        RefractoryInput = q.RefractoryInput;
    }

    public double P33 { get; }
    public double P30 { get; }

    /// <summary>h/tau_m: a spike arriving with r refractory steps left is decayed by exp(−r·h/tau_m).</summary>
    public double DecayPerStep { get; }
    public long RefractorySteps { get; }
    public double VTh { get; }
    public double VReset { get; }
    public double VMin { get; }
    public bool RefractoryInput { get; }

    /// <summary>The derived numbers (V_th, V_reset and V_min are parameters, checked when set; V_min may be −∞).</summary>
    public (string Name, double Value)? FirstNonFinite() => Neurons.PropagatorCheck.FirstNonFinite(
        (nameof(P33), P33), (nameof(P30), P30), (nameof(DecayPerStep), DecayPerStep));
}
