namespace NeuroKernel;

/// <summary>A synapse model name that is not registered (NEST's <c>UnknownSynapseType</c>).</summary>
public class UnknownSynapseTypeException : NeuroKernelException
{
    /// <summary>Creates the exception for a synapse model name.</summary>
    /// <param name="name">The unknown name.</param>
    public UnknownSynapseTypeException(string name) : base($"Synapse with name {name} does not exist.") { }

    /// <summary>Creates the exception with a generic message.</summary>
    public UnknownSynapseTypeException() : base("Unknown synapse type.") { }

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public UnknownSynapseTypeException(string message, Exception innerException) : base(message, innerException) { }
}
