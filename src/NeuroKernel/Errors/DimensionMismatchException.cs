namespace NeuroKernel;

/// <summary>Two collections or arrays that must have equal sizes do not (NEST's <c>DimensionMismatch</c>).</summary>
public class DimensionMismatchException : NeuroKernelException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">A sentence naming both sizes.</param>
    public DimensionMismatchException(string message) : base(message) { }

    /// <summary>Creates the exception with a generic message.</summary>
    public DimensionMismatchException() : base("Dimension mismatch.") { }

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DimensionMismatchException(string message, Exception innerException) : base(message, innerException) { }
}
