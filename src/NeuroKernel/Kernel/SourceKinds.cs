namespace NeuroKernel.Kernel;

/// <summary>
/// What the sources of one Connect call send, the receptor (<c>receptor_type</c>) they address, and whether a weight given
/// as a number or an array is negative (which the conductance-based multisynapse models refuse).
/// </summary>
internal readonly record struct SourceKinds(bool PerTarget, bool Currents, int Receptor = 0, bool NegativeWeight = false);
