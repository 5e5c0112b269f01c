namespace NeuroKernel;

/// <summary>A node id that does not exist (NEST's <c>UnknownNode</c>).</summary>
public class UnknownNodeException : NeuroKernelException
{
    /// <summary>Creates the exception for a node id.</summary>
    /// <param name="nodeId">The id that does not exist.</param>
    public UnknownNodeException(long nodeId) : base($"Node with id {nodeId} doesn't exist.") => NodeId = nodeId;

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public UnknownNodeException(string message) : base(message) { }

    /// <summary>Creates the exception with a generic message.</summary>
    public UnknownNodeException() : base("Unknown node.") { }

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public UnknownNodeException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The id that does not exist (0 when not known).</summary>
    public long NodeId { get; }
}
