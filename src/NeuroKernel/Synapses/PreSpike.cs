namespace NeuroKernel.Synapses;

/// <summary>A presynaptic spike as a synapse sees it when it passes (<see cref="ISynapse{TSelf, TCommon}.OnPreSpike"/>).</summary>
public readonly record struct PreSpike
{
    internal PreSpike(double timeMs, double lastTimeMs, double delayMs, int multiplicity, double postTrace = 0.0, NeuromodulatorView neuromodulator = default)
    {
        Neuromodulator = neuromodulator;
        PostTrace = postTrace;
        TimeMs = timeMs;
        LastTimeMs = lastTimeMs;
        DelayMs = delayMs;
        Multiplicity = multiplicity;
    }

    /// <summary>When the presynaptic neuron fired (ms): the spike's stamp, NEST's <c>t_spike</c>.</summary>
    public double TimeMs { get; }

    /// <summary>When the connection's previous presynaptic spike was sent (ms; 0 before the first), NEST's <c>t_lastspike</c>.</summary>
    public double LastTimeMs { get; }

    /// <summary>The connection's delay (ms), dendritic as in NEST.</summary>
    public double DelayMs { get; }

    /// <summary>
    /// The postsynaptic neuron's trace K⁻ at <see cref="TimeMs"/> − <see cref="DelayMs"/> (NEST's <c>get_K_value</c>): each
    /// of its spikes strictly before that time adds exp(−Δt / tau_minus), with the neuron's tau_minus. 0 for synapse types
    /// that do not <see cref="ISynapse{TSelf, TCommon}.ReadsPostSpikes"/>.
    /// </summary>
    public double PostTrace { get; }

    /// <summary>Number of spikes sent at once (1 for a neuron's spike).</summary>
    public int Multiplicity { get; }

    /// <summary>The volume transmitter's spikes the connection sees now (stdp_dopamine_synapse); empty for other models.</summary>
    internal NeuromodulatorView Neuromodulator { get; }
}
