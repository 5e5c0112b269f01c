using NeuroKernel.Models;

namespace NeuroKernel.Synapses;

/// <summary>
/// NEST's <c>vogels_sprekeler_synapse</c>: symmetric STDP with constant depression (Vogels et al. 2011), for inhibitory
/// plasticity. With NEST's order (<see cref="StdpSynapse"/>), at a presynaptic spike: each postsynaptic spike in the
/// window facilitates by K+·exp((t_last − (t_post + d))/tau); then one facilitation by the postsynaptic neuron's trace
/// K⁻(t − d) (its tau_minus, which should equal tau), and the constant depression by alpha·eta. Facilitation is
/// |w| ← min(|Wmax|, |w| + eta·K), depression |w| ← max(0, |w| − alpha·eta); the weight keeps the sign of Wmax. Every
/// parameter is per connection.
/// </summary>
internal struct VogelsSprekelerSynapse : ISynapse<VogelsSprekelerSynapse, NoCommonProperties>
{
    private double _tau, _alpha, _eta, _wmax, _kPlus;

    /// <summary>NEST's default weight of this model (the registry's is 1).</summary>
    public const double DefaultWeight = 0.5;

    public static VogelsSprekelerSynapse Defaults => new() { _tau = 20.0, _alpha = 0.12, _eta = 0.001, _wmax = 1.0 };

    public static NoCommonProperties CommonDefaults => default;

    public static bool IsStatic => false;

    /// <summary>The state follows the presynaptic spikes only: kept once per source while its connections agree.</summary>
    public static bool StateIsPresynaptic => true;

    public static bool ReadsPostSpikes => true;

    public static VogelsSprekelerSynapse Read(in VogelsSprekelerSynapse current, ParameterReader reader)
    {
        var next = current;
        reader.TryFinite("tau", ref next._tau);
        reader.TryFinite("alpha", ref next._alpha);
        reader.TryFinite("eta", ref next._eta);
        reader.TryFinite("Wmax", ref next._wmax);
        next._kPlus = StdpRule.ReadKplus(reader, current._kPlus);
        if (next._tau <= 0.0)
        {
            throw ParameterReader.Bad("tau", next._tau, "tau must be > 0.");
        }

        return next;
    }

    public static NoCommonProperties ReadCommon(in NoCommonProperties current, ParameterReader reader) => current;

    public static void Write(in VogelsSprekelerSynapse connection, StatusDictionary status)
    {
        status["tau"] = connection._tau;
        status["alpha"] = connection._alpha;
        status["eta"] = connection._eta;
        status["Wmax"] = connection._wmax;
        status["Kplus"] = connection._kPlus;
    }

    public static void WriteCommon(in NoCommonProperties common, StatusDictionary status)
    {
    }

    /// <summary>NEST's rule: a non-zero weight has the sign of Wmax.</summary>
    public static void CheckWeight(in VogelsSprekelerSynapse connection, in NoCommonProperties common, double weight)
    {
        if (weight != 0.0 && double.IsNegative(weight) != double.IsNegative(connection._wmax))
        {
            throw new BadPropertyException("weight",
                $"Weight and Wmax must have same sign (weight = {StatusDictionary.Describe(weight)}, Wmax = {StatusDictionary.Describe(connection._wmax)}).");
        }
    }

    public static void OnPostSpike(ref VogelsSprekelerSynapse c, ref double weight, in NoCommonProperties common, in PostSpike spike) =>
        weight = c.Facilitate(weight, c._kPlus * Math.Exp((spike.LastPreTimeMs - (spike.TimeMs + spike.DelayMs)) / c._tau));

    public static void OnPreSpike(ref VogelsSprekelerSynapse c, ref double weight, in NoCommonProperties common, in PreSpike spike)
    {
        OnPreSpikeWeight(c, ref weight, common, spike);
        c._kPlus = c._kPlus * Math.Exp((spike.LastTimeMs - spike.TimeMs) / c._tau) + 1.0;
    }

    /// <summary>Facilitation by the postsynaptic trace, then the constant depression.</summary>
    public static void OnPreSpikeWeight(in VogelsSprekelerSynapse c, ref double weight, in NoCommonProperties common, in PreSpike spike)
    {
        weight = c.Facilitate(weight, spike.PostTrace);
        double depressed = Math.Abs(weight) - c._alpha * c._eta;
        weight = Math.CopySign(depressed > 0.0 ? depressed : 0.0, c._wmax);
    }

    private readonly double Facilitate(double w, double k)
    {
        double grown = Math.Abs(w) + _eta * k;
        return Math.CopySign(grown < Math.Abs(_wmax) ? grown : _wmax, _wmax);
    }
}
