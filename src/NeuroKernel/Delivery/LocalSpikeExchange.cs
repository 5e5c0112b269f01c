using System.Runtime.CompilerServices;
using NeuroKernel.Kernel;

namespace NeuroKernel.Delivery;

/// <summary>
/// The exchange within one process: the units' spike lists are both the send and the receive buffer, so nothing is
/// copied; exchanging is the barrier after which every thread may read every list (with one thread, nothing at all).
/// </summary>
internal sealed class LocalSpikeExchange : ISpikeExchange
{
    private readonly ReceivedSpikes[][] _received;

    /// <param name="senders">The units that emit spikes in the update phase, in id order.</param>
    public LocalSpikeExchange(IEnumerable<UpdateUnit> senders)
    {
        var units = senders.ToArray();
        _received = [[.. units.Select(u => new ReceivedSpikes(u.Block.FirstIndex, u.Spikes(0)!))],
            [.. units.Select(u => new ReceivedSpikes(u.Block.FirstIndex, u.Spikes(1)!))]];
    }

    public WorkerPool? Pool { get; set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Exchange(int thread, bool stop) => Pool?.Barrier(stop) ?? stop;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<ReceivedSpikes> Received(int buffer) => _received[buffer];
}
