namespace NeuroKernel;

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
