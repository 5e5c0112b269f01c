namespace NeuroKernel.Synapses;

/// <summary>The common properties of a synapse type that has none.</summary>
public readonly record struct NoCommonProperties;
