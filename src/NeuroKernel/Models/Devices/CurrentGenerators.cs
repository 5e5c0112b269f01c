using System.Runtime.CompilerServices;
using NeuroKernel.Delivery;
using NeuroKernel.Kernel;

namespace NeuroKernel.Models.Devices;

/// <summary>
/// A current generator (<c>dc_generator</c>, <c>ac_generator</c>, <c>step_current_generator</c>): its update computes each
/// node's current of every step of the slice (NEST's update, in the update phase), and the delivery sends it to every
/// target. The values of two slices are kept (by the slice's
/// buffer), because a thread may update the next slice while another still delivers this one.
/// </summary>
internal abstract class CurrentGeneratorBlock<TParameters>(NodeModel model, int firstId, int count, TParameters p)
    : DeviceBlock<TParameters>(model, firstId, count, p), IPerTargetSender
    where TParameters : class, IDeviceParameters<TParameters>
{
    private double[][] _currents = [[], []];
    private int _steps = 1;
    private long _stamp;
    private int _sampleBuffer;
    private int _sampleLag;
    private PerTargetRun[] _runs = [];
    private int _runsVersion = -1;

    public override bool HasUpdate => true;

    public override int SpikeCapacity(int count) => 0;

    public ReadOnlySpan<PerTargetRun> Runs => _runs;

    public Span<ulong> Streams => default;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Sends(int local, long stamp) => IsActive(local, stamp + 1) && !Silent(local);

    public (int Multiplicity, double Factor) EventOf(int local, int buffer, int lag, ref ulong stream, int connection) => (1, _currents[buffer][local * _steps + lag]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Random.PoissonSampler? FusedSampler(int local) => null;

    public override void Prepare(PrepareContext context)
    {
        base.Prepare(context);
        _steps = context.SliceSteps;
        if (_currents[0].Length != Count * _steps)
        {
            _currents = [new double[Count * _steps], new double[Count * _steps]];
        }

        if (_runsVersion != context.Connections.Version)
        {
            _runs = PerTargetRun.Build(context.Connections, FirstIndex, Count).Runs;
            _runsVersion = context.Connections.Version;
        }

        Start(context);
    }

    /// <summary>Sets the nodes' state for a run that starts at <see cref="PrepareContext.Step"/> (NEST's pre_run_hook).</summary>
    protected abstract void Start(PrepareContext context);

    /// <summary>Whether node <paramref name="local"/> sends nothing at all (dc_generator of amplitude 0): its targets are skipped.</summary>
    protected virtual bool Silent(int local) => false;

    /// <summary>
    /// Advances node <paramref name="local"/> over the step that starts at step index <paramref name="step"/> and returns
    /// its current (pA) in that step; <paramref name="active"/> says whether the device sends in it.
    /// </summary>
    protected abstract double Advance(int local, long step, bool active);

    public override void Update(in SliceContext slice, int start, int end, SpikeList spikes)
    {
        spikes.Clear();
        var currents = _currents[slice.Buffer];
        for (int lag = 0; lag < slice.Steps; lag++)
        {
            long stamp = slice.Step0 + lag + 1;
            for (int local = 0; local < Count; local++)
            {
                currents[local * _steps + lag] = Advance(local, stamp - 1, IsActive(local, stamp + 1));
            }

            (_stamp, _sampleBuffer, _sampleLag) = (stamp, slice.Buffer, lag);
            foreach (var request in SampleRequests)
            {
                Sample(request, _stamp);
            }
        }
    }

    public override double ReadRecordable(int local, string name) => _currents[_sampleBuffer][local * _steps + _sampleLag];
}

/// <summary>NEST's <c>ac_generator</c>: I(t) = offset + amplitude·sin(2π·frequency·t + phase) while active.</summary>
internal sealed class AcGeneratorModel() : DeviceModel<AcGeneratorParameters>("ac_generator", new())
{
    public override bool SendsSpikes => false;

    public override bool SendsCurrents => true;

    public override IReadOnlyList<string> Recordables { get; } = ["I"];

    public override NodeBlock CreateBlock(int firstId, int count) => new AcGeneratorBlock(this, firstId, count, Defaults);
}

/// <summary>ac_generator's parameters: amplitude and offset (pA), phase (degrees), frequency (Hz), and the window.</summary>
internal sealed record AcGeneratorParameters : IDeviceParameters<AcGeneratorParameters>
{
    public double Amplitude { get; init; }

    public double Offset { get; init; }

    public double Phase { get; init; }

    public double Frequency { get; init; }

    public DeviceWindow Window { get; init; } = DeviceWindow.Default;

    public AcGeneratorParameters Read(StatusDictionary values, string owner, TimeGrid? grid = null)
    {
        var r = new ParameterReader(values, owner);
        double amplitude = Amplitude, offset = Offset, phase = Phase, frequency = Frequency;
        r.TryFinite("amplitude", ref amplitude);
        r.TryFinite("offset", ref offset);
        r.TryFinite("phase", ref phase);
        r.TryFinite("frequency", ref frequency);
        var window = Window.Read(r, grid);
        r.ThrowIfUnused(NodeModel.CommonReadOnlyKeys);
        return this with { Amplitude = amplitude, Offset = offset, Phase = phase, Frequency = frequency, Window = window };
    }

    public StatusDictionary ToDictionary()
    {
        var d = new StatusDictionary { ["amplitude"] = Amplitude, ["offset"] = Offset, ["phase"] = Phase, ["frequency"] = Frequency };
        Window.Write(d);
        return d;
    }
}

/// <summary>
/// The oscillator of each ac_generator node, as NEST runs it: at the start of a run (y₀, y₁) = amplitude·(cos, sin)(ωt + φ)
/// with ω = 2π·frequency/1000 per ms; each step it is rotated by ωh, and I = y₁ + offset while active (0 otherwise).
/// </summary>
internal sealed class AcGeneratorBlock(AcGeneratorModel model, int firstId, int count, AcGeneratorParameters p)
    : CurrentGeneratorBlock<AcGeneratorParameters>(model, firstId, count, p)
{
    private readonly Oscillators _oscillators = new(count);

    protected override void Start(PrepareContext context)
    {
        for (int i = 0; i < Count; i++)
        {
            _oscillators.Start(i, Parameters[i].Amplitude, Parameters[i].Frequency, Parameters[i].Phase, context.Grid, context.Step);
        }
    }

    protected override double Advance(int local, long step, bool active)
    {
        double y1 = _oscillators.Rotate(local);
        return active ? y1 + Parameters[local].Offset : 0.0;
    }
}

/// <summary>NEST's <c>step_current_generator</c>: a piecewise constant current, amplitude_values[i] (pA) from amplitude_times[i] (ms) on.</summary>
internal sealed class StepCurrentGeneratorModel() : DeviceModel<StepCurrentGeneratorParameters>("step_current_generator", new())
{
    public override bool SendsSpikes => false;

    public override bool SendsCurrents => true;

    public override IReadOnlyList<string> Recordables { get; } = ["I"];

    public override NodeBlock CreateBlock(int firstId, int count) => new StepCurrentGeneratorBlock(this, firstId, count, Defaults);
}

/// <summary>
/// step_current_generator's parameters: amplitude_times (ms, strictly increasing, on the grid unless allow_offgrid_times,
/// which moves a time up to the next grid point), amplitude_values (pA, as many), and the window.
/// </summary>
internal sealed record StepCurrentGeneratorParameters : IDeviceParameters<StepCurrentGeneratorParameters>
{
    public double[] Times { get; init; } = [];

    public double[] Values { get; init; } = [];

    public bool AllowOffgridTimes { get; init; }

    public DeviceWindow Window { get; init; } = DeviceWindow.Default;

    public StepCurrentGeneratorParameters Read(StatusDictionary values, string owner, TimeGrid? grid = null)
    {
        var r = new ParameterReader(values, owner);
        var (times, amplitudes, offgrid) = Schedule.Read(r, owner, grid, ("amplitude_times", "amplitude_values"), (Times, Values, AllowOffgridTimes), nonNegative: false);
        var window = Window.Read(r, grid);
        r.ThrowIfUnused(NodeModel.CommonReadOnlyKeys);
        return this with { Times = times, Values = amplitudes, AllowOffgridTimes = offgrid, Window = window };
    }

    /// <summary>The step index at which each amplitude starts (NEST's time stamps): on the grid, or moved up to it when allowed.</summary>
    public static long[] StampSteps(double[] times, bool offgrid, TimeGrid grid, string owner)
    {
        var steps = new long[times.Length];
        for (int i = 0; i < times.Length; i++)
        {
            if (grid.IsOnGrid(times[i], out long s))
            {
                steps[i] = s;
            }
            else if (offgrid)
            {
                // Up to the next grid point (IsOnGrid's steps are the ones below).
                steps[i] = s + 1;
            }
            else
            {
                throw ParameterReader.Bad("amplitude_times", times[i],
                    $"{owner}: a time must be a multiple of the resolution ({StatusDictionary.Describe(grid.Resolution)} ms) unless allow_offgrid_times is true.");
            }
        }

        return steps;
    }

    public StatusDictionary ToDictionary()
    {
        var d = new StatusDictionary { ["amplitude_times"] = Times.ToArray(), ["amplitude_values"] = Values.ToArray(), ["allow_offgrid_times"] = AllowOffgridTimes };
        Window.Write(d);
        return d;
    }
}

/// <summary>
/// Each node's amplitude, as NEST changes it: one step ahead of its time stamp (so that the current is in place in the step
/// that ends at the stamp), and sent while active; the amplitude before the first stamp is 0.
/// </summary>
internal sealed class StepCurrentGeneratorBlock(StepCurrentGeneratorModel model, int firstId, int count, StepCurrentGeneratorParameters p)
    : CurrentGeneratorBlock<StepCurrentGeneratorParameters>(model, firstId, count, p)
{
    private readonly StepSchedules _schedules = new(count);

    protected override void Start(PrepareContext context)
    {
        for (int i = 0; i < Count; i++)
        {
            _schedules.Start(i, Parameters[i], Parameters[i].Times, Parameters[i].AllowOffgridTimes, context.Grid, Model.Name, context.Step);
        }
    }

    protected override double Advance(int local, long step, bool active)
    {
        double amplitude = _schedules.Advance(local, step, Parameters[local].Values);
        return active ? amplitude : 0.0;
    }
}

/// <summary>
/// NEST's <c>step_rate_generator</c>: a piecewise constant rate (amplitude_values from amplitude_times on, as
/// step_current_generator's schedule) for NEST's rate neurons. The library has no rate neurons yet, so it can be created,
/// set and recorded (its <c>rate</c>), but it cannot be the source of a connection.
/// </summary>
internal sealed class StepRateGeneratorModel() : DeviceModel<StepCurrentGeneratorParameters>("step_rate_generator", new())
{
    public override bool SendsSpikes => false;

    public override IReadOnlyList<string> Recordables { get; } = [ParameterNames.Rate];

    public override string? SourceRefusal =>
        "step_rate_generator sends rates to NEST's rate neurons (*_rate_*), which the library does not have; it can be recorded with a multimeter";

    public override NodeBlock CreateBlock(int firstId, int count) => new StepRateGeneratorBlock(this, firstId, count, Defaults);
}

/// <summary>step_rate_generator's nodes: the scheduled rate of each step while active (0 otherwise), for multimeters.</summary>
internal sealed class StepRateGeneratorBlock(StepRateGeneratorModel model, int firstId, int count, StepCurrentGeneratorParameters p)
    : DeviceBlock<StepCurrentGeneratorParameters>(model, firstId, count, p)
{
    private readonly StepSchedules _schedules = new(count);
    private readonly double[] _rates = new double[count];

    public override bool HasUpdate => true;

    public override int SpikeCapacity(int count) => 0;

    public override void Prepare(PrepareContext context)
    {
        base.Prepare(context);
        for (int i = 0; i < Count; i++)
        {
            _schedules.Start(i, Parameters[i], Parameters[i].Times, Parameters[i].AllowOffgridTimes, context.Grid, Model.Name, context.Step);
        }
    }

    public override void Update(in SliceContext slice, int start, int end, SpikeList spikes)
    {
        spikes.Clear();
        for (int lag = 0; lag < slice.Steps; lag++)
        {
            long stamp = slice.Step0 + lag + 1;
            for (int local = 0; local < Count; local++)
            {
                double rate = _schedules.Advance(local, stamp - 1, Parameters[local].Values);
                // Active as a current generator (NEST's is_active for delayed rate generators): one step later.
                _rates[local] = IsActive(local, stamp + 1) ? rate : 0.0;
            }

            foreach (var request in SampleRequests)
            {
                Sample(request, stamp);
            }
        }
    }

    public override double ReadRecordable(int local, string name) => _rates[local];
}
