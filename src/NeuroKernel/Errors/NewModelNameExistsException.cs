namespace NeuroKernel;

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
