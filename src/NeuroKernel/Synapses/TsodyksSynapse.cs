using NeuroKernel.Models;

namespace NeuroKernel.Synapses;

/// <summary>
/// NEST's <c>tsodyks_synapse</c>: short-term depression and facilitation after Tsodyks, Uziel &amp; Markram (2000), with
/// the resources in three pools, recovered x, active y and inactive z = 1 − x − y, integrated exactly from one
/// presynaptic spike to the next. A spike first lets u, x and y relax over the interval h since the last one (u decays
/// with tau_fac, y with tau_psc into z, z with tau_rec into x), then raises u by U·(1 − u), and moves u·x from x to y;
/// it carries u·x·weight to the target, while the connection's weight stays as set. The first spike relaxes the state
/// from t = 0. Every parameter and state variable is per connection.
/// </summary>
internal struct TsodyksSynapse : ISynapse<TsodyksSynapse, NoCommonProperties>
{
    private ShortTermPlasticity _p;

    /// <summary>Time constant of the active pool y (ms), which should equal the target's synaptic time constant.</summary>
    private double _tauPsc;

    /// <summary>The active pool y.</summary>
    private double _y;

    /// <summary>The share u·x the last spike released (the weight it carried, per unit weight).</summary>
    private double _released;

    public static TsodyksSynapse Defaults => new() { _p = new ShortTermPlasticity(U: 0.5, TauRec: 800.0, TauFac: 0.0, UState: 0.0, X: 1.0), _tauPsc = 3.0 };

    public static NoCommonProperties CommonDefaults => default;

    public static bool IsStatic => false;

    /// <summary>The state follows the presynaptic spikes only: kept once per source while its connections agree.</summary>
    public static bool StateIsPresynaptic => true;

    public static bool ReadsPostSpikes => false;

    public static TsodyksSynapse Read(in TsodyksSynapse current, ParameterReader reader)
    {
        double y = current._y, tauPsc = current._tauPsc;
        reader.TryFinite("y", ref y);
        reader.TryFinite("tau_psc", ref tauPsc);
        var p = current._p.Read(reader, checkU: false);
        if (p.X + y > 1.0)
        {
            throw new BadPropertyException("x", $"x + y must be <= 1.0 (x = {StatusDictionary.Describe(p.X)}, y = {StatusDictionary.Describe(y)}).");
        }

        if (tauPsc <= 0.0)
        {
            throw ParameterReader.Bad("tau_psc", tauPsc, "tau_psc must be > 0.");
        }

        if (tauPsc == p.TauRec)
        {
            // The relaxation of y into x divides by tau_psc − tau_rec (NEST computes NaN here).
            throw new BadPropertyException("tau_psc", $"tau_psc must differ from tau_rec (tau_psc = tau_rec = {StatusDictionary.Describe(tauPsc)}).");
        }

        return current with { _p = p, _y = y, _tauPsc = tauPsc };
    }

    public static NoCommonProperties ReadCommon(in NoCommonProperties current, ParameterReader reader) => current;

    public static void Write(in TsodyksSynapse connection, StatusDictionary status)
    {
        connection._p.Write(status);
        status["tau_psc"] = connection._tauPsc;
        status["y"] = connection._y;
    }

    public static void WriteCommon(in NoCommonProperties common, StatusDictionary status)
    {
    }

    public static void OnPostSpike(ref TsodyksSynapse connection, ref double weight, in NoCommonProperties common, in PostSpike spike)
    {
    }

    /// <summary>The weight stays as set: a spike changes only the state.</summary>
    public static void OnPreSpikeWeight(in TsodyksSynapse c, ref double weight, in NoCommonProperties common, in PreSpike spike)
    {
    }

    public static void OnPreSpike(ref TsodyksSynapse c, ref double weight, in NoCommonProperties common, in PreSpike spike)
    {
        var p = c._p;
        double h = spike.TimeMs - spike.LastTimeMs;
        // Propagators over h: u decays (none without facilitation), y decays into z, z recovers into x.
        double pUU = p.TauFac == 0.0 ? 0.0 : Math.Exp(-h / p.TauFac);
        double pYY = Math.Exp(-h / c._tauPsc);
        double pZZ = Math.Exp(-h / p.TauRec);
        double pXY = ((pZZ - 1.0) * p.TauRec - (pYY - 1.0) * c._tauPsc) / (c._tauPsc - p.TauRec);
        double pXZ = 1.0 - pZZ;
        double z = 1.0 - p.X - c._y;
        double u = p.UState * pUU;
        double x = p.X + pXY * c._y + pXZ * z;
        double y = c._y * pYY;
        // The spike: u jumps, then u·x of the recovered resources become active.
        u += p.U * (1.0 - u);
        double released = u * x;
        c._p = p with { UState = u, X = x - released };
        c._y = y + released;
        c._released = released;
    }

    /// <summary>The spike carries the released share of the weight.</summary>
    public static double Transmitted(in TsodyksSynapse connection, double weight) => connection._released * weight;
}
