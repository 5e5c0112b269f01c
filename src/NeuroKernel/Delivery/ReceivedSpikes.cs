namespace NeuroKernel.Delivery;

/// <summary>
/// Received spikes of one sender: <see cref="Spikes"/> holds, lag by lag, indices relative to node index
/// <see cref="FirstIndex"/> (0-based), in ascending order.
/// </summary>
internal readonly record struct ReceivedSpikes(int FirstIndex, SpikeList Spikes);
