namespace NeuroKernel.Recording;

/// <summary>What GetConnections reports for a multimeter connection.</summary>
internal readonly record struct SamplerTapInfo(int SynapseModel, double Weight, int DelaySteps);
