namespace NeuroKernel.Models;

/// <summary>A parameter or state variable of a <see cref="NeuronModelDefinition"/>: NEST's key and its default value.</summary>
/// <param name="Name">The key, e.g. <c>"tau_m"</c> or <c>"V_m"</c>.</param>
/// <param name="Value">The default (in the model's units).</param>
public readonly record struct ModelVariable(string Name, double Value);
