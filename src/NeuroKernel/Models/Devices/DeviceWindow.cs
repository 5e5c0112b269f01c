using NeuroKernel.Kernel;

namespace NeuroKernel.Models.Devices;

/// <summary>
/// The activity window of a device (NEST's <c>start</c>, <c>stop</c>, <c>origin</c>, all ms): a device is
/// active for events stamped t with <c>origin + start &lt; t ≤ origin + stop</c>.
/// </summary>
internal sealed record DeviceWindow
{
    public double Start { get; init; }

    public double Stop { get; init; } = double.MaxValue;

    public double Origin { get; init; }

    public static DeviceWindow Default { get; } = new();

    public static readonly string[] Keys = [ParameterNames.Start, ParameterNames.Stop, ParameterNames.Origin];

    /// <summary>Reads start/stop/origin; with a <paramref name="grid"/> (nodes, not model defaults) they must lie on it.</summary>
    public DeviceWindow Read(ParameterReader r, TimeGrid? grid = null)
    {
        double start = Start, stop = Stop, origin = Origin;
        r.TryFinite(ParameterNames.Start, ref start);
        if (r.TryDouble(ParameterNames.Stop, ref stop) && double.IsPositiveInfinity(stop))
        {
            stop = double.MaxValue;
        }

        r.TryFinite(ParameterNames.Origin, ref origin);
        if (stop < start)
        {
            throw new BadPropertyException(ParameterNames.Stop,
                $"stop >= start required (start = {StatusDictionary.Describe(start)}, stop = {StatusDictionary.Describe(stop)}).");
        }

        var window = this with { Start = start, Stop = stop, Origin = origin };
        if (grid is { } g)
        {
            window.ToSteps(g, "device");
        }

        return window;
    }

    /// <summary>Checks that the window lies on the grid (called in Prepare, when the resolution is final).</summary>
    public (long FirstStamp, long LastStamp) ToSteps(TimeGrid grid, string owner)
    {
        foreach (var (key, value) in new[] { (ParameterNames.Start, Start), (ParameterNames.Origin, Origin) })
        {
            if (!grid.IsOnGrid(value, out _))
            {
                throw new BadPropertyException(key, $"{owner}: {key} must be a multiple of the resolution ({key} = {StatusDictionary.Describe(value)}).");
            }
        }

        if (Stop < double.MaxValue && !grid.IsOnGrid(Stop, out _))
        {
            throw new BadPropertyException(ParameterNames.Stop, $"{owner}: stop must be a multiple of the resolution (stop = {StatusDictionary.Describe(Stop)}).");
        }

        long first = grid.ToStepsSaturating(Origin + Start) + 1;
        long last = Stop >= double.MaxValue ? long.MaxValue / 4 : grid.ToStepsSaturating(Origin + Stop);
        return (first, last);
    }

    public void Write(StatusDictionary d)
    {
        d[ParameterNames.Start] = Start;
        d[ParameterNames.Stop] = Stop;
        d[ParameterNames.Origin] = Origin;
    }
}
