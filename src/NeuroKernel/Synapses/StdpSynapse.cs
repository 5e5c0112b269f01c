using NeuroKernel.Models;

namespace NeuroKernel.Synapses;

/// <summary>
/// NEST's <c>stdp_synapse</c>: pair-based spike-timing-dependent plasticity with a multiplicative (mu = 1) to additive
/// (mu = 0) weight dependence (Guetig et al. 2003). The presynaptic trace K+ is per connection (tau_plus); the
/// postsynaptic trace K⁻ is the target neuron's (its tau_minus, <see cref="PreSpike.PostTrace"/>). The whole delay d is
/// dendritic. When a presynaptic spike at t passes: each postsynaptic spike t_post in (t_last − d, t − d] facilitates
/// with K+·exp((t_last − (t_post + d))/tau_plus), K+ being its value after the last presynaptic spike; then one
/// depression with K⁻(t − d); the spike carries the weight so reached; then K+ ← K+·exp((t_last − t)/tau_plus) + 1.
/// Every parameter is per connection.
/// </summary>
internal struct StdpSynapse : ISynapse<StdpSynapse, NoCommonProperties>
{
    private StdpRule _rule;
    private double _kPlus;

    public static StdpSynapse Defaults => new() { _rule = StdpRule.Defaults };

    public static NoCommonProperties CommonDefaults => default;

    public static bool IsStatic => false;

    /// <summary>The state follows the presynaptic spikes only: kept once per source while its connections agree.</summary>
    public static bool StateIsPresynaptic => true;

    public static bool ReadsPostSpikes => true;

    public static StdpSynapse Read(in StdpSynapse current, ParameterReader reader)
    {
        double kPlus = StdpRule.ReadKplus(reader, current._kPlus);
        return current with { _rule = current._rule.Read(reader), _kPlus = kPlus };
    }

    public static NoCommonProperties ReadCommon(in NoCommonProperties current, ParameterReader reader) => current;

    public static void Write(in StdpSynapse connection, StatusDictionary status)
    {
        connection._rule.Write(status);
        status["Kplus"] = connection._kPlus;
    }

    public static void WriteCommon(in NoCommonProperties common, StatusDictionary status)
    {
    }

    public static void CheckWeight(in StdpSynapse connection, in NoCommonProperties common, double weight) => connection._rule.CheckWeight(weight);

    public static void OnPostSpike(ref StdpSynapse c, ref double weight, in NoCommonProperties common, in PostSpike spike) =>
        weight = c._rule.Facilitate(weight, c._kPlus * Math.Exp((spike.LastPreTimeMs - (spike.TimeMs + spike.DelayMs)) / c._rule.TauPlus));

    public static void OnPreSpike(ref StdpSynapse c, ref double weight, in NoCommonProperties common, in PreSpike spike)
    {
        OnPreSpikeWeight(c, ref weight, common, spike);
        c._kPlus = c._kPlus * Math.Exp((spike.LastTimeMs - spike.TimeMs) / c._rule.TauPlus) + 1.0;
    }

    /// <summary>Depression by the postsynaptic trace.</summary>
    public static void OnPreSpikeWeight(in StdpSynapse c, ref double weight, in NoCommonProperties common, in PreSpike spike) =>
        weight = c._rule.Depress(weight, spike.PostTrace);
}
