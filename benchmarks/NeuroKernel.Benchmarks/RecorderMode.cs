namespace NeuroKernel.Benchmarks;

/// <summary>Whether and how the Brunel network records the spikes of its first 50 + 50 neurons.</summary>
public enum RecorderMode
{
    /// <summary>No spike recorders: the network is the neurons, the noise and the synapses only.</summary>
    None,

    /// <summary>Two spike_recorders keeping events in memory (<c>n_events</c>, <c>events</c>).</summary>
    Memory,

    /// <summary>
    /// Two spike_detectors writing NEST 2 <c>.gdf</c> files, as the seed script does (<c>to_file</c>); with
    /// NEST 2's default <c>to_memory = true</c> they keep the events in memory too.
    /// </summary>
    Gdf,
}
