using NeuroKernel.Models;

namespace NeuroKernel.Synapses;

/// <summary>
/// NEST's <c>tsodyks2_synapse</c>: short-term depression and facilitation after Tsodyks &amp; Markram (1997) and Maass &amp;
/// Markram (2002), with the recovered resources x and the release probability u. A spike carries x·u·weight; before it,
/// the state is carried over from the last spike: x recovers from x − x·u towards 1 with tau_rec, and u relaxes from its
/// last value towards U with tau_fac (to U at once when tau_fac is 0). The first spike of a connection uses the initial
/// u and x as they are. The connection's weight stays as set; every parameter and state variable is per connection.
/// </summary>
internal struct Tsodyks2Synapse : ISynapse<Tsodyks2Synapse, NoCommonProperties>
{
    private ShortTermPlasticity _p;

    /// <summary>Time of the connection's last spike (ms); negative before the first.</summary>
    private double _lastSpikeMs;

    public static Tsodyks2Synapse Defaults => new() { _p = new ShortTermPlasticity(U: 0.5, TauRec: 800.0, TauFac: 0.0, UState: 0.5, X: 1.0), _lastSpikeMs = -1.0 };

    public static NoCommonProperties CommonDefaults => default;

    public static bool IsStatic => false;

    /// <summary>The state follows the presynaptic spikes only: kept once per source while its connections agree.</summary>
    public static bool StateIsPresynaptic => true;

    public static bool ReadsPostSpikes => false;

    public static Tsodyks2Synapse Read(in Tsodyks2Synapse current, ParameterReader reader) => current with { _p = current._p.Read(reader, checkU: true) };

    public static NoCommonProperties ReadCommon(in NoCommonProperties current, ParameterReader reader) => current;

    public static void Write(in Tsodyks2Synapse connection, StatusDictionary status) => connection._p.Write(status);

    public static void WriteCommon(in NoCommonProperties common, StatusDictionary status)
    {
    }

    public static void OnPostSpike(ref Tsodyks2Synapse connection, ref double weight, in NoCommonProperties common, in PostSpike spike)
    {
    }

    /// <summary>The weight stays as set: a spike changes only the state.</summary>
    public static void OnPreSpikeWeight(in Tsodyks2Synapse c, ref double weight, in NoCommonProperties common, in PreSpike spike)
    {
    }

    public static void OnPreSpike(ref Tsodyks2Synapse c, ref double weight, in NoCommonProperties common, in PreSpike spike)
    {
        var p = c._p;
        if (c._lastSpikeMs >= 0.0)
        {
            double h = spike.TimeMs - c._lastSpikeMs;
            double xDecay = Math.Exp(-h / p.TauRec);
            double uDecay = p.TauFac < 1e-10 ? 0.0 : Math.Exp(-h / p.TauFac);
            c._p = p with
            {
                X = 1.0 + (p.X - p.X * p.UState - 1.0) * xDecay,
                UState = p.U + p.UState * (1.0 - p.U) * uDecay,
            };
        }

        c._lastSpikeMs = spike.TimeMs;
    }

    /// <summary>The spike carries x·u of the weight.</summary>
    public static double Transmitted(in Tsodyks2Synapse connection, double weight) => connection._p.X * connection._p.UState * weight;
}
