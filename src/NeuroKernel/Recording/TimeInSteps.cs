using NeuroKernel.Kernel;
using NeuroKernel.Models;

namespace NeuroKernel.Recording;

/// <summary>
/// NEST's <c>time_in_steps</c> of the recorders: events and files give each time as a whole number of steps and an offset
/// (ms; 0 on the grid, where every event of this kernel lies) instead of ms. It is chosen before the first Simulate.
/// </summary>
internal static class TimeInSteps
{
    public const string Key = "time_in_steps";

    public const string Offsets = "offsets";

    /// <summary>Reads <c>time_in_steps</c>; changing it after the kernel has simulated is NEST's BadProperty.</summary>
    public static bool Read(ParameterReader r, bool current, bool simulated)
    {
        bool value = current;
        if (r.TryBool(Key, ref value) && value != current && simulated)
        {
            throw new BadPropertyException(Key, $"Property time_in_steps cannot be set after Simulate has been called (time_in_steps = {value}).");
        }

        return value;
    }

    /// <summary>The events' <c>times</c>: ms, or steps (<c>long[]</c>) with <c>offsets</c> (ms, all 0).</summary>
    public static void WriteTimes(StatusDictionary events, List<double> times, bool inSteps, TimeGrid grid)
    {
        if (!inSteps)
        {
            events[ParameterNames.Times] = times.ToArray();
            return;
        }

        events[ParameterNames.Times] = times.Select(t => grid.RoundHalfUp(t)).ToArray();
        events[Offsets] = new double[times.Count];
    }
}
