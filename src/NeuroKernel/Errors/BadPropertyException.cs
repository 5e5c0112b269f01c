namespace NeuroKernel;

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
