namespace NeuroKernel.Synapses;

/// <summary>A spike of the postsynaptic neuron as a synapse sees it (<see cref="ISynapse{TSelf, TCommon}.OnPostSpike"/>).</summary>
public readonly record struct PostSpike
{
    internal PostSpike(double timeMs, double lastPreTimeMs, double delayMs, NeuromodulatorView neuromodulator = default)
    {
        Neuromodulator = neuromodulator;
        TimeMs = timeMs;
        LastPreTimeMs = lastPreTimeMs;
        DelayMs = delayMs;
    }

    /// <summary>When the postsynaptic neuron fired (ms); it reaches the synapse at <see cref="TimeMs"/> + <see cref="DelayMs"/>.</summary>
    public double TimeMs { get; }

    /// <summary>When the connection's last presynaptic spike was sent, or its state last brought up to date (ms; 0 before the first).</summary>
    public double LastPreTimeMs { get; }

    /// <summary>The connection's (dendritic) delay (ms).</summary>
    public double DelayMs { get; }

    /// <summary>The volume transmitter's spikes the connection sees now (stdp_dopamine_synapse); empty for other models.</summary>
    internal NeuromodulatorView Neuromodulator { get; }
}
