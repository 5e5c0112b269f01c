namespace NeuroKernel.Models;

/// <summary>How a <see cref="NeuronModelDefinition"/> takes spikes.</summary>
public enum SpikeInput
{
    /// <summary>Spikes of weight &gt; 0 in <see cref="NeuronStep.Excitatory"/>, the others in <see cref="NeuronStep.Inhibitory"/> (NEST's iaf_psc_*).</summary>
    BySign,

    /// <summary>All spikes summed in <see cref="NeuronStep.Excitatory"/>; <see cref="NeuronStep.Inhibitory"/> is empty (NEST's iaf_psc_delta).</summary>
    Summed,
}
