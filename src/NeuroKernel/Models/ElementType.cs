namespace NeuroKernel.Models;

/// <summary>What kind of node a model makes (NEST's <c>element_type</c>).</summary>
internal enum ElementType
{
    /// <summary>A neuron: receives spikes into ring buffers, may send spikes.</summary>
    Neuron,

    /// <summary>A stimulation device: sends spikes or currents, receives nothing.</summary>
    Stimulator,

    /// <summary>A recording device: receives spikes or samples state, sends nothing.</summary>
    Recorder,

    /// <summary>Anything else (NEST's "other": volume_transmitter, which receives spikes for synapses to read).</summary>
    Other,
}
