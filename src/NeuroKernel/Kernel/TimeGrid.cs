using System.Globalization;

namespace NeuroKernel.Kernel;

/// <summary>
/// Converts between milliseconds and integer steps of the resolution. Time inside the kernel is always a
/// step count (NEST's <c>Time</c>, Brian2's <c>timestep</c>); doubles appear only at the API boundary.
/// </summary>
internal readonly struct TimeGrid
{
    /// <summary>NEST's clock tick: 1 µs (<c>ms_per_tic</c>; NEST multiplies tics by it to report ms).</summary>
    public const double MsPerTic = 0.001;

    /// <summary>Tics per ms (<c>tics_per_ms</c>; NEST multiplies ms by it and rounds to get tics).</summary>
    public const double TicsPerMs = 1000.0;

    /// <summary>
    /// True when <paramref name="resolution"/> (ms) is a positive whole number of tics, within a relative 10⁻⁹ that absorbs
    /// decimal representation errors (0.1 · 1000 = 100.00000000000001).
    /// </summary>
    public static bool IsTicMultiple(double resolution) =>
        resolution > 0.0 && Math.Abs(resolution * TicsPerMs - Math.Round(resolution * TicsPerMs)) <= 1e-9 * resolution * TicsPerMs;

    public TimeGrid(double resolution)
    {
        Resolution = resolution;
        StepsPerMs = 1.0 / resolution;
        TicsPerStep = Math.Max(1L, (long)Math.Round(resolution / MsPerTic));
    }

    /// <summary>Step size h (ms).</summary>
    public double Resolution { get; }

    /// <summary>1/h, as NEST keeps it (exactly 10 at h = 0.1, where 0.15/0.1 would give 1.4999…).</summary>
    public double StepsPerMs { get; }

    /// <summary>Tics (µs) per step.</summary>
    public long TicsPerStep { get; }

    /// <summary>ms → steps, rounding half up as NEST rounds delays (<c>floor(t·steps_per_ms + 0.5)</c>).</summary>
    public long RoundHalfUp(double ms) => (long)Math.Floor(ms * StepsPerMs + 0.5);

    /// <summary>
    /// The largest time the kernel's clock holds: 2⁶² tics (about 4.6·10¹⁵ ms, 146 years). Simulate refuses to go past it
    /// and the resolution may not exceed it.
    /// </summary>
    public const double MaxMs = (double)MaxTics * MsPerTic;

    /// <summary>2⁶² tics: step counts and tic counts up to this stay far from overflow in sums of two of them.</summary>
    private const long MaxTics = 1L << 62;

    /// <summary>
    /// True when <paramref name="ms"/> is a multiple of the resolution, tested as NEST tests it: the time is rounded to
    /// whole tics (µs) and the tics must be a whole number of steps (so 0.3 is 3 steps of 0.1 ms, and 50000000.05 is not
    /// on the grid). Times beyond <see cref="MaxMs"/> are taken as on the grid, with a saturated step count: they stand
    /// for "never" in device windows and spike times, and Simulate refuses them separately.
    /// </summary>
    public bool IsOnGrid(double ms, out long steps)
    {
        double tics = Math.Round(ms * TicsPerMs);
        if (Math.Abs(tics) >= MaxTics)
        {
            steps = ms > 0 ? long.MaxValue / 4 : long.MinValue / 4;
            return true;
        }

        long whole = (long)tics;
        steps = whole / TicsPerStep;
        return whole % TicsPerStep == 0;
    }

    /// <summary>Steps → ms as NEST reports times: tics × ms_per_tic (3 steps of 0.1 ms are 0.3, not 0.30000000000000004).</summary>
    public double ToMs(long steps) => steps * TicsPerStep * MsPerTic;

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
