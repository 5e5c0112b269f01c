using NeuroKernel.Models;

namespace NeuroKernel.Synapses;

/// <summary>
/// What NEST's Tsodyks–Markram synapse models share: the parameters U, tau_rec and tau_fac and the state u and x (not in
/// quantal_stp_synapse, whose resources are release sites), read and checked with NEST's sentences, and written for
/// GetDefaults and GetConnections.
/// </summary>
internal readonly record struct ShortTermPlasticity(double U, double TauRec, double TauFac, double UState, double X)
{
    /// <summary>Reads U, u, tau_rec, tau_fac and x into a copy (the model's own keys are read by the model).</summary>
    /// <exception cref="BadPropertyException">A value is out of NEST's range.</exception>
    public ShortTermPlasticity Read(ParameterReader reader, bool checkU, bool hasX = true)
    {
        double bigU = U, tauRec = TauRec, tauFac = TauFac, u = UState, x = X;
        reader.TryFinite("U", ref bigU);
        reader.TryFinite("u", ref u);
        reader.TryFinite("tau_rec", ref tauRec);
        reader.TryFinite("tau_fac", ref tauFac);
        if (hasX)
        {
            reader.TryFinite("x", ref x);
        }

        if (bigU is > 1.0 or < 0.0)
        {
            throw ParameterReader.Bad("U", bigU, "U must be in [0,1].");
        }

        if (checkU && u is > 1.0 or < 0.0)
        {
            throw ParameterReader.Bad("u", u, "u must be in [0,1].");
        }

        if (tauRec <= 0.0)
        {
            throw ParameterReader.Bad("tau_rec", tauRec, "tau_rec must be > 0.");
        }

        if (tauFac < 0.0)
        {
            throw ParameterReader.Bad("tau_fac", tauFac, "tau_fac must be >= 0.");
        }

        return new ShortTermPlasticity(bigU, tauRec, tauFac, u, x);
    }

    /// <summary>Writes U, u, tau_rec, tau_fac and x (if the model has it).</summary>
    public void Write(StatusDictionary status, bool hasX = true)
    {
        status["U"] = U;
        status["u"] = UState;
        status["tau_rec"] = TauRec;
        status["tau_fac"] = TauFac;
        if (hasX)
        {
            status["x"] = X;
        }
    }
}
