namespace NeuroKernel.Models.Neurons;

/// <summary>
/// Marks a propagator property that carries a parameter's bound rather than a derived number (V_min), where −∞ means "no
/// bound": <see cref="PropagatorCheck{TPropagators}"/> accepts −∞ there and nowhere else.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class BoundAttribute : Attribute;
