using NeuroKernel.Models;
using NeuroKernel.Numerics;

namespace NeuroKernel.Synapses;

/// <summary>
/// NEST's <c>stdp_dopamine_synapse</c> (Izhikevich 2007; Potjans, Morrison &amp; Diesmann 2010): pair-based STDP feeds an
/// eligibility trace c (facilitation c += A_plus·K⁺ at a postsynaptic spike, depression c −= A_minus·K⁻ at a presynaptic
/// one), and the weight follows dw/dt = c·(n − b), with the dopamine trace n, which jumps by 1/tau_n per dopamine spike
/// and decays with tau_n, while c decays with tau_c. The dopamine spikes come from the model's <c>volume_transmitter</c>
/// (a common property, as are A_plus, A_minus, tau_plus, tau_c, tau_n, b, Wmin and Wmax); the weight is integrated exactly
/// between events and clipped to [Wmin, Wmax] after every piece. The state is brought forward at every presynaptic spike,
/// at every postsynaptic spike reaching the synapse (processed with the next presynaptic spike or trigger), and at every
/// trigger of the volume transmitter (NEST's <c>trigger_update_weight</c>, every deliver_interval × min_delay). Per
/// connection: the weight, Kplus, c and n.
/// </summary>
internal struct StdpDopamineSynapse : ISynapse<StdpDopamineSynapse, StdpDopamineSynapse.Rule>
{
    /// <summary>NEST's tolerance for comparing spike times (connection manager's stdp_eps, ms).</summary>
    private const double Eps = 1e-6;

    private double _kPlus, _c, _n;

    /// <summary>The time (ms) up to which weight and c are propagated (NEST's t0; t_last_update between events).</summary>
    private double _t0;

    /// <summary>The entry of the transmitter's spikes the dopamine trace n belongs to (NEST's dopa_spikes_idx).</summary>
    private int _dopamineIndex;

    public static StdpDopamineSynapse Defaults => default;

    public static Rule CommonDefaults => Rule.Defaults;

    public static bool IsStatic => false;

    public static bool ReadsPostSpikes => true;

    public static StdpDopamineSynapse Read(in StdpDopamineSynapse current, ParameterReader reader)
    {
        double c = current._c, n = current._n;
        reader.TryFinite("c", ref c);
        reader.TryFinite("n", ref n);
        return current with { _kPlus = StdpRule.ReadKplus(reader, current._kPlus), _c = c, _n = n };
    }

    public static Rule ReadCommon(in Rule current, ParameterReader reader) => current.Read(reader);

    public static void Write(in StdpDopamineSynapse connection, StatusDictionary status)
    {
        status["Kplus"] = connection._kPlus;
        status["c"] = connection._c;
        status["n"] = connection._n;
    }

    public static void WriteCommon(in Rule common, StatusDictionary status) => common.Write(status);

    public static void OnPostSpike(ref StdpDopamineSynapse s, ref double weight, in Rule common, in PostSpike spike)
    {
        // The postsynaptic spike reaches the synapse at t + d: bring weight and c there, then facilitate.
        double arrival = spike.TimeMs + spike.DelayMs;
        s.Propagate(ref weight, common, spike.Neuromodulator, arrival);
        s._c += common.APlus * s._kPlus * Math.Exp((spike.LastPreTimeMs - arrival) / common.TauPlus);
    }

    public static void OnPreSpike(ref StdpDopamineSynapse s, ref double weight, in Rule common, in PreSpike spike)
    {
        s.Propagate(ref weight, common, spike.Neuromodulator, spike.TimeMs);
        s._c -= common.AMinus * spike.PostTrace;
        s._kPlus = s._kPlus * Math.Exp((spike.LastTimeMs - spike.TimeMs) / common.TauPlus) + 1.0;
    }

    /// <summary>The volume transmitter's trigger at <see cref="PreSpike.TimeMs"/>: everything brought to that time, no spike.</summary>
    public static void OnTrigger(ref StdpDopamineSynapse s, ref double weight, in Rule common, in PreSpike trigger)
    {
        var view = trigger.Neuromodulator;
        s.Propagate(ref weight, common, view, trigger.TimeMs);
        s._n *= Math.Exp((view.TimeMs(s._dopamineIndex) - trigger.TimeMs) / common.TauN);
        s._kPlus *= Math.Exp((trigger.LastTimeMs - trigger.TimeMs) / common.TauPlus);
        s._dopamineIndex = 0;
    }

    /// <summary>
    /// Brings weight and c from <see cref="_t0"/> to <paramref name="t1"/>, through the dopamine spikes in between (NEST's
    /// process_dopa_spikes): piecewise exact, the weight clipped after each piece.
    /// </summary>
    private void Propagate(ref double weight, in Rule rule, in NeuromodulatorView dopamine, double t1)
    {
        double t0 = _t0;
        if (dopamine.Count > _dopamineIndex + 1 && t1 - dopamine.TimeMs(_dopamineIndex + 1) > -Eps)
        {
            // Up to the first dopamine spike: c and the weight are at t0, n at the last dopamine spike.
            double n0 = _n * Math.Exp((dopamine.TimeMs(_dopamineIndex) - t0) / rule.TauN);
            weight = rule.Integrate(weight, _c, n0, t0 - dopamine.TimeMs(_dopamineIndex + 1));
            NextDopamineSpike(rule, dopamine);
            while (dopamine.Count > _dopamineIndex + 1 && t1 - dopamine.TimeMs(_dopamineIndex + 1) > -Eps)
            {
                double cd = _c * Math.Exp((t0 - dopamine.TimeMs(_dopamineIndex)) / rule.TauC);
                weight = rule.Integrate(weight, cd, _n, dopamine.TimeMs(_dopamineIndex) - dopamine.TimeMs(_dopamineIndex + 1));
                NextDopamineSpike(rule, dopamine);
            }

            double cLast = _c * Math.Exp((t0 - dopamine.TimeMs(_dopamineIndex)) / rule.TauC);
            weight = rule.Integrate(weight, cLast, _n, dopamine.TimeMs(_dopamineIndex) - t1);
        }
        else
        {
            double n0 = _n * Math.Exp((dopamine.TimeMs(_dopamineIndex) - t0) / rule.TauN);
            weight = rule.Integrate(weight, _c, n0, t0 - t1);
        }

        _c *= Math.Exp((t0 - t1) / rule.TauC);
        _t0 = t1;
    }

    /// <summary>n decays to the next dopamine spike and jumps by its multiplicity / tau_n.</summary>
    private void NextDopamineSpike(in Rule rule, in NeuromodulatorView dopamine)
    {
        double minusDt = dopamine.TimeMs(_dopamineIndex) - dopamine.TimeMs(_dopamineIndex + 1);
        _dopamineIndex++;
        _n = _n * Math.Exp(minusDt / rule.TauN) + dopamine.Multiplicity(_dopamineIndex) / rule.TauN;
    }

    /// <summary>The parameters common to the model's connections (NEST's STDPDopaCommonProperties, the volume transmitter aside).</summary>
    /// <param name="APlus">Facilitation amplitude of the eligibility trace.</param>
    /// <param name="AMinus">Depression amplitude of the eligibility trace.</param>
    /// <param name="TauPlus">Time constant of the presynaptic trace K⁺ (ms).</param>
    /// <param name="TauC">Time constant of the eligibility trace c (ms).</param>
    /// <param name="TauN">Time constant of the dopamine trace n (ms).</param>
    /// <param name="B">Dopamine baseline: the weight grows only where n exceeds it.</param>
    /// <param name="Wmin">Smallest weight.</param>
    /// <param name="Wmax">Largest weight.</param>
    internal readonly record struct Rule(double APlus, double AMinus, double TauPlus, double TauC, double TauN, double B, double Wmin, double Wmax)
    {
        /// <summary>NEST 3.9's defaults.</summary>
        public static Rule Defaults => new(APlus: 1.0, AMinus: 1.5, TauPlus: 20.0, TauC: 1000.0, TauN: 200.0, B: 0.0, Wmin: 0.0, Wmax: 200.0);

        /// <summary>Reads the keys into a copy.</summary>
        /// <exception cref="BadPropertyException">A time constant is not positive, or Wmin exceeds Wmax.</exception>
        public Rule Read(ParameterReader reader)
        {
            double aPlus = APlus, aMinus = AMinus, tauPlus = TauPlus, tauC = TauC, tauN = TauN, b = B, wmin = Wmin, wmax = Wmax;
            reader.TryFinite("A_plus", ref aPlus);
            reader.TryFinite("A_minus", ref aMinus);
            reader.TryFinite("tau_plus", ref tauPlus);
            reader.TryFinite("tau_c", ref tauC);
            reader.TryFinite("tau_n", ref tauN);
            reader.TryFinite("b", ref b);
            reader.TryFinite("Wmin", ref wmin);
            reader.TryFinite("Wmax", ref wmax);
            foreach (var (key, tau) in new[] { ("tau_plus", tauPlus), ("tau_c", tauC), ("tau_n", tauN) })
            {
                if (tau <= 0.0)
                {
                    throw ParameterReader.Bad(key, tau, $"{key} must be > 0.");
                }
            }

            if (wmin > wmax)
            {
                throw new BadPropertyException("Wmin", $"Wmin must not exceed Wmax (Wmin = {StatusDictionary.Describe(wmin)}, Wmax = {StatusDictionary.Describe(wmax)}).");
            }

            return new Rule(aPlus, aMinus, tauPlus, tauC, tauN, b, wmin, wmax);
        }

        /// <summary>Writes the parameters with NEST's keys.</summary>
        public void Write(StatusDictionary status)
        {
            status["A_plus"] = APlus;
            status["A_minus"] = AMinus;
            status["tau_plus"] = TauPlus;
            status["tau_c"] = TauC;
            status["tau_n"] = TauN;
            status["b"] = B;
            status["Wmin"] = Wmin;
            status["Wmax"] = Wmax;
        }

        /// <summary>
        /// The weight after a piece of length −<paramref name="minusDt"/> (ms) during which c decays from <paramref name="c0"/>
        /// and n from <paramref name="n0"/>: w − c0·(n0/τ_s·expm1(τ_s·minusDt) − b·tau_c·expm1(minusDt/tau_c)), τ_s =
        /// (tau_c + tau_n)/(tau_c·tau_n), clipped to [Wmin, Wmax].
        /// </summary>
        public double Integrate(double weight, double c0, double n0, double minusDt)
        {
            double tauS = (TauC + TauN) / (TauC * TauN);
            weight -= c0 * (n0 / tauS * ExactIntegration.ExpM1(tauS * minusDt) - B * TauC * ExactIntegration.ExpM1(minusDt / TauC));
            return Math.Clamp(weight, Wmin, Wmax);
        }
    }
}
