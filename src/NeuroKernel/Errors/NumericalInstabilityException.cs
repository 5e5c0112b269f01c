namespace NeuroKernel;

/// <summary>
/// A neuron's state left the range its model can integrate (NEST's <c>NumericalInstability</c>), e.g. an adaptive
/// exponential neuron whose V_m fell below −1000 mV or whose adaptation current w left ±10⁶ pA. The simulation stops at
/// the time step where it happened.
/// </summary>
public class NumericalInstabilityException : NeuroKernelException
{
    /// <summary>Creates the exception for a model.</summary>
    /// <param name="model">The model's name.</param>
    /// <param name="message">What left its range.</param>
    public NumericalInstabilityException(string model, string message) : base($"{model}: numerical instability: {message}") => Model = model;

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public NumericalInstabilityException(string message) : base(message) => Model = string.Empty;

    /// <summary>Creates the exception with a generic message.</summary>
    public NumericalInstabilityException() : base("Numerical instability.") => Model = string.Empty;

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public NumericalInstabilityException(string message, Exception innerException) : base(message, innerException) =>
        Model = (innerException as NumericalInstabilityException)?.Model ?? string.Empty;

    /// <summary>The model whose neuron became unstable (empty when not known).</summary>
    public string Model { get; }
}
