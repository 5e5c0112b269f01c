namespace NeuroKernel;

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
