using NeuroKernel.Models;

namespace NeuroKernel.Synapses;

/// <summary>
/// The weight rule of NEST's <c>stdp_synapse</c> and <c>stdp_synapse_hom</c>, with their parameters and NEST's checks:
/// facilitation w ← Wmax·min(1, w/Wmax + lambda·(1 − w/Wmax)^mu_plus·K), depression
/// w ← Wmax·max(0, w/Wmax − alpha·lambda·(w/Wmax)^mu_minus·K).
/// </summary>
/// <param name="TauPlus">Time constant of the presynaptic trace K+ (ms).</param>
/// <param name="Lambda">Step size.</param>
/// <param name="Alpha">Asymmetry: depression relative to facilitation.</param>
/// <param name="MuPlus">Weight dependence of facilitation (0 additive, 1 multiplicative).</param>
/// <param name="MuMinus">Weight dependence of depression.</param>
/// <param name="Wmax">Largest weight; its sign is the weight's.</param>
internal readonly record struct StdpRule(double TauPlus, double Lambda, double Alpha, double MuPlus, double MuMinus, double Wmax)
{
    /// <summary>NEST 3.9's defaults.</summary>
    public static StdpRule Defaults => new(TauPlus: 20.0, Lambda: 0.01, Alpha: 1.0, MuPlus: 1.0, MuMinus: 1.0, Wmax: 100.0);

    /// <summary>Reads tau_plus, lambda, alpha, mu_plus, mu_minus and Wmax into a copy.</summary>
    /// <exception cref="BadPropertyException">tau_plus is not positive, or Wmax is 0.</exception>
    public StdpRule Read(ParameterReader reader)
    {
        double tauPlus = TauPlus, lambda = Lambda, alpha = Alpha, muPlus = MuPlus, muMinus = MuMinus, wmax = Wmax;
        reader.TryFinite("tau_plus", ref tauPlus);
        reader.TryFinite("lambda", ref lambda);
        reader.TryFinite("alpha", ref alpha);
        reader.TryFinite("mu_plus", ref muPlus);
        reader.TryFinite("mu_minus", ref muMinus);
        reader.TryFinite("Wmax", ref wmax);
        if (tauPlus <= 0.0)
        {
            throw ParameterReader.Bad("tau_plus", tauPlus, "tau_plus must be > 0.");
        }

        if (wmax == 0.0)
        {
            // The rule divides by Wmax.
            throw ParameterReader.Bad("Wmax", wmax, "Wmax must not be 0.");
        }

        return new StdpRule(tauPlus, lambda, alpha, muPlus, muMinus, wmax);
    }

    /// <summary>Reads a connection's presynaptic trace Kplus (NEST: "Kplus must be positive.").</summary>
    public static double ReadKplus(ParameterReader reader, double current)
    {
        double kPlus = current;
        reader.TryFinite("Kplus", ref kPlus);
        return kPlus >= 0.0 ? kPlus : throw ParameterReader.Bad("Kplus", kPlus, "Kplus must be positive.");
    }

    /// <summary>NEST's rule: the weight and Wmax have the same sign (0 counts as positive).</summary>
    public void CheckWeight(double weight)
    {
        if ((weight >= 0.0) != (Wmax >= 0.0))
        {
            throw new BadPropertyException("weight",
                $"Weight and Wmax must have same sign (weight = {StatusDictionary.Describe(weight)}, Wmax = {StatusDictionary.Describe(Wmax)}).");
        }
    }

    /// <summary>Writes the parameters with NEST's keys.</summary>
    public void Write(StatusDictionary status)
    {
        status["tau_plus"] = TauPlus;
        status["lambda"] = Lambda;
        status["alpha"] = Alpha;
        status["mu_plus"] = MuPlus;
        status["mu_minus"] = MuMinus;
        status["Wmax"] = Wmax;
    }

    /// <summary>Facilitation by the presynaptic trace <paramref name="kPlus"/>, bounded by Wmax.</summary>
    public double Facilitate(double w, double kPlus)
    {
        double norm = w / Wmax + Lambda * Math.Pow(1.0 - w / Wmax, MuPlus) * kPlus;
        return norm < 1.0 ? norm * Wmax : Wmax;
    }

    /// <summary>Depression by the postsynaptic trace <paramref name="kMinus"/>, bounded by 0.</summary>
    public double Depress(double w, double kMinus)
    {
        double norm = w / Wmax - Alpha * Lambda * Math.Pow(w / Wmax, MuMinus) * kMinus;
        return norm > 0.0 ? norm * Wmax : 0.0;
    }
}
