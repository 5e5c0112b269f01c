namespace NeuroKernel.Recording;

/// <summary>
/// A multimeter's request to sample one neuron: the recordables, the interval and the window, and the
/// samples taken since the last hand-over. The neuron's block fills it during its update (on the thread that
/// updates the neuron); the multimeter collects it when Simulate returns.
/// </summary>
internal sealed class SampleRequest(int local, int senderId, string[] names, long intervalSteps, long firstStamp, long lastStamp)
{
    /// <summary>Local index of the sampled neuron in its block.</summary>
    public int Local { get; } = local;

    public int SenderId { get; } = senderId;

    public string[] Names { get; } = names;

    public long IntervalSteps { get; } = intervalSteps;

    public long FirstStamp { get; } = firstStamp;

    public long LastStamp { get; } = lastStamp;

    /// <summary>Stamps (steps) of the samples taken.</summary>
    public List<long> Stamps { get; } = [];

    /// <summary>Values, <see cref="Names"/>.Length per sample.</summary>
    public List<double> Values { get; } = [];

    /// <summary>True when the step ending at <paramref name="stamp"/> is sampled.</summary>
    public bool Wants(long stamp) => stamp % IntervalSteps == 0 && stamp >= FirstStamp && stamp <= LastStamp;
}
