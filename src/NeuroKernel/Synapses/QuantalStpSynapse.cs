using NeuroKernel.Models;
using NeuroKernel.Random;

namespace NeuroKernel.Synapses;

/// <summary>
/// NEST's <c>quantal_stp_synapse</c>: stochastic short-term plasticity with n release sites (Fuhrmann et al. 2002, Loebel
/// et al. 2009), of which a are available. At each presynaptic spike after the first, the release probability relaxes
/// towards U (u ← U + u·(1 − U)·exp(−h/tau_fac), U at once when tau_fac is 0) and each depleted site has recovered with
/// probability 1 − exp(−h/tau_rec); then each available site releases with probability u. The spike carries (released
/// sites)·weight and the released sites are depleted; when none releases, nothing is sent (and a weight_recorder records
/// nothing). The draws come from the connection's own stream (<see cref="ISynapse{TSelf, TCommon}.Seed"/>), so they are
/// the same for any number of threads. Every parameter and state variable is per connection.
/// </summary>
internal struct QuantalStpSynapse : ISynapse<QuantalStpSynapse, NoCommonProperties>
{
    private ShortTermPlasticity _p;

    /// <summary>Release sites, and how many of them are available.</summary>
    private long _n, _available;

    /// <summary>Sites the last spike released.</summary>
    private long _released;

    /// <summary>Time of the connection's last spike (ms); negative before the first.</summary>
    private double _lastSpikeMs;

    /// <summary>The connection's random stream (SplitMix64 state).</summary>
    private ulong _stream;

    public static QuantalStpSynapse Defaults => new()
    {
        _p = new ShortTermPlasticity(U: 0.5, TauRec: 800.0, TauFac: 0.0, UState: 0.5, X: 1.0),
        _n = 1,
        _available = 1,
        _lastSpikeMs = -1.0,
    };

    public static NoCommonProperties CommonDefaults => default;

    public static bool IsStatic => false;

    public static bool ReadsPostSpikes => false;

    public static bool DrawsRandomNumbers => true;

    public static QuantalStpSynapse Read(in QuantalStpSynapse current, ParameterReader reader)
    {
        var p = current._p.Read(reader, checkU: true, hasX: false);
        long n = current._n, a = current._available;
        reader.TryLong("n", ref n);
        reader.TryLong("a", ref a);
        if (n < 0 || n > int.MaxValue)
        {
            throw new BadPropertyException("n", $"The number of release sites n must be in [0, {int.MaxValue}] (n = {n}).");
        }

        if (a < 0 || a > n)
        {
            throw new BadPropertyException("a", $"The number of available release sites a must be in [0, n] (a = {a}, n = {n}).");
        }

        return current with { _p = p, _n = n, _available = a };
    }

    public static NoCommonProperties ReadCommon(in NoCommonProperties current, ParameterReader reader) => current;

    public static void Write(in QuantalStpSynapse connection, StatusDictionary status)
    {
        connection._p.Write(status, hasX: false);
        status["n"] = connection._n;
        status["a"] = connection._available;
    }

    public static void WriteCommon(in NoCommonProperties common, StatusDictionary status)
    {
    }

    public static void Seed(ref QuantalStpSynapse connection, ulong seed) => connection._stream = seed;

    public static void OnPostSpike(ref QuantalStpSynapse connection, ref double weight, in NoCommonProperties common, in PostSpike spike)
    {
    }

    public static void OnPreSpike(ref QuantalStpSynapse c, ref double weight, in NoCommonProperties common, in PreSpike spike)
    {
        var p = c._p;
        if (c._lastSpikeMs >= 0.0)
        {
            double h = spike.TimeMs - c._lastSpikeMs;
            double recovered = 1.0 - Math.Exp(-h / p.TauRec);
            double uDecay = p.TauFac < 1e-10 ? 0.0 : Math.Exp(-h / p.TauFac);
            c._p = p = p with { UState = p.U + p.UState * (1.0 - p.U) * uDecay };
            for (long depleted = c._n - c._available; depleted > 0; depleted--)
            {
                if (SplitMix64.NextDouble(ref c._stream) < recovered)
                {
                    c._available++;
                }
            }
        }

        long released = 0;
        for (long site = c._available; site > 0; site--)
        {
            if (SplitMix64.NextDouble(ref c._stream) < p.UState)
            {
                released++;
            }
        }

        c._available -= released;
        c._released = released;
        c._lastSpikeMs = spike.TimeMs;
    }

    /// <summary>The spike carries one weight per released site.</summary>
    public static double Transmitted(in QuantalStpSynapse connection, double weight) => connection._released * weight;

    /// <summary>Nothing is sent when no site released.</summary>
    public static bool IsSent(in QuantalStpSynapse connection) => connection._released > 0;
}
