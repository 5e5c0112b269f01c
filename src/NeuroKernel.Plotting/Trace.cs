namespace NeuroKernel.Plotting;

/// <summary>One sampled signal for <see cref="TracePlot"/>: its legend entry and its samples.</summary>
/// <param name="Label">The legend entry, e.g. <c>"neuron 3"</c>; empty for none.</param>
/// <param name="Times">The sample times in ms.</param>
/// <param name="Values">The sample values, one per time.</param>
public sealed record Trace(string Label, IReadOnlyList<double> Times, IReadOnlyList<double> Values);
