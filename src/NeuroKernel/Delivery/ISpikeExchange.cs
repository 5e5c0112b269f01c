using NeuroKernel.Kernel;

namespace NeuroKernel.Delivery;

/// <summary>
/// The exchange phase of the step loop (NEST's gather of the spike registers): once per min_delay slice, after every
/// thread has updated its nodes, the spikes they emitted (the send buffer) become the spikes every thread delivers
/// (the receive buffer). Delivery reads only what the exchange received; an implementation over MPI gathers the ranks'
/// send buffers here, and nothing else in the loop changes.
/// </summary>
internal interface ISpikeExchange
{
    /// <summary>
    /// The threads of this process that take part in the loop (null with one thread), set before each run: the exchange
    /// meets them at its barrier.
    /// </summary>
    WorkerPool? Pool { get; set; }

    /// <summary>
    /// Called by every thread after its update of a slice, with whether it wants to stop (Ctrl-C, a failure). Returns once
    /// every spike of the slice has been received, with the stop decision every thread shares.
    /// </summary>
    bool Exchange(int thread, bool stop);

    /// <summary>
    /// The spikes received for the slice whose units filled spike buffer <paramref name="buffer"/>: one source per sending
    /// unit, in ascending node order (the canonical order of delivery).
    /// </summary>
    ReadOnlySpan<ReceivedSpikes> Received(int buffer);
}
