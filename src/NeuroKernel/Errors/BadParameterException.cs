namespace NeuroKernel;

/// <summary>An argument of a kernel call has a bad value (NEST's <c>BadParameter</c>), e.g. a simulation time that is
/// negative or not a multiple of the resolution.</summary>
public class BadParameterException : NeuroKernelException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">A sentence naming the argument and its value.</param>
    public BadParameterException(string message) : base(message) { }

    /// <summary>Creates the exception with a generic message.</summary>
    public BadParameterException() : base("Bad parameter.") { }

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public BadParameterException(string message, Exception innerException) : base(message, innerException) { }
}
