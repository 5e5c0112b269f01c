using System.Globalization;

namespace NeuroKernel.Kernel;

/// <summary>
/// Converts between milliseconds and integer steps of the resolution. Time inside the kernel is always a
/// step count (NEST's <c>Time</c>, Brian2's <c>timestep</c>); doubles appear only at the API boundary.
/// </summary>
internal readonly struct TimeGrid
{
    /// <summary>Relative tolerance for "is on the grid" tests, to absorb decimal representation errors (0.3/0.1).</summary>
    private const double GridTolerance = 1e-9;

    public TimeGrid(double resolution) => Resolution = resolution;

    /// <summary>Step size h (ms).</summary>
    public double Resolution { get; }

    /// <summary>ms → steps, rounding half up as NEST rounds delays (<c>floor(t/h + 0.5)</c>).</summary>
    public long RoundHalfUp(double ms) => (long)Math.Floor(ms / Resolution + 0.5);

    /// <summary>True when <paramref name="ms"/> is a multiple of the resolution (within rounding noise).</summary>
    public bool IsOnGrid(double ms, out long steps)
    {
        double x = ms / Resolution;
        double r = Math.Round(x);
        steps = (long)r;
        return Math.Abs(x - r) <= GridTolerance * Math.Max(1.0, Math.Abs(x));
    }

    /// <summary>Steps → ms.</summary>
    public double ToMs(long steps) => steps * Resolution;

    /// <summary>Time in ms of a finite or infinite bound, as steps (infinities saturate).</summary>
    public long ToStepsSaturating(double ms)
    {
        if (double.IsPositiveInfinity(ms) || ms / Resolution >= long.MaxValue / 4)
        {
            return long.MaxValue / 4;
        }

        if (double.IsNegativeInfinity(ms) || ms / Resolution <= long.MinValue / 4)
        {
            return long.MinValue / 4;
        }

        return (long)Math.Round(ms / Resolution);
    }

    public static string Format(double ms) => ms.ToString("R", CultureInfo.InvariantCulture);
}
