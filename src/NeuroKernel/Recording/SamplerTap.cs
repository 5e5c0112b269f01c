namespace NeuroKernel.Recording;

/// <summary>A multimeter connection (the multimeter is the source, as in NEST): it becomes a sample request in Prepare.</summary>
internal readonly record struct SamplerTap(int Meter, int Target, SamplerTapInfo Info);
