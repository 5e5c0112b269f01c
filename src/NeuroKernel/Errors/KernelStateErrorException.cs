namespace NeuroKernel;

/// <summary>The kernel is not in a state that allows the call (NEST's <c>KernelException</c> for state errors).</summary>
public class KernelStateErrorException : NeuroKernelException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What state forbids the call.</param>
    public KernelStateErrorException(string message) : base(message) { }

    /// <summary>Creates the exception with a generic message.</summary>
    public KernelStateErrorException() : base("The kernel is in a state that does not allow this call.") { }

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public KernelStateErrorException(string message, Exception innerException) : base(message, innerException) { }
}
