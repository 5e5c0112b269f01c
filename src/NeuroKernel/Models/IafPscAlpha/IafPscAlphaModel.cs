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
internal sealed class IafPscAlphaModel : NodeModel
{
    internal static readonly string[] RecordableNames = [ParameterNames.ISynExcitatory, ParameterNames.ISynInhibitory, ParameterNames.VM];

    internal static readonly string[] ReadOnlyKeys =
        [ParameterNames.ISynExcitatory, ParameterNames.ISynInhibitory, ParameterNames.Model, ParameterNames.GlobalId, ParameterNames.ElementType, ParameterNames.Recordables];

    private IafPscAlphaParameters _parameters = IafPscAlphaParameters.Default;
    private double _ie;
    private double _vRelative;

    public IafPscAlphaModel() : base(ModelNames.IafPscAlpha) { }

    public override ElementType ElementType => ElementType.Neuron;

    public override bool SendsSpikes => true;

    public override IReadOnlyList<string> Recordables => RecordableNames;

    public override StatusDictionary GetDefaults()
    {
        var d = new StatusDictionary();
        _parameters.Write(d);
        d[ParameterNames.IE] = _ie;
        d[ParameterNames.VM] = _vRelative + _parameters.EL;
        d[ParameterNames.ISynExcitatory] = 0.0;
        d[ParameterNames.ISynInhibitory] = 0.0;
        return d;
    }

    public override void SetDefaults(StatusDictionary values)
    {
        var (p, ie, v) = Read(values, Name, _parameters, _ie, _vRelative);
        (_parameters, _ie, _vRelative) = (p, ie, v);
    }

    public override NodeBlock CreateBlock(int firstId, int count) =>
        new IafPscAlphaBlock(this, firstId, count, _parameters, _ie, _vRelative);

    /// <summary>Reads parameters and state from a user's dictionary into new values; nothing is changed.</summary>
    internal static (IafPscAlphaParameters Parameters, double IE, double VRelative) Read(
        StatusDictionary values, string owner, IafPscAlphaParameters p, double ie, double vRelative)
    {
        var r = new ParameterReader(values, owner);
        var next = p.Read(r, out double deltaEL);
        r.TryFinite(ParameterNames.IE, ref ie);
        double vm = vRelative + p.EL;
        // NEST keeps the absolute V_m when only E_L changes.
        vRelative = r.TryFinite(ParameterNames.VM, ref vm) ? vm - next.EL : vRelative - deltaEL;
        r.ThrowIfUnused(ReadOnlyKeys);
        return (next, ie, vRelative);
    }
}
