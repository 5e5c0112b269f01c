using NeuroKernel.Delivery;
using NeuroKernel.Kernel;
using NeuroKernel.Models;

namespace NeuroKernel.Synapses;

/// <summary>What the synapse code of a row needs besides its connections: the input buffers, the postsynaptic archive and the grid.</summary>
internal sealed class SynapseContext(RingBuffers rings, SpikeArchive? archive, TimeGrid grid)
{
    public RingBuffers Rings { get; } = rings;

    /// <summary>The spike history of the receivers that synapses read, or null when no synapse reads one.</summary>
    public SpikeArchive? Archive { get; } = archive;

    public TimeGrid Grid { get; } = grid;

    /// <summary>The weight_recorder events of the run, or null when no synapse model names a weight_recorder.</summary>
    public WeightRecording? Weights { get; init; }

    /// <summary>Per synapse model index: the volume transmitter's spikes its connections read, or null (no model has one: the array is null).</summary>
    public NeuromodulatorSignal?[]? Neuromodulators { get; init; }

    /// <summary>
    /// The stamp at which the slice being delivered ends, for the connections that read a volume transmitter. Every
    /// delivering thread writes the same value at the start of its delivery (only when there are such connections); no
    /// thread delivers another slice until all have delivered this one.
    /// </summary>
    public long SliceEnd { get; set; }
}
