using System.Collections.ObjectModel;

namespace NeuroKernel.Plotting;

/// <summary>
/// Spikes as two parallel lists, sender ids and times: what a spike recorder's <c>events</c> hold and what
/// <see cref="SpikeFile"/> reads from NEST's spike files.
/// </summary>
public sealed class SpikeEvents
{
    /// <summary>Creates the events from two lists of the same length (the lists are copied).</summary>
    /// <param name="senders">The node id of each spike's sender.</param>
    /// <param name="times">Each spike's time in ms.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The lists differ in length.</exception>
    public SpikeEvents(IReadOnlyList<int> senders, IReadOnlyList<double> times)
    {
        ArgumentNullException.ThrowIfNull(senders);
        ArgumentNullException.ThrowIfNull(times);
        if (senders.Count != times.Count)
        {
            throw new ArgumentException(
                $"There must be one time per sender ({senders.Count} senders, {times.Count} times).", nameof(times));
        }

        Senders = new ReadOnlyCollection<int>([.. senders]);
        Times = new ReadOnlyCollection<double>([.. times]);
    }

    /// <summary>The node id of each spike's sender.</summary>
    public IReadOnlyList<int> Senders { get; }

    /// <summary>Each spike's time in ms.</summary>
    public IReadOnlyList<double> Times { get; }

    /// <summary>The number of spikes.</summary>
    public int Count => Senders.Count;
}
