using NeuroKernel.Models.Neurons;

namespace NeuroKernel.Models.IafPscExp;

/// <summary>Parameters of <c>iaf_psc_exp</c> with NEST's defaults: the membrane and the two exponential time constants.</summary>
internal sealed record IafPscExpParameters : INeuronParameters<IafPscExpParameters>
{
    public MembraneParameters Membrane { get; init; } = MembraneParameters.Default;

    /// <summary>Decay time of the excitatory current tau_syn_ex (ms).</summary>
    public double TauSynEx { get; init; } = 2.0;

    /// <summary>Decay time of the inhibitory current tau_syn_in (ms).</summary>
    public double TauSynIn { get; init; } = 2.0;

    /// <summary>Width of the escape-noise threshold (mV); only the deterministic threshold, delta = 0, is implemented.</summary>
    public double Delta { get; init; }

    /// <summary>Escape-noise rate at threshold (1/s); unused while delta = 0.</summary>
    public double Rho { get; init; } = 0.01;

    public static IafPscExpParameters Default { get; } = new();

    public IafPscExpParameters Read(ParameterReader r, out double deltaEL)
    {
        double delta = Delta, rho = Rho;
        r.TryFinite("delta", ref delta);
        r.TryFinite("rho", ref rho);
        if (delta != 0.0)
        {
            throw ParameterReader.Bad("delta", delta, "iaf_psc_exp: only the deterministic threshold (delta = 0) is implemented.");
        }

        if (rho < 0.0)
        {
            throw ParameterReader.Bad("rho", rho, "Stochastic firing intensity must not be negative.");
        }

        return this with
        {
            Membrane = Membrane.Read(r, hasVMin: false, out deltaEL),
            TauSynEx = MembraneParameters.ReadTimeConstant(r, ParameterNames.TauSynExcitatory, TauSynEx),
            TauSynIn = MembraneParameters.ReadTimeConstant(r, ParameterNames.TauSynInhibitory, TauSynIn),
            Delta = delta,
            Rho = rho,
        };
    }

    public void Write(StatusDictionary d)
    {
        Membrane.Write(d, hasVMin: false);
        d[ParameterNames.TauSynExcitatory] = TauSynEx;
        d[ParameterNames.TauSynInhibitory] = TauSynIn;
        d["delta"] = Delta;
        d["rho"] = Rho;
    }
}
