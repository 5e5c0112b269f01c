using NeuroKernel.Delivery;
using NeuroKernel.Models;

namespace NeuroKernel.Kernel;

/// <summary>
/// A contiguous range of one block's nodes that one thread updates: a neuron block is cut at receiver
/// partition boundaries, so the thread that owns a partition both updates its neurons and delivers into
/// their ring buffers. Units are kept in id order, which is the canonical order of delivery.
/// </summary>
internal sealed class UpdateUnit(NodeBlock block, int start, int end, int thread, SpikeList? spikes, SpikeList? next = null)
{
    public NodeBlock Block { get; } = block;

    /// <summary>First local index (inclusive); moves with the thread boundaries (<see cref="ThreadBalancer"/>).</summary>
    public int Start { get; private set; } = start;

    /// <summary>Last local index (exclusive).</summary>
    public int End { get; private set; } = end;

    /// <summary>The part of the block between receivers <paramref name="first"/> and <paramref name="end"/> (possibly empty).</summary>
    public void Cover(int first, int end)
    {
        int offset = Block.ReceiverOffset;
        Start = Math.Clamp(first - offset, 0, Block.Count);
        End = Math.Clamp(end - offset, Start, Block.Count);
    }

    /// <summary>The thread that updates this unit.</summary>
    public int Thread { get; } = thread;

    private readonly SpikeList? _next = next ?? spikes;

    /// <summary>
    /// The unit's spikes of a slice (null for nodes that emit none in the update phase): two lists when several
    /// threads run, used alternately (<see cref="SliceContext.Buffer"/>), one otherwise.
    /// </summary>
    public SpikeList? Spikes(int buffer) => buffer == 0 ? spikes : _next;
}
