namespace NeuroKernel.Plotting;

/// <summary>What the plots read from one recorder node: its status and the events it holds in memory.</summary>
internal static class RecorderEvents
{
    /// <summary>
    /// The status of the one node in <paramref name="recorder"/> and its <c>events</c>; throws <see cref="ArgumentException"/>
    /// (saying it is not a <paramref name="kind"/>) when the collection is not one node or the node holds no events.
    /// </summary>
    public static (StatusDictionary Status, StatusDictionary Events) Read(Simulator sim, NodeCollection recorder, string kind)
    {
        ArgumentNullException.ThrowIfNull(sim);
        ArgumentNullException.ThrowIfNull(recorder);
        if (recorder.Count != 1)
        {
            throw new ArgumentException($"Plot one {kind} at a time (got {recorder.Count} nodes).", nameof(recorder));
        }

        StatusDictionary status = sim.GetStatus(recorder);
        if (!status.TryGetValue(ParameterNames.Events, out object? value) || value is not StatusDictionary events)
        {
            throw new ArgumentException($"Node {recorder[0]} has no events; it is not a {kind}.", nameof(recorder));
        }

        return (status, events);
    }
}
