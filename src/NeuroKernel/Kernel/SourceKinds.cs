namespace NeuroKernel.Kernel;

/// <summary>What the sources of one Connect call send, and the receptor (<c>receptor_type</c>) they address.</summary>
internal readonly record struct SourceKinds(bool PerTarget, bool Currents, int Receptor = 0);
