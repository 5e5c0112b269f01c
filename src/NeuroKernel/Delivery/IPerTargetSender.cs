using NeuroKernel.Random;

namespace NeuroKernel.Delivery;

/// <summary>
/// A device that sends each of its targets an event of its own (NEST's <c>DSSpikeEvent</c> and <c>DSCurrentEvent</c>):
/// <c>poisson_generator</c> draws a count per target, <c>dc_generator</c> sends its amplitude. The device only says what
/// it sends; <see cref="PerTargetDelivery"/> walks its connections at its place in the canonical order and adds the
/// events into the targets' buffers. Devices are not exchanged: every thread (and rank) delivers to its own targets.
/// </summary>
internal interface IPerTargetSender
{
    /// <summary>Node index (0-based) of the device's first node: its place in the canonical order.</summary>
    int FirstIndex { get; }

    /// <summary>The device's rows in the store, node by node and group by group (made in its Prepare).</summary>
    ReadOnlySpan<PerTargetRun> Runs { get; }

    /// <summary>One state per connection, in the order of <see cref="Runs"/> (Poisson streams), or empty.</summary>
    Span<ulong> Streams { get; }

    /// <summary>Whether node <paramref name="local"/> sends anything in the step stamped <paramref name="stamp"/>.</summary>
    bool Sends(int local, long stamp);

    /// <summary>The event node <paramref name="local"/> sends over one connection: a multiplicity and a factor of the weight.</summary>
    /// <param name="local">The sending node.</param>
    /// <param name="buffer">The slice's spike-list buffer (0 or 1): devices whose event changes from step to step keep the
    /// values of two slices, as the update of the next slice may run while another thread still delivers this one.</param>
    /// <param name="lag">The step within the slice.</param>
    /// <param name="stream">The connection's state (a random stream), or a dummy when there are no streams.</param>
    /// <param name="connection">
    /// The connection's index in <see cref="Streams"/> (for devices that keep more per target than a stream), −1 − k for the
    /// k-th recorder tap of the store, or <see cref="int.MinValue"/> where there are no streams.
    /// </param>
    (int Multiplicity, double Factor) EventOf(int local, int buffer, int lag, ref ulong stream, int connection);

    /// <summary>
    /// The declared fast path: a sampler that draws the counts of a whole run from its streams and adds them in one
    /// vectorized pass (poisson_generator onto uniform groups), or null for the generic path.
    /// </summary>
    PoissonSampler? FusedSampler(int local);
}
