using NeuroKernel.Models.Neurons;

namespace NeuroKernel.Models.IafPscDelta;

/// <summary>Parameters of <c>iaf_psc_delta</c> with NEST's defaults.</summary>
internal sealed record IafPscDeltaParameters : INeuronParameters<IafPscDeltaParameters>
{
    /// <summary>NEST's default lower bound is −DBL_MAX (absolute), i.e. none.</summary>
    public MembraneParameters Membrane { get; init; } = MembraneParameters.Default with { VMin = -double.MaxValue };

    /// <summary>When true, spikes that arrive during the refractory period are added, decayed, when it ends.</summary>
    public bool RefractoryInput { get; init; }

    public static IafPscDeltaParameters Default { get; } = new();

    public IafPscDeltaParameters Read(ParameterReader r, out double deltaEL)
    {
        bool refractoryInput = RefractoryInput;
        r.TryBool("refractory_input", ref refractoryInput);
        return this with { Membrane = Membrane.Read(r, hasVMin: true, out deltaEL), RefractoryInput = refractoryInput };
    }

    public void Write(StatusDictionary d)
    {
        Membrane.Write(d, hasVMin: true);
        d["refractory_input"] = RefractoryInput;
    }
}
