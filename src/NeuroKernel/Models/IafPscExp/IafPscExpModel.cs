using NeuroKernel.Kernel;
using NeuroKernel.Models.Neurons;
using NeuroKernel.Numerics;

namespace NeuroKernel.Models.IafPscExp;

/// <summary>
/// <c>iaf_psc_exp</c>: leaky integrate-and-fire neuron with exponentially decaying post-synaptic currents,
/// integrated exactly in NEST's update order.
/// </summary>
/// <remarks>
/// <para><c>dV/dt = −V/tau_m + (I_syn_ex + I_syn_in + I_e + I_stim)/C_m</c> (V relative to E_L); a spike of
/// weight w adds w pA to I_syn_ex (w &gt; 0) or I_syn_in, which decay with tau_syn_ex / tau_syn_in. Defaults:
/// C_m 250 pF, tau_m 10 ms, t_ref 2 ms, E_L −70 mV, V_th −55 mV, V_reset −70 mV, tau_syn_ex/in 2 ms, I_e 0 pA.
/// Recordables: I_syn_ex, I_syn_in, V_m. Currents connected with <c>receptor_type</c> 1 are
/// filtered through the excitatory synapse (added to I_syn_ex). Not implemented: the escape-noise threshold (delta &gt; 0).</para>
/// </remarks>
internal sealed class IafPscExpModel : NeuronModel<IafPscExpParameters>
{
    private static readonly string[] RecordableNames = [ParameterNames.ISynExcitatory, ParameterNames.ISynInhibitory, ParameterNames.VM];

    public IafPscExpModel() : base(ModelNames.IafPscExp, IafPscExpParameters.Default) { }

    public override IReadOnlyList<string> Recordables => RecordableNames;

    /// <summary>Spikes by sign on port 0; currents added to the membrane directly on port 0, filtered through the excitatory synapse on port 1.</summary>
    public override IReadOnlyList<Receptor> Receptors => ExpReceptors;

    private static readonly Receptor[] ExpReceptors = [.. Receptor.BySign, new("current_filtered", 1, ReceptorInput.FilteredCurrent)];

    public override NodeBlock CreateBlock(int firstId, int count) => new IafPscExpBlock(this, firstId, count);
}

/// <summary>Exact-integration constants of <c>iaf_psc_exp</c> for one step.</summary>
internal readonly record struct IafPscExpPropagators : Neurons.IPropagators
{
    public IafPscExpPropagators(IafPscExpParameters q, TimeGrid grid)
    {
        var p = q.Membrane;
        double h = grid.Resolution;
        P22 = Math.Exp(-h / p.TauM);
        P20 = ExactIntegration.P30(p.TauM, p.CM, h);
        P21Ex = ExactIntegration.P32(q.TauSynEx, p.TauM, p.CM, h);
        P21In = ExactIntegration.P32(q.TauSynIn, p.TauM, p.CM, h);
        P11Ex = Math.Exp(-h / q.TauSynEx);
        P11In = Math.Exp(-h / q.TauSynIn);
        RefractorySteps = grid.RoundHalfUp(p.TRef);
        VTh = p.VTh;
        VReset = p.VReset;
    }

    public double P22 { get; }
    public double P20 { get; }
    public double P21Ex { get; }
    public double P21In { get; }
    public double P11Ex { get; }
    public double P11In { get; }
    public long RefractorySteps { get; }
    public double VTh { get; }
    public double VReset { get; }

    public (string Name, double Value)? FirstNonFinite() => Neurons.PropagatorCheck.FirstNonFinite(
        (nameof(P22), P22), (nameof(P20), P20), (nameof(P21Ex), P21Ex), (nameof(P21In), P21In), (nameof(P11Ex), P11Ex), (nameof(P11In), P11In));
}
