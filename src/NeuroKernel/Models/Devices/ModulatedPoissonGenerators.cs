using System.Runtime.CompilerServices;
using NeuroKernel.Delivery;
using NeuroKernel.Kernel;
using NeuroKernel.Random;

namespace NeuroKernel.Models.Devices;

/// <summary>
/// A Poisson generator whose rate changes from step to step (<c>sinusoidal_poisson_generator</c>,
/// <c>inhomogeneous_poisson_generator</c>): its update computes each node's rate of every step of the slice, and the
/// delivery draws each target's count from the connection's own stream (<see cref="PerTargetStreams"/>), or sends every
/// target the node's one count where the node has a single spike train. Two slices are kept (by the slice's buffer).
/// </summary>
internal abstract class ModulatedPoissonBlock<TParameters>(NodeModel model, int firstId, int count, TParameters p)
    : DeviceBlock<TParameters>(model, firstId, count, p), IPerTargetSender
    where TParameters : class, IDeviceParameters<TParameters>
{
    private readonly PerTargetStreams _streams = new();
    private double[][] _means = [[], []];
    private double[][] _rates = [[], []];
    private int[][] _shared = [[], []];
    private ulong[] _own = [];
    private ulong _ownSeed;
    private int _steps = 1;
    private double _h = 0.1;
    private int _sampleBuffer;
    private int _sampleLag;

    public override bool HasUpdate => true;

    public override int SpikeCapacity(int count) => 0;

    public ReadOnlySpan<PerTargetRun> Runs => _streams.Runs;

    public Span<ulong> Streams => _streams.Streams;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Sends(int local, long stamp) => IsActive(local, stamp);

    public (int Multiplicity, double Factor) EventOf(int local, int buffer, int lag, ref ulong stream, int connection)
    {
        int at = local * _steps + lag;
        return (Individual(local) ? PoissonDraw.Sample(_means[buffer][at], ref stream) : Share(local, _shared[buffer][at], ref stream), 1.0);
    }

    /// <summary>What a target gets of node <paramref name="local"/>'s one train in a step: all of its <paramref name="count"/> spikes (mip_generator thins them).</summary>
    protected virtual int Share(int local, int count, ref ulong stream) => count;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public PoissonSampler? FusedSampler(int local) => null;

    public override void Prepare(PrepareContext context)
    {
        base.Prepare(context);
        _steps = context.SliceSteps;
        _h = context.Grid.Resolution;
        if (_means[0].Length != Count * _steps)
        {
            _means = [new double[Count * _steps], new double[Count * _steps]];
            _rates = [new double[Count * _steps], new double[Count * _steps]];
            _shared = [new int[Count * _steps], new int[Count * _steps]];
        }

        if (_own.Length != Count || _ownSeed != context.Seed)
        {
            _ownSeed = context.Seed;
            // A node's single spike train (individual_spike_trains false) draws from a stream of its own.
            _own = [.. Enumerable.Range(0, Count).Select(i => RandomManager.PerTargetStream(context.Seed, FirstId + i, -1, 0))];
        }

        _streams.Update(context.Connections, context.Seed, FirstIndex, FirstId, Count);
        Start(context);
    }

    /// <summary>Sets the nodes' state for a run that starts at <see cref="PrepareContext.Step"/>.</summary>
    protected abstract void Start(PrepareContext context);

    /// <summary>Advances node <paramref name="local"/> over the step that starts at step index <paramref name="step"/> and returns its rate (Hz) there.</summary>
    protected abstract double Advance(int local, long step);

    /// <summary>Whether node <paramref name="local"/> draws for each target apart (true) or sends one train to all.</summary>
    protected abstract bool Individual(int local);

    public override void Update(in SliceContext slice, int start, int end, SpikeList spikes)
    {
        spikes.Clear();
        var means = _means[slice.Buffer];
        var rates = _rates[slice.Buffer];
        var shared = _shared[slice.Buffer];
        for (int lag = 0; lag < slice.Steps; lag++)
        {
            long stamp = slice.Step0 + lag + 1;
            for (int local = 0; local < Count; local++)
            {
                double rate = Math.Max(0.0, Advance(local, stamp - 1));
                double mean = IsActive(local, stamp) ? rate * _h / 1000.0 : 0.0;
                means[local * _steps + lag] = mean;
                rates[local * _steps + lag] = rate;
                shared[local * _steps + lag] = Individual(local) ? 0 : PoissonDraw.Sample(mean, ref _own[local]);
            }

            (_sampleBuffer, _sampleLag) = (slice.Buffer, lag);
            foreach (var request in SampleRequests)
            {
                Sample(request, stamp);
            }
        }
    }

    /// <summary>The rate (Hz, at least 0) of the sampled step, also while inactive (as NEST records it).</summary>
    public override double ReadRecordable(int local, string name) => _rates[_sampleBuffer][local * _steps + _sampleLag];
}

/// <summary>Poisson counts of any mean from a SplitMix64 stream, by inversion (means above 30 as sums of smaller ones).</summary>
internal static class PoissonDraw
{
    private const double Chunk = 30.0;

    public static int Sample(double mean, ref ulong state)
    {
        if (mean <= 0.0)
        {
            return 0;
        }

        int total = 0;
        while (mean > Chunk)
        {
            total += Invert(Chunk, ref state);
            mean -= Chunk;
        }

        return total + Invert(mean, ref state);
    }

    private static int Invert(double mean, ref ulong state)
    {
        double u = SplitMix64.NextDouble(ref state);
        double p = Math.Exp(-mean);
        double cumulative = p;
        int k = 0;
        while (u >= cumulative && p > 0.0)
        {
            k++;
            p *= mean / k;
            cumulative += p;
        }

        return k;
    }
}

/// <summary>NEST's <c>sinusoidal_poisson_generator</c>: Poisson spikes at rate(t) = rate + amplitude·sin(2π·frequency·t + phase), cut at 0.</summary>
internal sealed class SinusoidalPoissonGeneratorModel() : DeviceModel<SinusoidalPoissonParameters>("sinusoidal_poisson_generator", new())
{
    public override bool SendsSpikes => true;

    public override bool SendsPerTargetSpikes => true;

    public override IReadOnlyList<string> Recordables { get; } = [ParameterNames.Rate];

    public override NodeBlock CreateBlock(int firstId, int count) => new SinusoidalPoissonBlock(this, firstId, count, Defaults);
}

/// <summary>
/// sinusoidal_poisson_generator's parameters: rate and amplitude (Hz), frequency (Hz), phase (degrees),
/// individual_spike_trains (a train per target, or one train to all), and the window.
/// </summary>
internal sealed record SinusoidalPoissonParameters : IDeviceParameters<SinusoidalPoissonParameters>
{
    public double Rate { get; init; }

    public double Amplitude { get; init; }

    public double Frequency { get; init; }

    public double Phase { get; init; }

    public bool IndividualSpikeTrains { get; init; } = true;

    public DeviceWindow Window { get; init; } = DeviceWindow.Default;

    public SinusoidalPoissonParameters Read(StatusDictionary values, string owner, TimeGrid? grid = null)
    {
        var r = new ParameterReader(values, owner);
        double rate = Rate, amplitude = Amplitude, frequency = Frequency, phase = Phase;
        bool individual = IndividualSpikeTrains;
        r.TryFinite(ParameterNames.Rate, ref rate);
        r.TryFinite("amplitude", ref amplitude);
        r.TryFinite("frequency", ref frequency);
        r.TryFinite("phase", ref phase);
        r.TryBool("individual_spike_trains", ref individual);
        var window = Window.Read(r, grid);
        r.ThrowIfUnused(NodeModel.CommonReadOnlyKeys);
        if (grid is { } g)
        {
            PoissonGeneratorParameters.CheckMean(rate + Math.Abs(amplitude), g.Resolution);
        }

        return this with { Rate = rate, Amplitude = amplitude, Frequency = frequency, Phase = phase, IndividualSpikeTrains = individual, Window = window };
    }

    public StatusDictionary ToDictionary()
    {
        var d = new StatusDictionary
        {
            [ParameterNames.Rate] = Rate, ["amplitude"] = Amplitude, ["frequency"] = Frequency, ["phase"] = Phase,
            ["individual_spike_trains"] = IndividualSpikeTrains,
        };
        Window.Write(d);
        return d;
    }
}

/// <summary>The modulation as NEST runs it: ac_generator's oscillator, rate = rate + y₁ each step.</summary>
internal sealed class SinusoidalPoissonBlock(SinusoidalPoissonGeneratorModel model, int firstId, int count, SinusoidalPoissonParameters p)
    : ModulatedPoissonBlock<SinusoidalPoissonParameters>(model, firstId, count, p)
{
    private readonly Oscillators _oscillators = new(count);

    protected override void Start(PrepareContext context)
    {
        for (int i = 0; i < Count; i++)
        {
            _oscillators.Start(i, Parameters[i].Amplitude, Parameters[i].Frequency, Parameters[i].Phase, context.Grid, context.Step);
        }
    }

    protected override double Advance(int local, long step) => Parameters[local].Rate + _oscillators.Rotate(local);

    protected override bool Individual(int local) => Parameters[local].IndividualSpikeTrains;
}

/// <summary>NEST's <c>inhomogeneous_poisson_generator</c>: Poisson spikes at rate_values[i] (Hz) from rate_times[i] (ms) on, a train per target.</summary>
internal sealed class InhomogeneousPoissonGeneratorModel() : DeviceModel<InhomogeneousPoissonParameters>("inhomogeneous_poisson_generator", new())
{
    public override bool SendsSpikes => true;

    public override bool SendsPerTargetSpikes => true;

    public override NodeBlock CreateBlock(int firstId, int count) => new InhomogeneousPoissonBlock(this, firstId, count, Defaults);
}

/// <summary>inhomogeneous_poisson_generator's parameters: rate_times (ms, strictly increasing), rate_values (Hz, ≥ 0), allow_offgrid_times.</summary>
internal sealed record InhomogeneousPoissonParameters : IDeviceParameters<InhomogeneousPoissonParameters>
{
    public double[] Times { get; init; } = [];

    public double[] Rates { get; init; } = [];

    public bool AllowOffgridTimes { get; init; }

    public DeviceWindow Window { get; init; } = DeviceWindow.Default;

    public InhomogeneousPoissonParameters Read(StatusDictionary values, string owner, TimeGrid? grid = null)
    {
        var r = new ParameterReader(values, owner);
        var (times, rates, offgrid) = Schedule.Read(r, owner, grid, ("rate_times", "rate_values"), (Times, Rates, AllowOffgridTimes), nonNegative: true);
        var window = Window.Read(r, grid);
        r.ThrowIfUnused(NodeModel.CommonReadOnlyKeys);
        return this with { Times = times, Rates = rates, AllowOffgridTimes = offgrid, Window = window };
    }

    public StatusDictionary ToDictionary()
    {
        var d = new StatusDictionary { ["rate_times"] = Times.ToArray(), ["rate_values"] = Rates.ToArray(), ["allow_offgrid_times"] = AllowOffgridTimes };
        Window.Write(d);
        return d;
    }
}

/// <summary>The rate of each node, changed one step ahead of its time as step_current_generator's amplitude; 0 before the first.</summary>
internal sealed class InhomogeneousPoissonBlock(InhomogeneousPoissonGeneratorModel model, int firstId, int count, InhomogeneousPoissonParameters p)
    : ModulatedPoissonBlock<InhomogeneousPoissonParameters>(model, firstId, count, p)
{
    private readonly StepSchedules _schedules = new(count);

    protected override void Start(PrepareContext context)
    {
        for (int i = 0; i < Count; i++)
        {
            _schedules.Start(i, Parameters[i], Parameters[i].Times, Parameters[i].AllowOffgridTimes, context.Grid, Model.Name, context.Step);
        }
    }

    protected override double Advance(int local, long step) => _schedules.Advance(local, step, Parameters[local].Rates);

    protected override bool Individual(int local) => true;
}

/// <summary>
/// NEST's <c>mip_generator</c>: a mother Poisson train at <c>rate</c>, of which each target gets every spike with
/// probability <c>p_copy</c>, independently (Kuhn et al. 2003's multiple interaction process).
/// </summary>
internal sealed class MipGeneratorModel() : DeviceModel<MipParameters>("mip_generator", new())
{
    public override bool SendsSpikes => true;

    public override bool SendsPerTargetSpikes => true;

    public override NodeBlock CreateBlock(int firstId, int count) => new MipBlock(this, firstId, count, Defaults);
}

/// <summary>mip_generator's parameters: the mother's rate (Hz, ≥ 0), the copy probability p_copy (in [0, 1]), and the window.</summary>
internal sealed record MipParameters : IDeviceParameters<MipParameters>
{
    public double Rate { get; init; }

    public double PCopy { get; init; } = 1.0;

    public DeviceWindow Window { get; init; } = DeviceWindow.Default;

    public MipParameters Read(StatusDictionary values, string owner, TimeGrid? grid = null)
    {
        var r = new ParameterReader(values, owner);
        double rate = Rate, pCopy = PCopy;
        r.TryFinite(ParameterNames.Rate, ref rate);
        r.TryFinite("p_copy", ref pCopy);
        var window = Window.Read(r, grid);
        r.ThrowIfUnused(NodeModel.CommonReadOnlyKeys);
        if (rate < 0.0)
        {
            throw ParameterReader.Bad(ParameterNames.Rate, rate, "Rate must be non-negative.");
        }

        if (pCopy < 0.0 || pCopy > 1.0)
        {
            throw ParameterReader.Bad("p_copy", pCopy, "Copy probability must be in [0, 1].");
        }

        if (grid is { } g)
        {
            PoissonGeneratorParameters.CheckMean(rate, g.Resolution);
        }

        return this with { Rate = rate, PCopy = pCopy, Window = window };
    }

    public StatusDictionary ToDictionary()
    {
        var d = new StatusDictionary { [ParameterNames.Rate] = Rate, ["p_copy"] = PCopy };
        Window.Write(d);
        return d;
    }
}

/// <summary>The mother train is the node's one train; each target keeps each of its spikes with probability p_copy, from its own stream.</summary>
internal sealed class MipBlock(MipGeneratorModel model, int firstId, int count, MipParameters p)
    : ModulatedPoissonBlock<MipParameters>(model, firstId, count, p)
{
    protected override void Start(PrepareContext context) { }

    protected override double Advance(int local, long step) => Parameters[local].Rate;

    protected override bool Individual(int local) => false;

    protected override int Share(int local, int count, ref ulong stream)
    {
        double pCopy = Parameters[local].PCopy;
        int kept = 0;
        for (int k = 0; k < count; k++)
        {
            kept += SplitMix64.NextDouble(ref stream) < pCopy ? 1 : 0;
        }

        return kept;
    }
}

