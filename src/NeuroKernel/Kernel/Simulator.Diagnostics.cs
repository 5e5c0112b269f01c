using NeuroKernel.Kernel;

namespace NeuroKernel;

/// <summary>What tests and benchmarks read of the kernel; none of it is public.</summary>
public sealed partial class Simulator
{
    internal (long Spikes, long Events) DeliveryCounters => _kernel.Simulation.DeliveryCounters;

    internal object? PreparedDelivery => _kernel.Simulation.PreparedDelivery;

    internal bool SharedSpikeChannels => _kernel.Simulation.Rings.SharedSpikeChannels;

    internal int RingSlots => _kernel.Simulation.Rings.Slots;

    internal ThreadBalancer? Balancer => _kernel.Simulation.Balancer;

    internal WorkerPool? Workers => _kernel.Simulation.Workers;

    internal bool BalanceThreads
    {
        get => _kernel.Simulation.BalanceThreads;
        set => _kernel.Simulation.BalanceThreads = value;
    }

    internal bool WholeSliceUpdate
    {
        get => _kernel.Simulation.WholeSliceUpdate;
        set => _kernel.Simulation.WholeSliceUpdate = value;
    }

    internal bool TookWholeSlices => _kernel.Nodes.Blocks.Any(b => b.TookWholeSlices);

    internal long RecordedBytes => _kernel.Recording.RecordedBytes;

    internal long ConnectionBytes => _kernel.Connections.Store.Bytes;

    internal long StoredConnections => _kernel.Connections.Store.TotalConnections;
}
