using NeuroKernel.Models;
using NeuroKernel.Synapses;

namespace NeuroKernel.Extensions.Tests;

/// <summary>
/// Pair-based additive STDP written as a user would (NEST's stdp_synapse with mu_plus = mu_minus = 0): a presynaptic
/// trace K+ per connection, and the postsynaptic trace K− that this connection builds from the postsynaptic spikes it
/// is shown. Wmax and the initial K+ are per connection; the time constants, lambda and alpha are common to the model.
/// </summary>
public struct UserStdpSynapse : ISynapse<UserStdpSynapse, UserStdpCommon>
{
    /// <summary>Largest weight (same unit as the weight), per connection.</summary>
    private double _wmax;

    /// <summary>Presynaptic trace K+ right after the last presynaptic spike.</summary>
    private double _kPlus;

    /// <summary>Postsynaptic trace K− right after the last postsynaptic spike seen, and when that spike was (ms).</summary>
    private double _kMinus, _lastPostMs;

    public static UserStdpSynapse Defaults => new() { _wmax = 100.0 };

    public static UserStdpCommon CommonDefaults => new(TauPlus: 20.0, TauMinus: 20.0, Lambda: 0.01, Alpha: 1.0);

    public static bool IsStatic => false;

    public static bool ReadsPostSpikes => true;

    public static UserStdpSynapse Read(in UserStdpSynapse current, ParameterReader reader)
    {
        var next = current;
        reader.TryFinite("Wmax", ref next._wmax);
        reader.TryFinite("Kplus", ref next._kPlus);
        if (next._kPlus < 0.0)
        {
            throw ParameterReader.Bad("Kplus", next._kPlus, "Kplus must be non-negative.");
        }

        return next;
    }

    public static UserStdpCommon ReadCommon(in UserStdpCommon current, ParameterReader reader)
    {
        double tauPlus = current.TauPlus, tauMinus = current.TauMinus, lambda = current.Lambda, alpha = current.Alpha;
        reader.TryFinite("tau_plus", ref tauPlus);
        reader.TryFinite("tau_minus", ref tauMinus);
        reader.TryFinite("lambda", ref lambda);
        reader.TryFinite("alpha", ref alpha);
        if (tauPlus <= 0.0 || tauMinus <= 0.0)
        {
            throw ParameterReader.Bad(tauPlus <= 0.0 ? "tau_plus" : "tau_minus", Math.Min(tauPlus, tauMinus), "Time constants must be strictly positive.");
        }

        return new UserStdpCommon(tauPlus, tauMinus, lambda, alpha);
    }

    public static void Write(in UserStdpSynapse connection, StatusDictionary status)
    {
        status["Wmax"] = connection._wmax;
        status["Kplus"] = connection._kPlus;
    }

    public static void WriteCommon(in UserStdpCommon common, StatusDictionary status)
    {
        status["tau_plus"] = common.TauPlus;
        status["tau_minus"] = common.TauMinus;
        status["lambda"] = common.Lambda;
        status["alpha"] = common.Alpha;
    }

    /// <summary>Potentiation by the presynaptic trace at the time the postsynaptic spike reaches the synapse; then K− takes the spike.</summary>
    public static void OnPostSpike(ref UserStdpSynapse c, ref double weight, in UserStdpCommon common, in PostSpike spike)
    {
        double sinceLastPre = spike.TimeMs + spike.DelayMs - spike.LastPreTimeMs;
        double kPlus = c._kPlus * Math.Exp(-sinceLastPre / common.TauPlus);
        weight = Math.Min(weight / c._wmax + common.Lambda * kPlus, 1.0) * c._wmax;
        c._kMinus = c._kMinus * Math.Exp((c._lastPostMs - spike.TimeMs) / common.TauMinus) + 1.0;
        c._lastPostMs = spike.TimeMs;
    }

    /// <summary>Depression by K− at the presynaptic spike (less the dendritic delay); then K+ takes the spike.</summary>
    public static void OnPreSpike(ref UserStdpSynapse c, ref double weight, in UserStdpCommon common, in PreSpike spike)
    {
        double kMinus = c._kMinus * Math.Exp((c._lastPostMs - (spike.TimeMs - spike.DelayMs)) / common.TauMinus);
        weight = Math.Max(weight / c._wmax - common.Alpha * common.Lambda * kMinus, 0.0) * c._wmax;
        c._kPlus = c._kPlus * Math.Exp((spike.LastTimeMs - spike.TimeMs) / common.TauPlus) + 1.0;
    }
}

/// <summary>The properties all connections of a <see cref="UserStdpSynapse"/> model share.</summary>
/// <param name="TauPlus">Time constant of K+ (ms).</param>
/// <param name="TauMinus">Time constant of K− (ms).</param>
/// <param name="Lambda">Learning rate.</param>
/// <param name="Alpha">Depression relative to potentiation.</param>
public readonly record struct UserStdpCommon(double TauPlus, double TauMinus, double Lambda, double Alpha);
