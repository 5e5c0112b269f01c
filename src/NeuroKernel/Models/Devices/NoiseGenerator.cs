using System.Runtime.CompilerServices;
using NeuroKernel.Delivery;
using NeuroKernel.Kernel;
using NeuroKernel.Random;

namespace NeuroKernel.Models.Devices;

/// <summary>NEST's <c>noise_generator</c>: each target gets its own Gaussian current, drawn anew every dt.</summary>
internal sealed class NoiseGeneratorModel() : DeviceModel<NoiseGeneratorParameters>("noise_generator", new())
{
    public override bool SendsSpikes => false;

    public override bool SendsCurrents => true;

    public override IReadOnlyList<string> Recordables { get; } = ["I"];

    public override NodeBlock CreateBlock(int firstId, int count) => new NoiseGeneratorBlock(this, firstId, count, Defaults);
}

/// <summary>
/// noise_generator's parameters: mean and std (pA) of the current, dt (ms, a multiple of the resolution) between draws,
/// and the modulation of the variance: σ(t)² = std² + std_mod²·sin(2π·frequency·t + phase) (std_mod ≤ std, pA; frequency
/// Hz; phase degrees).
/// </summary>
internal sealed record NoiseGeneratorParameters : IDeviceParameters<NoiseGeneratorParameters>
{
    public double Mean { get; init; }

    public double Std { get; init; }

    public double Dt { get; init; } = 1.0;

    public double StdMod { get; init; }

    public double Frequency { get; init; }

    public double Phase { get; init; }

    public DeviceWindow Window { get; init; } = DeviceWindow.Default;

    public NoiseGeneratorParameters Read(StatusDictionary values, string owner, TimeGrid? grid = null)
    {
        var r = new ParameterReader(values, owner);
        double mean = Mean, std = Std, dt = Dt, stdMod = StdMod, frequency = Frequency, phase = Phase;
        r.TryFinite("mean", ref mean);
        r.TryFinite("std", ref std);
        r.TryFinite("dt", ref dt);
        r.TryFinite("std_mod", ref stdMod);
        r.TryFinite("frequency", ref frequency);
        r.TryFinite("phase", ref phase);
        var window = Window.Read(r, grid);
        r.ThrowIfUnused(NodeModel.CommonReadOnlyKeys);
        if (std < 0.0)
        {
            throw ParameterReader.Bad("std", std, "The standard deviation cannot be negative.");
        }

        if (stdMod < 0.0)
        {
            throw ParameterReader.Bad("std_mod", stdMod, "The standard deviation cannot be negative.");
        }

        if (stdMod > std)
        {
            throw ParameterReader.Bad("std_mod", stdMod, $"The modulation amplitude must be smaller or equal to the baseline amplitude (std = {StatusDictionary.Describe(std)}).");
        }

        if (dt <= 0.0)
        {
            throw ParameterReader.Bad("dt", dt, "dt must be strictly positive.");
        }

        if (grid is { } g)
        {
            DtSteps(dt, g);
        }

        return this with { Mean = mean, Std = std, Dt = dt, StdMod = stdMod, Frequency = frequency, Phase = phase, Window = window };
    }

    /// <summary>dt in steps; a dt that is not a multiple of the resolution is a <see cref="BadPropertyException"/>.</summary>
    public static long DtSteps(double dt, TimeGrid grid) =>
        grid.IsOnGrid(dt, out long steps) && steps > 0
            ? steps
            : throw ParameterReader.Bad("dt", dt, $"dt must be a multiple of the simulation resolution ({StatusDictionary.Describe(grid.Resolution)} ms).");

    public StatusDictionary ToDictionary()
    {
        var d = new StatusDictionary
        {
            ["mean"] = Mean, ["std"] = Std, ["dt"] = Dt, ["std_mod"] = StdMod, ["frequency"] = Frequency, ["phase"] = Phase,
        };
        Window.Write(d);
        return d;
    }
}

/// <summary>
/// NEST's update, with each target's draw keyed instead of streamed: every dt (counted from the first active step, as
/// NEST counts it) node i starts interval k with σ from the modulation at that step, and the current of connection c in
/// that interval is mean + σ·Z, Z standard normal from the connection's key and k. The key is the connection's stream
/// seed (<see cref="PerTargetStreams"/>, from the kernel's seed, the generator, the target and the ordinal), so the
/// currents are the same for any thread count, and a target keeps its current for the whole interval without storing it.
/// </summary>
internal sealed class NoiseGeneratorBlock(NoiseGeneratorModel model, int firstId, int count, NoiseGeneratorParameters p)
    : DeviceBlock<NoiseGeneratorParameters>(model, firstId, count, p), IPerTargetSender
{
    private readonly PerTargetStreams _streams = new();
    private readonly Oscillators _oscillators = new(count);
    private readonly long[] _next = new long[count];
    private readonly long[] _interval = new long[count];
    private readonly double[] _sigma = new double[count];
    private (long Interval, double Sigma)[][] _lags = [[], []];
    private (long Begin, long End)[] _ranges = [];
    private long[] _dtSteps = [];
    private int _steps = 1;
    private int _sampleBuffer;
    private int _sampleLag;
    private long _sampleStamp;

    public override bool HasUpdate => true;

    public override int SpikeCapacity(int count) => 0;

    public ReadOnlySpan<PerTargetRun> Runs => _streams.Runs;

    public Span<ulong> Streams => _streams.Streams;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Sends(int local, long stamp) => IsActive(local, stamp + 1);

    public (int Multiplicity, double Factor) EventOf(int local, int buffer, int lag, ref ulong stream, int connection) => (1, Current(local, _lags[buffer][local * _steps + lag], stream));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public PoissonSampler? FusedSampler(int local) => null;

    public override void Prepare(PrepareContext context)
    {
        base.Prepare(context);
        _steps = context.SliceSteps;
        if (_lags[0].Length != Count * _steps)
        {
            _lags = [new (long, double)[Count * _steps], new (long, double)[Count * _steps]];
        }

        _dtSteps = [.. Parameters.Select(q => NoiseGeneratorParameters.DtSteps(q.Dt, context.Grid))];
        for (int i = 0; i < Count; i++)
        {
            _oscillators.Start(i, 1.0, Parameters[i].Frequency, Parameters[i].Phase, context.Grid, context.Step);
        }

        _streams.Update(context.Connections, context.Seed, FirstIndex, FirstId, Count);
        _ranges = new (long, long)[Count];
        var runs = _streams.Runs;
        for (int k = 0; k < runs.Length; k++)
        {
            long end = k + 1 < runs.Length ? runs[k + 1].StreamOffset : _streams.Streams.Length;
            ref var range = ref _ranges[runs[k].Local];
            range = range.End == 0 ? (runs[k].StreamOffset, end) : (range.Begin, end);
        }
    }

    public override void Update(in SliceContext slice, int start, int end, SpikeList spikes)
    {
        spikes.Clear();
        var lags = _lags[slice.Buffer];
        for (int lag = 0; lag < slice.Steps; lag++)
        {
            long now = slice.Step0 + lag;
            for (int local = 0; local < Count; local++)
            {
                if (!IsActive(local, now + 2))
                {
                    continue;
                }

                var q = Parameters[local];
                double y1 = q.StdMod != 0.0 ? _oscillators.Rotate(local) : 0.0;
                if (now >= _next[local])
                {
                    _interval[local]++;
                    _sigma[local] = Math.Sqrt(q.Std * q.Std + y1 * q.StdMod * q.StdMod);
                    _next[local] = now + _dtSteps[local];
                }

                lags[local * _steps + lag] = (_interval[local], _sigma[local]);
            }

            (_sampleBuffer, _sampleLag, _sampleStamp) = (slice.Buffer, lag, now + 1);
            foreach (var request in SampleRequests)
            {
                Sample(request, now + 1);
            }
        }
    }

    /// <summary>The mean over the node's targets of their currents in the sampled step (NEST's I_avg; 0 while inactive or without targets).</summary>
    public override double ReadRecordable(int local, string name)
    {
        var (begin, end) = _ranges.Length > local ? _ranges[local] : (0, 0);
        if (end <= begin || !IsActive(local, _sampleStamp + 1))
        {
            return 0.0;
        }

        var lag = _lags[_sampleBuffer][local * _steps + _sampleLag];
        var streams = _streams.Streams;
        double sum = 0.0;
        for (long c = begin; c < end; c++)
        {
            sum += Current(local, lag, streams[(int)c]);
        }

        return sum / (end - begin);
    }

    /// <summary>mean + σ·Z for a connection whose key is <paramref name="key"/>, in interval <paramref name="at"/>.Interval (Box–Muller from two keyed uniforms).</summary>
    private double Current(int local, (long Interval, double Sigma) at, ulong key)
    {
        ulong state = SplitMix64.Derive(key, (ulong)at.Interval);
        double u1 = 1.0 - SplitMix64.NextDouble(ref state);
        double u2 = SplitMix64.NextDouble(ref state);
        double z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return Parameters[local].Mean + at.Sigma * z;
    }
}
