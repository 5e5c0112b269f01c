namespace NeuroKernel.Models.Neurons;

/// <summary>The numbers a model derives from its parameters for one step, which the update needs finite.</summary>
internal interface IPropagators
{
    /// <summary>The first derived number that is NaN or infinite, with its name; null when all are finite.</summary>
    (string Name, double Value)? FirstNonFinite();
}
