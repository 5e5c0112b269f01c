namespace NeuroKernel.Synapses;

/// <summary>A presynaptic spike as a synapse sees it when it passes (<see cref="ISynapse{TSelf, TCommon}.OnPreSpike"/>).</summary>
public readonly record struct PreSpike
{
    internal PreSpike(double timeMs, double lastTimeMs, double delayMs, int multiplicity)
    {
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

    /// <summary>Number of spikes sent at once (1 for a neuron's spike).</summary>
    public int Multiplicity { get; }
}
