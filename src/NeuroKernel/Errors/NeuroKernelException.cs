namespace NeuroKernel;

/// <summary>
/// Base class of every error that NeuroKernel reports to its user (NEST's <c>KernelException</c>).
/// A call that throws one of these has changed nothing.
/// </summary>
public class NeuroKernelException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">A sentence that says what was wrong.</param>
    public NeuroKernelException(string message) : base(message) { }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    /// <param name="message">A sentence that says what was wrong.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public NeuroKernelException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates an exception with NEST's generic message.</summary>
    public NeuroKernelException() : base("NeuroKernel error.") { }
}
