namespace NeuroKernel;

/// <summary>A file could not be written as asked (NEST's <c>IOError</c>), e.g. it exists and
/// <c>overwrite_files</c> is false.</summary>
public class IOErrorException : NeuroKernelException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">A sentence naming the file and what to change.</param>
    public IOErrorException(string message) : base(message) { }

    /// <summary>Creates the exception with a generic message.</summary>
    public IOErrorException() : base("I/O error.") { }

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public IOErrorException(string message, Exception innerException) : base(message, innerException) { }
}
