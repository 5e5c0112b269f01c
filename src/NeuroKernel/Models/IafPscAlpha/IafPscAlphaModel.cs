using NeuroKernel.Models.Neurons;

namespace NeuroKernel.Models.IafPscAlpha;

/// <summary>
/// <c>iaf_psc_alpha</c>: leaky integrate-and-fire neuron with alpha-shaped post-synaptic currents, integrated
/// exactly (Rotter &amp; Diesmann 1999) in NEST's update order.
/// </summary>
/// <remarks>
/// <para>Sub-threshold dynamics, with V relative to E_L:
/// <c>dV/dt = −V/tau_m + (I_syn_ex + I_syn_in + I_e + I_stim)/C_m</c>;
/// each spike of weight w adds the current <c>w·(e/tau_syn)·t·exp(−t/tau_syn)</c> (peak w pA at t = tau_syn).
/// When V ≥ V_th the neuron spikes, V is set to V_reset and held there for t_ref.</para>
/// <para>Parameters and defaults (NEST 3.9):</para>
/// <list type="table">
/// <item><term>V_m</term><description>−70 mV, membrane potential (state)</description></item>
/// <item><term>E_L</term><description>−70 mV, resting potential</description></item>
/// <item><term>C_m</term><description>250 pF, capacitance</description></item>
/// <item><term>tau_m</term><description>10 ms, membrane time constant</description></item>
/// <item><term>t_ref</term><description>2 ms, refractory period</description></item>
/// <item><term>V_th</term><description>−55 mV, threshold</description></item>
/// <item><term>V_reset</term><description>−70 mV, reset potential</description></item>
/// <item><term>tau_syn_ex, tau_syn_in</term><description>2 ms, alpha current rise times</description></item>
/// <item><term>I_e</term><description>0 pA, constant input current</description></item>
/// <item><term>V_min</term><description>−∞ mV, lower bound of V_m</description></item>
/// </list>
/// <para>Recordables: V_m, I_syn_ex, I_syn_in. Reference: NEST's iaf_psc_alpha model documentation.</para>
/// </remarks>
internal sealed class IafPscAlphaModel : NeuronModel<IafPscAlphaParameters>
{
    private static readonly string[] RecordableNames = [ParameterNames.ISynExcitatory, ParameterNames.ISynInhibitory, ParameterNames.VM];

    public IafPscAlphaModel() : base(ModelNames.IafPscAlpha, IafPscAlphaParameters.Default) { }

    public override IReadOnlyList<string> Recordables => RecordableNames;

    public override NodeBlock CreateBlock(int firstId, int count) => new IafPscAlphaBlock(this, firstId, count);
}
