using NeuroKernel.Delivery;
using NeuroKernel.Models;

namespace NeuroKernel.Kernel;

/// <summary>
/// A contiguous range of one block's nodes that one thread updates: a neuron block is cut at receiver
/// partition boundaries, so the thread that owns a partition both updates its neurons and delivers into
/// their ring buffers. Units are kept in id order, which is the canonical order of delivery.
/// </summary>
internal sealed class UpdateUnit(NodeBlock block, int start, int end, int thread, SpikeList? spikes)
{
    public NodeBlock Block { get; } = block;

    /// <summary>First local index (inclusive).</summary>
    public int Start { get; } = start;

    /// <summary>Last local index (exclusive).</summary>
    public int End { get; } = end;

    /// <summary>The thread that updates this unit.</summary>
    public int Thread { get; } = thread;

    /// <summary>The unit's spikes of the current slice (null for nodes that emit none in the update phase).</summary>
    public SpikeList? Spikes { get; } = spikes;
}
