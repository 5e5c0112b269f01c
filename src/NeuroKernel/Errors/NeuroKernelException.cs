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

/// <summary>A property (parameter or status key) has a bad name, type or value (NEST's <c>BadProperty</c>).</summary>
public class BadPropertyException : NeuroKernelException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="property">The offending key.</param>
    /// <param name="message">A sentence naming the key and the value.</param>
    public BadPropertyException(string property, string message) : base(message) => Property = property;

    /// <summary>Creates the exception without a property name.</summary>
    /// <param name="message">The message.</param>
    public BadPropertyException(string message) : base(message) => Property = string.Empty;

    /// <summary>Creates the exception with a generic message.</summary>
    public BadPropertyException() : base("Bad property.") => Property = string.Empty;

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public BadPropertyException(string message, Exception innerException) : base(message, innerException) => Property = string.Empty;

    /// <summary>The key that was wrong.</summary>
    public string Property { get; }
}

/// <summary>A model name that is not registered (NEST's <c>UnknownModelName</c>).</summary>
public class UnknownModelNameException : NeuroKernelException
{
    /// <summary>Creates the exception for a model name.</summary>
    /// <param name="modelName">The unknown name.</param>
    public UnknownModelNameException(string modelName)
        : base($"{modelName} is not a known model name.") => ModelName = modelName;

    /// <summary>Creates the exception with a generic message.</summary>
    public UnknownModelNameException() : base("Unknown model name.") => ModelName = string.Empty;

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public UnknownModelNameException(string message, Exception innerException) : base(message, innerException) => ModelName = string.Empty;

    /// <summary>The name that is not known.</summary>
    public string ModelName { get; }
}

/// <summary>CopyModel was given a new name that already exists (NEST's <c>NewModelNameExists</c>).</summary>
public class NewModelNameExistsException : NeuroKernelException
{
    /// <summary>Creates the exception for a model name.</summary>
    /// <param name="modelName">The name that exists.</param>
    public NewModelNameExistsException(string modelName)
        : base($"Model {modelName} is the name of an existing model and cannot be re-used.") => ModelName = modelName;

    /// <summary>Creates the exception with a generic message.</summary>
    public NewModelNameExistsException() : base("The model name exists.") => ModelName = string.Empty;

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public NewModelNameExistsException(string message, Exception innerException) : base(message, innerException) => ModelName = string.Empty;

    /// <summary>The name that exists.</summary>
    public string ModelName { get; }
}

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

/// <summary>A connection rule name that is not registered (NEST's <c>UnknownConnectionRule</c>... reported as BadProperty in NEST 3).</summary>
public class UnknownConnectionRuleException : NeuroKernelException
{
    /// <summary>Creates the exception for a rule name.</summary>
    /// <param name="rule">The unknown rule.</param>
    public UnknownConnectionRuleException(string rule) : base($"Unknown connection rule: rule = '{rule}'.") { }

    /// <summary>Creates the exception with a generic message.</summary>
    public UnknownConnectionRuleException() : base("Unknown connection rule.") { }

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public UnknownConnectionRuleException(string message, Exception innerException) : base(message, innerException) { }
}

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

/// <summary>A synaptic delay that is not allowed (NEST's <c>BadDelay</c>).</summary>
public class BadDelayException : NeuroKernelException
{
    /// <summary>Creates the exception for a delay.</summary>
    /// <param name="delay">The delay (ms).</param>
    /// <param name="message">Why it is bad.</param>
    public BadDelayException(double delay, string message) : base(message) => Delay = delay;

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public BadDelayException(string message) : base(message) { }

    /// <summary>Creates the exception with a generic message.</summary>
    public BadDelayException() : base("Bad delay.") { }

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public BadDelayException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The delay that was refused (ms).</summary>
    public double Delay { get; }
}

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
