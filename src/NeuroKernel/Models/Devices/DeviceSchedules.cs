using NeuroKernel.Kernel;

namespace NeuroKernel.Models.Devices;

/// <summary>
/// The sine oscillators of ac_generator and sinusoidal_poisson_generator, as NEST runs them: at the start of a run at
/// time t, (y₀, y₁) = amplitude·(cos, sin)(ωt + φ) with ω = 2π·frequency/1000 per ms and φ = phase·2π/360; every step the
/// pair is rotated by ωh.
/// </summary>
internal sealed class Oscillators(int count)
{
    private readonly double[] _y0 = new double[count];
    private readonly double[] _y1 = new double[count];
    private readonly (double A00, double A01, double A10, double A11)[] _rotation = new (double, double, double, double)[count];

    /// <summary>Starts node <paramref name="i"/>'s oscillator at step <paramref name="step"/>.</summary>
    public void Start(int i, double amplitude, double frequency, double phase, TimeGrid grid, long step)
    {
        double h = grid.Resolution;
        double t = grid.ToMs(step);
        double omega = 2.0 * Math.PI * frequency / 1000.0;
        double phi = phase * 2.0 * Math.PI / 360.0;
        _y0[i] = amplitude * Math.Cos(omega * t + phi);
        _y1[i] = amplitude * Math.Sin(omega * t + phi);
        _rotation[i] = (Math.Cos(omega * h), -Math.Sin(omega * h), Math.Sin(omega * h), Math.Cos(omega * h));
    }

    /// <summary>Rotates node <paramref name="i"/>'s oscillator by one step and returns its y₁.</summary>
    public double Rotate(int i)
    {
        var (a00, a01, a10, a11) = _rotation[i];
        double y0 = _y0[i];
        _y0[i] = a00 * y0 + a01 * _y1[i];
        _y1[i] = a10 * y0 + a11 * _y1[i];
        return _y1[i];
    }
}

/// <summary>
/// Piecewise constant schedules (step_current_generator's amplitudes, inhomogeneous_poisson_generator's rates) as NEST
/// runs them: a value takes effect one step ahead of its time stamp, so that it is in place in the step that ends at the
/// stamp; 0 before the first. At the start of a run, times that are not in the future are skipped (their values are not
/// applied), as NEST skips them; new times start the schedule over and keep the value in force.
/// </summary>
internal sealed class StepSchedules(int count)
{
    private readonly long[][] _stamps = new long[count][];
    private readonly int[] _next = new int[count];
    private readonly double[] _value = new double[count];
    private readonly double[]?[] _times = new double[]?[count];
    private readonly object?[] _started = new object?[count];

    /// <summary>
    /// Prepares node <paramref name="i"/>'s schedule for a run from step <paramref name="now"/> (a record of parameters:
    /// unchanged parameters keep the position).
    /// </summary>
    public void Start(int i, object parameters, double[] times, bool offgrid, TimeGrid grid, string owner, long now)
    {
        if (!ReferenceEquals(_started[i], parameters))
        {
            _stamps[i] = StepCurrentGeneratorParameters.StampSteps(times, offgrid, grid, owner);
            if (_times[i] is null || !_times[i]!.AsSpan().SequenceEqual(times))
            {
                _next[i] = 0;
            }

            (_started[i], _times[i]) = (parameters, times);
        }

        while (_next[i] < _stamps[i].Length && _stamps[i][_next[i]] <= now)
        {
            _next[i]++;
        }
    }

    /// <summary>Node <paramref name="i"/>'s value in the step that starts at step index <paramref name="step"/>.</summary>
    public double Advance(int i, long step, double[] values)
    {
        long[] stamps = _stamps[i];
        if (_next[i] < stamps.Length && step + 1 == stamps[_next[i]])
        {
            _value[i] = values[_next[i]];
            _next[i]++;
        }

        return _value[i];
    }
}

/// <summary>
/// Reading a schedule's parameters (step_current_generator, inhomogeneous_poisson_generator): times and values of equal
/// length, strictly increasing times on the grid (or moved up to it with allow_offgrid_times), values ≥ 0 where they are
/// rates.
/// </summary>
internal static class Schedule
{
    public static (double[] Times, double[] Values, bool Offgrid) Read(ParameterReader r, string owner, TimeGrid? grid, (string Times, string Values) keys,
        (double[] Times, double[] Values, bool Offgrid) current, bool nonNegative)
    {
        var (times, values, offgrid) = current;
        r.TryBool("allow_offgrid_times", ref offgrid);
        bool newTimes = r.TryDoubleArray(keys.Times, ref times);
        r.TryDoubleArray(keys.Values, ref values);
        if (times.Length != values.Length)
        {
            throw new BadParameterException($"{owner}: {keys.Times} and {keys.Values} must have the same size ({times.Length} and {values.Length}).");
        }

        for (int i = 0; i < times.Length; i++)
        {
            if (i > 0 && times[i] <= times[i - 1])
            {
                throw ParameterReader.Bad(keys.Times, times[i], $"{owner}: {keys.Times} must be strictly increasing (after {StatusDictionary.Describe(times[i - 1])}).");
            }

            if (nonNegative && values[i] < 0.0)
            {
                throw ParameterReader.Bad(keys.Values, values[i], $"{owner}: {keys.Values} must not be negative.");
            }
        }

        if (grid is { } g && (newTimes || offgrid != current.Offgrid))
        {
            _ = StepCurrentGeneratorParameters.StampSteps(times, offgrid, g, owner);
        }

        return (times, values, offgrid);
    }
}
