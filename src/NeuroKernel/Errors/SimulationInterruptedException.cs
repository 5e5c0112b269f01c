namespace NeuroKernel;

/// <summary>
/// Simulate stopped early because the process received an interrupt (Ctrl-C, SIGINT). The kernel stopped at
/// a slice boundary: recorders hold and their files contain everything up to <see cref="TimeMs"/>, and a
/// later Simulate continues from there.
/// </summary>
public class SimulationInterruptedException : NeuroKernelException
{
    /// <summary>Creates the exception for the time reached.</summary>
    /// <param name="timeMs">Biological time when the simulation stopped (ms).</param>
    public SimulationInterruptedException(double timeMs)
        : base($"Simulation interrupted at t = {timeMs.ToString(System.Globalization.CultureInfo.InvariantCulture)} ms; recorded data up to then is saved.") =>
        TimeMs = timeMs;

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public SimulationInterruptedException(string message) : base(message) { }

    /// <summary>Creates the exception with a generic message.</summary>
    public SimulationInterruptedException() : base("Simulation interrupted.") { }

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SimulationInterruptedException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Biological time when the simulation stopped (ms).</summary>
    public double TimeMs { get; }
}
