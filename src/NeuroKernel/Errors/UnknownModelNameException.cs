namespace NeuroKernel;

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
