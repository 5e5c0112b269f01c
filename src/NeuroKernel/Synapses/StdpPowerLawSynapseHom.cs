using NeuroKernel.Models;

namespace NeuroKernel.Synapses;

/// <summary>
/// NEST's <c>stdp_pl_synapse_hom</c>: STDP with power-law weight dependence of facilitation (Morrison et al. 2007),
/// w ← w + lambda·w^mu·K+, and multiplicative depression, w ← max(0, w − lambda·alpha·w·K⁻), with NEST's order of
/// operations (<see cref="StdpSynapse"/>) and its precomputed 1/tau_plus. tau_plus, lambda, alpha and mu are common to
/// the model (SetDefaults or CopyModel); per connection: the weight, the delay and Kplus.
/// </summary>
internal struct StdpPowerLawSynapseHom : ISynapse<StdpPowerLawSynapseHom, StdpPowerLawSynapseHom.Rule>
{
    private double _kPlus;

    public static StdpPowerLawSynapseHom Defaults => default;

    public static Rule CommonDefaults => new(TauPlus: 20.0, Lambda: 0.1, Alpha: 1.0, Mu: 0.4);

    public static bool IsStatic => false;

    /// <summary>The state follows the presynaptic spikes only: kept once per source while its connections agree.</summary>
    public static bool StateIsPresynaptic => true;

    public static bool ReadsPostSpikes => true;

    public static StdpPowerLawSynapseHom Read(in StdpPowerLawSynapseHom current, ParameterReader reader) => new() { _kPlus = StdpRule.ReadKplus(reader, current._kPlus) };

    public static Rule ReadCommon(in Rule current, ParameterReader reader)
    {
        double tauPlus = current.TauPlus, lambda = current.Lambda, alpha = current.Alpha, mu = current.Mu;
        reader.TryFinite("tau_plus", ref tauPlus);
        reader.TryFinite("lambda", ref lambda);
        reader.TryFinite("alpha", ref alpha);
        reader.TryFinite("mu", ref mu);
        if (tauPlus <= 0.0)
        {
            throw ParameterReader.Bad("tau_plus", tauPlus, "tau_plus > 0 required.");
        }

        return new Rule(tauPlus, lambda, alpha, mu);
    }

    public static void Write(in StdpPowerLawSynapseHom connection, StatusDictionary status) => status["Kplus"] = connection._kPlus;

    public static void WriteCommon(in Rule common, StatusDictionary status)
    {
        status["tau_plus"] = common.TauPlus;
        status["lambda"] = common.Lambda;
        status["alpha"] = common.Alpha;
        status["mu"] = common.Mu;
    }

    public static void OnPostSpike(ref StdpPowerLawSynapseHom c, ref double weight, in Rule common, in PostSpike spike)
    {
        double kPlus = c._kPlus * Math.Exp((spike.LastPreTimeMs - (spike.TimeMs + spike.DelayMs)) * common.TauPlusInverse);
        weight += common.Lambda * Math.Pow(weight, common.Mu) * kPlus;
    }

    public static void OnPreSpike(ref StdpPowerLawSynapseHom c, ref double weight, in Rule common, in PreSpike spike)
    {
        OnPreSpikeWeight(c, ref weight, common, spike);
        c._kPlus = c._kPlus * Math.Exp((spike.LastTimeMs - spike.TimeMs) * common.TauPlusInverse) + 1.0;
    }

    /// <summary>Depression by the postsynaptic trace, bounded by 0.</summary>
    public static void OnPreSpikeWeight(in StdpPowerLawSynapseHom c, ref double weight, in Rule common, in PreSpike spike)
    {
        double depressed = weight - common.Lambda * common.Alpha * weight * spike.PostTrace;
        weight = depressed > 0.0 ? depressed : 0.0;
    }

    /// <summary>The model's common properties.</summary>
    /// <param name="TauPlus">Time constant of the presynaptic trace K+ (ms).</param>
    /// <param name="Lambda">Step size.</param>
    /// <param name="Alpha">Depression relative to facilitation.</param>
    /// <param name="Mu">Exponent of the weight dependence of facilitation.</param>
    internal readonly record struct Rule(double TauPlus, double Lambda, double Alpha, double Mu)
    {
        /// <summary>1/tau_plus (1/ms), precomputed as NEST does (it multiplies by it).</summary>
        public double TauPlusInverse { get; } = 1.0 / TauPlus;
    }
}
