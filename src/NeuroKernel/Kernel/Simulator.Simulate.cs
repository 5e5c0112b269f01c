namespace NeuroKernel;

public sealed partial class Simulator
{
    /// <summary>
    /// Advances the network by <paramref name="timeMs"/> (NEST's <c>Simulate</c>). A second call continues
    /// exactly where the first stopped: <c>Simulate(a); Simulate(b)</c> gives the same result as
    /// <c>Simulate(a + b)</c>. Recorders hold, and their files contain, every event up to the new time
    /// when the call returns. With <c>local_num_threads</c> &gt; 1 the update and the delivery are split
    /// over threads; the result is bit for bit the same for every number of threads.
    /// </summary>
    /// <param name="timeMs">Time to simulate (ms): non-negative and a multiple of the resolution.</param>
    /// <exception cref="BadParameterException">The time is negative, not finite or not a multiple of the resolution.</exception>
    /// <exception cref="KernelStateErrorException">An earlier Simulate failed inside the loop; call ResetKernel.</exception>
    /// <exception cref="IOErrorException">A recorder's file exists and overwrite_files is false, or cannot be written.</exception>
    /// <exception cref="BadPropertyException">A device parameter does not fit the resolution.</exception>
    /// <exception cref="SimulationInterruptedException">The process received Ctrl-C (SIGINT); the run stopped at a slice
    /// boundary with all recorded data saved.</exception>
    public void Simulate(double timeMs)
    {
        using var call = _guard.Enter();
        _kernel.Simulation.Simulate(timeMs);
    }
}
