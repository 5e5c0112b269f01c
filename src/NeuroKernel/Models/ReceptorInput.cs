namespace NeuroKernel.Models;

/// <summary>What a receptor receives and how delivery adds it up.</summary>
internal enum ReceptorInput
{
    /// <summary>Spikes of weight &gt; 0, summed in the excitatory buffer (NEST's iaf_psc_* split by sign).</summary>
    Excitatory,

    /// <summary>Spikes of weight ≤ 0, summed in the inhibitory buffer.</summary>
    Inhibitory,

    /// <summary>Spikes of either sign, of which only the sum is read (iaf_psc_delta): one buffer suffices.</summary>
    SpikeSum,

    /// <summary>Spike counts, the weight ignored (parrot_neuron).</summary>
    SpikeCount,

    /// <summary>Currents from current generators, amplitude × weight (pA).</summary>
    Current,

    /// <summary>Currents filtered through the excitatory synapse before they reach the membrane (iaf_psc_exp's receptor 1).</summary>
    FilteredCurrent,

    /// <summary>Spikes taken and not acted on (parrot_neuron's receptor 1, for plastic connections whose target's own spikes come from elsewhere).</summary>
    Ignored,
}
