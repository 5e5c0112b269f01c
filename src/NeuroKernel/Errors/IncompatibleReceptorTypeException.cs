namespace NeuroKernel;

/// <summary>
/// A connection addresses a receptor port the target does not have (NEST's <c>IncompatibleReceptorType</c>), e.g.
/// <c>receptor_type</c> 3 into an <c>iaf_psc_exp_multisynapse</c> neuron with two time constants in <c>tau_syn</c>.
/// </summary>
public class IncompatibleReceptorTypeException : IllegalConnectionException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">Which port of which node and model, and the ports it has.</param>
    public IncompatibleReceptorTypeException(string message) : base(message) { }

    /// <summary>Creates the exception with a generic message.</summary>
    public IncompatibleReceptorTypeException() : base("The receptor type is not accepted by the target.") { }

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public IncompatibleReceptorTypeException(string message, Exception innerException) : base(message, innerException) { }
}
