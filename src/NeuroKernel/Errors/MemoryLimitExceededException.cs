namespace NeuroKernel;

/// <summary>
/// A call would need more memory than the machine has (Create of too many nodes, a Connect of too many
/// connections, ring buffers for very long delays). It is refused up front, before anything is allocated.
/// </summary>
public class MemoryLimitExceededException : NeuroKernelException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What was asked and how much memory it needs.</param>
    public MemoryLimitExceededException(string message) : base(message) { }

    /// <summary>Creates the exception with a generic message.</summary>
    public MemoryLimitExceededException() : base("Not enough memory.") { }

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public MemoryLimitExceededException(string message, Exception innerException) : base(message, innerException) { }
}
