using NeuroKernel.Models.Neurons;

namespace NeuroKernel.Models.IafPscAlpha;

/// <summary>Parameters of <c>iaf_psc_alpha</c> with NEST's defaults: the membrane and the two alpha time constants.</summary>
internal sealed record IafPscAlphaParameters : INeuronParameters<IafPscAlphaParameters>
{
    public MembraneParameters Membrane { get; init; } = MembraneParameters.Default;

    /// <summary>Rise time of the excitatory alpha current tau_syn_ex (ms).</summary>
    public double TauSynEx { get; init; } = 2.0;

    /// <summary>Rise time of the inhibitory alpha current tau_syn_in (ms).</summary>
    public double TauSynIn { get; init; } = 2.0;

    public static IafPscAlphaParameters Default { get; } = new();

    public IafPscAlphaParameters Read(ParameterReader r, out double deltaEL) => this with
    {
        Membrane = Membrane.Read(r, hasVMin: true, out deltaEL),
        TauSynEx = MembraneParameters.ReadTimeConstant(r, ParameterNames.TauSynExcitatory, TauSynEx),
        TauSynIn = MembraneParameters.ReadTimeConstant(r, ParameterNames.TauSynInhibitory, TauSynIn),
    };

    public void Write(StatusDictionary d)
    {
        Membrane.Write(d, hasVMin: true);
        d[ParameterNames.TauSynExcitatory] = TauSynEx;
        d[ParameterNames.TauSynInhibitory] = TauSynIn;
    }
}
