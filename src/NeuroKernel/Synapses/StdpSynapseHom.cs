using NeuroKernel.Models;

namespace NeuroKernel.Synapses;

/// <summary>
/// NEST's <c>stdp_synapse_hom</c>: <see cref="StdpSynapse"/> with its parameters (tau_plus, lambda, alpha, mu_plus,
/// mu_minus, Wmax) common to all connections of the model, set with SetDefaults or CopyModel only (NEST's common
/// properties). Per connection: the weight, the delay and the presynaptic trace Kplus.
/// </summary>
internal struct StdpSynapseHom : ISynapse<StdpSynapseHom, StdpRule>
{
    private double _kPlus;

    public static StdpSynapseHom Defaults => default;

    public static StdpRule CommonDefaults => StdpRule.Defaults;

    public static bool IsStatic => false;

    /// <summary>The state follows the presynaptic spikes only: kept once per source while its connections agree.</summary>
    public static bool StateIsPresynaptic => true;

    public static bool ReadsPostSpikes => true;

    public static StdpSynapseHom Read(in StdpSynapseHom current, ParameterReader reader) => new() { _kPlus = StdpRule.ReadKplus(reader, current._kPlus) };

    public static StdpRule ReadCommon(in StdpRule current, ParameterReader reader) => current.Read(reader);

    public static void Write(in StdpSynapseHom connection, StatusDictionary status) => status["Kplus"] = connection._kPlus;

    public static void WriteCommon(in StdpRule common, StatusDictionary status) => common.Write(status);

    public static void CheckWeight(in StdpSynapseHom connection, in StdpRule common, double weight) => common.CheckWeight(weight);

    public static void OnPostSpike(ref StdpSynapseHom c, ref double weight, in StdpRule common, in PostSpike spike) =>
        weight = common.Facilitate(weight, c._kPlus * Math.Exp((spike.LastPreTimeMs - (spike.TimeMs + spike.DelayMs)) / common.TauPlus));

    public static void OnPreSpike(ref StdpSynapseHom c, ref double weight, in StdpRule common, in PreSpike spike)
    {
        OnPreSpikeWeight(c, ref weight, common, spike);
        c._kPlus = c._kPlus * Math.Exp((spike.LastTimeMs - spike.TimeMs) / common.TauPlus) + 1.0;
    }

    /// <summary>Depression by the postsynaptic trace.</summary>
    public static void OnPreSpikeWeight(in StdpSynapseHom c, ref double weight, in StdpRule common, in PreSpike spike) =>
        weight = common.Depress(weight, spike.PostTrace);
}
