namespace NeuroKernel;

/// <summary>A connection that the models involved cannot make (NEST's <c>IllegalConnection</c>).</summary>
public class IllegalConnectionException : NeuroKernelException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is illegal about the connection.</param>
    public IllegalConnectionException(string message) : base(message) { }

    /// <summary>Creates the exception with a generic message.</summary>
    public IllegalConnectionException() : base("Creation of connection is not possible.") { }

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public IllegalConnectionException(string message, Exception innerException) : base(message, innerException) { }
}
