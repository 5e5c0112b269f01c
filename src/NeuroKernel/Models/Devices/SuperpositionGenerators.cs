using System.Runtime.InteropServices;
using System.Runtime.CompilerServices;
using NeuroKernel.Delivery;
using NeuroKernel.Kernel;
using NeuroKernel.Random;

namespace NeuroKernel.Models.Devices;

/// <summary>
/// A generator that keeps a state of its own for each target besides the target's random stream (NEST's
/// <c>gamma_sup_generator</c>, <c>ppd_sup_generator</c>, <c>sinusoidal_gamma_generator</c>): the state is advanced once per
/// active step from the connection's own stream, and the step's spike count is the event's multiplicity. State and stream
/// are keyed by the connection, so results do not depend on the thread count, and connections that exist across a network
/// change keep both.
/// </summary>
internal abstract class PerTargetStateBlock<TParameters, TState>(NodeModel model, int firstId, int count, TParameters p)
    : DeviceBlock<TParameters>(model, firstId, count, p), IPerTargetSender
    where TParameters : class, IDeviceParameters<TParameters>
    where TState : class
{
    private readonly PerTargetStreams _streams = new();
    private readonly long[] _step0 = new long[2];
    private TState?[] _states = [];
    private readonly Dictionary<int, TState?> _tapStates = [];
    private int _tapsOf = -1;

    /// <summary>The resolution of the run (ms).</summary>
    protected double H { get; private set; } = 0.1;

    public override bool HasUpdate => true;

    public override int SpikeCapacity(int count) => 0;

    public ReadOnlySpan<PerTargetRun> Runs => _streams.Runs;

    public Span<ulong> Streams => _streams.Streams;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Sends(int local, long stamp) => IsActive(local, stamp) && Emits(local, stamp);

    public PoissonSampler? FusedSampler(int local) => null;

    public (int Multiplicity, double Factor) EventOf(int local, int buffer, int lag, ref ulong stream, int connection)
    {
        ref TState? state = ref connection >= 0 ? ref _states[connection] : ref TapState(connection);
        if (state is null || !Fits(local, state))
        {
            state = Initial(local);
            if (connection < 0)
            {
                _tapLocal[connection] = local;
            }
        }

        return (Advance(local, state, buffer, lag, ref stream), 1.0);
    }

    /// <summary>The step index at the start of lag <paramref name="lag"/> of the slice in <paramref name="buffer"/>.</summary>
    protected long StepOf(int buffer, int lag) => _step0[buffer] + lag;

    /// <summary>Every target state that exists (for a device that moves them on when the parameters change between runs).</summary>
    protected IEnumerable<(int Local, TState State)> ExistingStates()
    {
        for (int k = 0; k < _states.Length; k++)
        {
            if (_states[k] is { } state)
            {
                yield return (_localOf[k], state);
            }
        }

        foreach (var (connection, state) in _tapStates)
        {
            if (state is not null && _tapLocal.TryGetValue(connection, out int local))
            {
                yield return (local, state);
            }
        }
    }

    private int[] _localOf = [];
    private readonly Dictionary<int, int> _tapLocal = [];

    private ref TState? TapState(int connection)
    {
        ref var state = ref CollectionsMarshal.GetValueRefOrAddDefault(_tapStates, connection, out _);
        return ref state;
    }

    public override void Prepare(PrepareContext context)
    {
        base.Prepare(context);
        H = context.Grid.Resolution;
        _streams.Update(context.Connections, context.Seed, FirstIndex, FirstId, Count);
        var origins = _streams.Origins;
        if (origins.Length != _states.Length || !ReferenceEquals(origins, _lastOrigins))
        {
            var states = new TState?[origins.Length];
            for (int k = 0; k < origins.Length; k++)
            {
                states[k] = origins[k] >= 0 && origins[k] < _states.Length ? _states[origins[k]] : null;
            }

            _states = states;
            _lastOrigins = origins;
            _localOf = new int[origins.Length];
            var store = context.Connections;
            foreach (var run in _streams.Runs)
            {
                int length = store.Groups[run.Group].Index[run.Row + store.Partitions.Count] - run.RowBase;
                _localOf.AsSpan((int)run.StreamOffset, length).Fill(run.Local);
            }
        }

        if (_tapsOf != context.Connections.Version)
        {
            // A recorder's realization starts afresh when the network changes (its stream goes on).
            _tapStates.Clear();
            _tapLocal.Clear();
            _tapsOf = context.Connections.Version;
        }

        PrepareNodes(context);
    }

    private int[] _lastOrigins = [];

    /// <summary>The constants of each node for the run.</summary>
    protected abstract void PrepareNodes(PrepareContext context);

    public override void Update(in SliceContext slice, int start, int end, SpikeList spikes)
    {
        spikes.Clear();
        _step0[slice.Buffer] = slice.Step0;
    }

    /// <summary>Whether node <paramref name="local"/> sends anything in the step stamped <paramref name="stamp"/> (NEST: only with a positive rate).</summary>
    protected abstract bool Emits(int local, long stamp);

    /// <summary>A new target's state (NEST's initial one).</summary>
    protected abstract TState Initial(int local);

    /// <summary>Whether <paramref name="state"/> has the shape node <paramref name="local"/>'s parameters need.</summary>
    protected abstract bool Fits(int local, TState state);

    /// <summary>Advances one target's state over lag <paramref name="lag"/> of the slice in <paramref name="buffer"/> (its start: <see cref="StepOf"/>); returns its spike count.</summary>
    protected abstract int Advance(int local, TState state, int buffer, int lag, ref ulong stream);
}

/// <summary>Counts drawn from a SplitMix64 stream: binomial, and NEST's choice between binomial and capped Poisson for a component process.</summary>
internal static class CountDraw
{
    [ThreadStatic]
    private static StreamRandom? t_random;

    /// <summary>
    /// How many of <paramref name="n"/> components move on in a step with probability <paramref name="p"/> each: NEST's rule,
    /// Poisson(n·p) capped at n where n is large and p small (n ≥ 100 and p ≤ 0.01, or n ≥ 500 and n·p ≤ 0.1), else binomial.
    /// </summary>
    public static int Component(int n, double p, ref ulong stream)
    {
        if (n <= 0)
        {
            return 0;
        }

        if ((n >= 100 && p <= 0.01) || (n >= 500 && p * n <= 0.1))
        {
            return Math.Min(n, PoissonDraw.Sample(p * n, ref stream));
        }

        return Binomial(n, p, ref stream);
    }

    /// <summary>
    /// Binomial(<paramref name="n"/>, <paramref name="p"/>): by inversion where n·min(p, 1 − p) is small, else MathNet's
    /// sampler on the same stream (which draws n Bernoulli trials: exact, but O(n)).
    /// </summary>
    public static int Binomial(int n, double p, ref ulong stream)
    {
        if (p <= 0.0 || n <= 0)
        {
            return 0;
        }

        if (p >= 1.0)
        {
            return n;
        }

        if (p > 0.5)
        {
            return n - Binomial(n, 1.0 - p, ref stream);
        }

        double p0 = Math.Pow(1.0 - p, n);
        if (n * p < 30.0 && p0 > 0.0)
        {
            double u = SplitMix64.NextDouble(ref stream);
            double odds = p / (1.0 - p), term = p0, cumulative = p0;
            int k = 0;
            while (u >= cumulative && k < n)
            {
                term *= odds * (n - k) / (k + 1);
                k++;
                cumulative += term;
            }

            return k;
        }

        var random = t_random ??= new StreamRandom();
        random.State = stream;
        int draw = MathNet.Numerics.Distributions.Binomial.Sample(random, p, n);
        stream = random.State;
        return draw;
    }

    /// <summary>System.Random over a SplitMix64 state, for MathNet's samplers.</summary>
    private sealed class StreamRandom : System.Random
    {
        public ulong State;

        protected override double Sample() => SplitMix64.NextDouble(ref State);

        public override double NextDouble() => Sample();

        public override int Next() => (int)(SplitMix64.Next(ref State) >> 33);

        public override int Next(int maxValue) => (int)(Sample() * maxValue);

        public override int Next(int minValue, int maxValue) => minValue + (int)(Sample() * ((long)maxValue - minValue));
    }
}

/// <summary>NEST's <c>gamma_sup_generator</c>: the superposition of n_proc gamma processes of integer shape gamma_shape, each at rate Hz.</summary>
internal sealed class GammaSupGeneratorModel() : DeviceModel<GammaSupParameters>("gamma_sup_generator", new())
{
    public override bool SendsSpikes => true;

    public override bool SendsPerTargetSpikes => true;

    public override NodeBlock CreateBlock(int firstId, int count) => new GammaSupBlock(this, firstId, count, Defaults);
}

/// <summary>gamma_sup_generator's parameters: rate (Hz, ≥ 0, per component), gamma_shape (≥ 1), n_proc (≥ 1), and the window.</summary>
internal sealed record GammaSupParameters : IDeviceParameters<GammaSupParameters>
{
    public double Rate { get; init; }

    public long GammaShape { get; init; } = 1;

    public long NProc { get; init; } = 1;

    public DeviceWindow Window { get; init; } = DeviceWindow.Default;

    public GammaSupParameters Read(StatusDictionary values, string owner, TimeGrid? grid = null)
    {
        var r = new ParameterReader(values, owner);
        double rate = Rate;
        long shape = GammaShape, n = NProc;
        r.TryFinite(ParameterNames.Rate, ref rate);
        r.TryLong("gamma_shape", ref shape);
        r.TryLong("n_proc", ref n);
        var window = Window.Read(r, grid);
        r.ThrowIfUnused(NodeModel.CommonReadOnlyKeys);
        if (shape < 1)
        {
            throw ParameterReader.Bad("gamma_shape", shape, "The shape must be larger or equal 1");
        }

        if (rate < 0.0)
        {
            throw ParameterReader.Bad(ParameterNames.Rate, rate, "The rate must be larger than 0.");
        }

        if (n < 1 || n > int.MaxValue)
        {
            throw ParameterReader.Bad("n_proc", n, "The number of component processes cannot be smaller than one");
        }

        if (shape > 1_000_000)
        {
            throw ParameterReader.Bad("gamma_shape", shape, "The shape must be at most 10⁶ (one counter per state and target).");
        }

        return this with { Rate = rate, GammaShape = shape, NProc = n, Window = window };
    }

    public StatusDictionary ToDictionary()
    {
        var d = new StatusDictionary { [ParameterNames.Rate] = Rate, ["gamma_shape"] = GammaShape, ["n_proc"] = NProc };
        Window.Write(d);
        return d;
    }
}

/// <summary>
/// Each target's n_proc components occupy the gamma_shape states of a gamma process; in a step each moves on with
/// probability p = rate·gamma_shape·h/1000, and a move out of the last state is a spike. A new target starts from
/// NEST's rough equilibrium (n_proc/gamma_shape per state, the remainder in the last).
/// </summary>
internal sealed class GammaSupBlock(GammaSupGeneratorModel model, int firstId, int count, GammaSupParameters p)
    : PerTargetStateBlock<GammaSupParameters, int[]>(model, firstId, count, p)
{
    private double[] _p = [];

    protected override void PrepareNodes(PrepareContext context) =>
        _p = [.. Parameters.Select(q => q.Rate * q.GammaShape * H / 1000.0)];

    protected override bool Emits(int local, long stamp) => Parameters[local].Rate > 0.0;

    protected override int[] Initial(int local)
    {
        int k = (int)Parameters[local].GammaShape, n = (int)Parameters[local].NProc;
        var occupation = new int[k];
        Array.Fill(occupation, n / k);
        occupation[k - 1] += n - (n / k * k);
        return occupation;
    }

    protected override bool Fits(int local, int[] state) => state.Length == Parameters[local].GammaShape && state.Sum() == Parameters[local].NProc;

    protected override int Advance(int local, int[] state, int buffer, int lag, ref ulong stream)
    {
        // Every state's moves are drawn from its occupation before the step (in state order), then all apply: the moves
        // into state i are carried from state i − 1, the last state's moves (the spikes) wrap to state 0.
        int k = state.Length;
        double p = _p[local];
        int carry = 0;
        for (int i = 0; i < k; i++)
        {
            int moves = CountDraw.Component(state[i], p, ref stream);
            state[i] += carry - moves;
            carry = moves;
        }

        state[0] += carry;
        return carry;
    }
}

/// <summary>NEST's <c>ppd_sup_generator</c>: the superposition of n_proc Poisson processes with dead time, optionally rate-modulated.</summary>
internal sealed class PpdSupGeneratorModel() : DeviceModel<PpdSupParameters>("ppd_sup_generator", new())
{
    public override bool SendsSpikes => true;

    public override bool SendsPerTargetSpikes => true;

    public override NodeBlock CreateBlock(int firstId, int count) => new PpdSupBlock(this, firstId, count, Defaults);
}

/// <summary>
/// ppd_sup_generator's parameters: rate (Hz per component), dead_time (ms, &lt; 1000/rate), n_proc (≥ 1), and a sinusoidal
/// modulation of the hazard with frequency (Hz) and relative_amplitude (in [0, 1]).
/// </summary>
internal sealed record PpdSupParameters : IDeviceParameters<PpdSupParameters>
{
    public double Rate { get; init; }

    public double DeadTime { get; init; }

    public long NProc { get; init; } = 1;

    public double Frequency { get; init; }

    public double RelativeAmplitude { get; init; }

    public DeviceWindow Window { get; init; } = DeviceWindow.Default;

    public PpdSupParameters Read(StatusDictionary values, string owner, TimeGrid? grid = null)
    {
        var r = new ParameterReader(values, owner);
        double rate = Rate, deadTime = DeadTime, frequency = Frequency, amplitude = RelativeAmplitude;
        long n = NProc;
        r.TryFinite(ParameterNames.Rate, ref rate);
        r.TryFinite("dead_time", ref deadTime);
        r.TryLong("n_proc", ref n);
        r.TryFinite("frequency", ref frequency);
        r.TryFinite("relative_amplitude", ref amplitude);
        var window = Window.Read(r, grid);
        r.ThrowIfUnused(NodeModel.CommonReadOnlyKeys);
        if (deadTime < 0.0)
        {
            throw ParameterReader.Bad("dead_time", deadTime, "The dead time cannot be negative.");
        }

        if (!(1000.0 / rate > deadTime))
        {
            throw ParameterReader.Bad(ParameterNames.Rate, rate, $"The inverse rate has to be larger than the dead time (dead_time = {StatusDictionary.Describe(deadTime)} ms).");
        }

        if (n < 1 || n > int.MaxValue)
        {
            throw ParameterReader.Bad("n_proc", n, "The number of component processes cannot be smaller than one");
        }

        if (amplitude < 0.0 || amplitude > 1.0)
        {
            throw ParameterReader.Bad("relative_amplitude", amplitude, "The relative amplitude of the rate modulation must be in [0,1].");
        }

        if (grid is { } g && deadTime / g.Resolution > 1e7)
        {
            throw ParameterReader.Bad("dead_time", deadTime, "The dead time must be at most 10⁷ steps (one counter per step and target).");
        }

        return this with { Rate = rate, DeadTime = deadTime, NProc = n, Frequency = frequency, RelativeAmplitude = amplitude, Window = window };
    }

    public StatusDictionary ToDictionary()
    {
        var d = new StatusDictionary
        {
            [ParameterNames.Rate] = Rate, ["dead_time"] = DeadTime, ["n_proc"] = NProc, ["frequency"] = Frequency, ["relative_amplitude"] = RelativeAmplitude,
        };
        Window.Write(d);
        return d;
    }
}

/// <summary>
/// Each target's components are active or in one of B = ⌊dead_time/h⌋ dead-time bins (a ring); in a step each active one
/// fires with the hazard h/(1000/rate − dead_time), times 1 + relative_amplitude·sin(2π·frequency·t) when modulated (t the
/// step's start), and the ones that fired B steps ago become active again. State: [ring position, active, bins…]. A new
/// target starts with ⌊rate·n_proc·h/1000⌋ components per bin (NEST's initialization).
/// </summary>
internal sealed class PpdSupBlock(PpdSupGeneratorModel model, int firstId, int count, PpdSupParameters p)
    : PerTargetStateBlock<PpdSupParameters, int[]>(model, firstId, count, p)
{
    private (int Bins, double Hazard, double Omega, int PerBin)[] _nodes = [];

    protected override void PrepareNodes(PrepareContext context) =>
        _nodes = [.. Parameters.Select(q => (
            (int)(q.DeadTime / H),
            H / ((1000.0 / q.Rate) - q.DeadTime),
            2.0 * Math.PI * q.Frequency / 1000.0,
            (int)Math.Floor(q.Rate / 1000.0 * q.NProc * H)))];

    protected override bool Emits(int local, long stamp) => Parameters[local].Rate > 0.0;

    protected override int[] Initial(int local)
    {
        var (bins, _, _, perBin) = _nodes[local];
        var state = new int[2 + bins];
        state[1] = (int)Parameters[local].NProc - (perBin * bins);
        state.AsSpan(2).Fill(perBin);
        return state;
    }

    protected override bool Fits(int local, int[] state) => state.Length == 2 + _nodes[local].Bins;

    protected override int Advance(int local, int[] state, int buffer, int lag, ref ulong stream)
    {
        long step = StepOf(buffer, lag);
        var (bins, hazard, omega, _) = _nodes[local];
        double amplitude = Parameters[local].RelativeAmplitude;
        double p = amplitude > 0.0 && Parameters[local].Frequency != 0.0 ? hazard * (1.0 + (amplitude * Math.Sin(omega * step * H))) : hazard;
        int fired = CountDraw.Component(state[1], p, ref stream);
        if (bins > 0)
        {
            ref int at = ref state[0];
            state[1] += state[2 + at] - fired;
            state[2 + at] = fired;
            at = (at + 1) % bins;
        }

        return fired;
    }
}

/// <summary>
/// NEST's <c>sinusoidal_gamma_generator</c>: an inhomogeneous gamma process of order <c>order</c> whose rate is
/// rate + amplitude·sin(2π·frequency·t + phase) (spikes/s; frequency Hz, phase degrees), a train per target or one for all.
/// </summary>
internal sealed class SinusoidalGammaGeneratorModel() : DeviceModel<SinusoidalGammaParameters>("sinusoidal_gamma_generator", new())
{
    public override bool SendsSpikes => true;

    public override bool SendsPerTargetSpikes => true;

    public override IReadOnlyList<string> Recordables { get; } = [ParameterNames.Rate];

    public override NodeBlock CreateBlock(int firstId, int count) => new SinusoidalGammaBlock(this, firstId, count, Defaults);
}

/// <summary>
/// sinusoidal_gamma_generator's parameters: rate and amplitude (spikes/s, 0 ≤ amplitude ≤ rate), frequency (Hz), phase
/// (degrees), order (≥ 1), individual_spike_trains (set only as a model default, as in NEST), and the window.
/// </summary>
internal sealed record SinusoidalGammaParameters : IDeviceParameters<SinusoidalGammaParameters>
{
    public double Rate { get; init; }

    public double Amplitude { get; init; }

    public double Frequency { get; init; }

    public double Phase { get; init; }

    public double Order { get; init; } = 1.0;

    public bool IndividualSpikeTrains { get; init; } = true;

    public DeviceWindow Window { get; init; } = DeviceWindow.Default;

    /// <summary>Whether the record belongs to a node (individual_spike_trains cannot change there); set by the block.</summary>
    public bool OfNode { get; init; }

    public SinusoidalGammaParameters Read(StatusDictionary values, string owner, TimeGrid? grid = null)
    {
        var r = new ParameterReader(values, owner);
        double rate = Rate, amplitude = Amplitude, frequency = Frequency, phase = Phase, order = Order;
        bool individual = IndividualSpikeTrains;
        if (r.TryBool("individual_spike_trains", ref individual) && OfNode && individual != IndividualSpikeTrains)
        {
            throw new BadPropertyException("individual_spike_trains",
                $"{owner}: The individual_spike_trains property can only be set as a model default using SetDefaults or upon CopyModel.");
        }

        r.TryFinite(ParameterNames.Rate, ref rate);
        r.TryFinite("amplitude", ref amplitude);
        r.TryFinite("frequency", ref frequency);
        r.TryFinite("phase", ref phase);
        r.TryFinite("order", ref order);
        var window = Window.Read(r, grid);
        r.ThrowIfUnused(NodeModel.CommonReadOnlyKeys);
        if (order < 1.0)
        {
            throw ParameterReader.Bad("order", order, "The gamma order must be at least 1.");
        }

        if (!(amplitude >= 0.0 && amplitude <= rate))
        {
            throw new BadPropertyException("amplitude", $"Rate parameters must fulfill 0 <= amplitude <= rate. (amplitude = {StatusDictionary.Describe(amplitude)}, rate = {StatusDictionary.Describe(rate)})");
        }

        return this with { Rate = rate, Amplitude = amplitude, Frequency = frequency, Phase = phase, Order = order, IndividualSpikeTrains = individual, Window = window };
    }

    public StatusDictionary ToDictionary()
    {
        var d = new StatusDictionary
        {
            [ParameterNames.Rate] = Rate, ["amplitude"] = Amplitude, ["frequency"] = Frequency, ["phase"] = Phase, ["order"] = Order,
            ["individual_spike_trains"] = IndividualSpikeTrains,
        };
        Window.Write(d);
        return d;
    }

    /// <summary>The rate at <paramref name="t"/> ms (1/ms).</summary>
    public double RateAt(double t) => (Rate + (Amplitude * Math.Sin((Omega * t) + PhaseRadians))) / 1000.0;

    /// <summary>The rescaled time a·∫r over (<paramref name="t0"/>, <paramref name="t"/>] ms (NEST's ΔΛ).</summary>
    public double DeltaLambda(double t0, double t)
    {
        double delta = Order * Rate / 1000.0 * (t - t0);
        if (Amplitude != 0.0 && Omega != 0.0)
        {
            delta -= Order * Amplitude / 1000.0 / Omega * (Math.Cos((Omega * t) + PhaseRadians) - Math.Cos((Omega * t0) + PhaseRadians));
        }

        return delta;
    }

    private double Omega => 2.0 * Math.PI * Frequency / 1000.0;

    private double PhaseRadians => Phase * Math.PI / 180.0;
}

/// <summary>
/// A train's state: the time of its last spike (or of its start, ms) and the rescaled time Λ₀ accumulated up to it under
/// earlier parameters. In a step ending at t the train fires with probability h·a·r(t)·Λ^{a−1}e^{−Λ}/Γ(a, Λ), Λ = Λ₀ +
/// ΔΛ(t₀, t) (the hazard of the rescaled gamma process, NEST's algorithm); a spike restarts it at t.
/// </summary>
internal sealed class GammaTrain(double t0)
{
    public double T0 = t0;

    public double Lambda0;
}

/// <summary>
/// sinusoidal_gamma_generator's nodes: a <see cref="GammaTrain"/> per target (individual trains, each with its own stream)
/// or one per node whose spikes go to all targets (drawn in the update from the node's stream). Between runs, trains move
/// on to the start of the new run under the parameters of the last one (NEST's pre_run_hook).
/// </summary>
internal sealed class SinusoidalGammaBlock : PerTargetStateBlock<SinusoidalGammaParameters, GammaTrain>
{
    private SinusoidalGammaParameters[] _previous = [];
    private GammaTrain[] _shared = [];
    private ulong[] _own = [];
    private ulong _ownSeed;
    private int[][] _sharedSpikes = [[], []];
    private int _steps = 1;
    private double _startedAt;
    private readonly double[] _sampleRates;

    public SinusoidalGammaBlock(SinusoidalGammaGeneratorModel model, int firstId, int count, SinusoidalGammaParameters p)
        : base(model, firstId, count, p with { OfNode = true }) => _sampleRates = new double[count];

    protected override void PrepareNodes(PrepareContext context)
    {
        double now = context.Grid.ToMs(context.Step);
        if (_previous.Length == Count)
        {
            // Trains move on to now under the parameters they ran with.
            foreach (var (local, train) in ExistingStates())
            {
                train.Lambda0 += _previous[local].DeltaLambda(train.T0, now);
                train.T0 = now;
            }

            for (int i = 0; i < Count; i++)
            {
                _shared[i].Lambda0 += _previous[i].DeltaLambda(_shared[i].T0, now);
                _shared[i].T0 = now;
            }
        }
        else
        {
            _shared = [.. Enumerable.Range(0, Count).Select(_ => new GammaTrain(now))];
        }

        if (_own.Length != Count || _ownSeed != context.Seed)
        {
            _ownSeed = context.Seed;
            _own = [.. Enumerable.Range(0, Count).Select(i => RandomManager.PerTargetStream(context.Seed, FirstId + i, -1, 0))];
        }

        _steps = context.SliceSteps;
        if (_sharedSpikes[0].Length != Count * _steps)
        {
            _sharedSpikes = [new int[Count * _steps], new int[Count * _steps]];
        }

        _startedAt = now;
        _previous = [.. Parameters];
    }

    protected override bool Emits(int local, long stamp) => Parameters[local].RateAt(stamp * H) > 0.0;

    protected override GammaTrain Initial(int local) => new(_startedAt);

    protected override bool Fits(int local, GammaTrain state) => true;

    protected override int Advance(int local, GammaTrain train, int buffer, int lag, ref ulong stream)
    {
        var p = Parameters[local];
        return p.IndividualSpikeTrains ? Draw(p, train, StepOf(buffer, lag), ref stream) : _sharedSpikes[buffer][local * _steps + lag];
    }

    /// <summary>Whether a train fires in the step that starts at step index <paramref name="step"/>; a spike restarts it.</summary>
    private int Draw(SinusoidalGammaParameters p, GammaTrain train, long step, ref ulong stream)
    {
        double t = (step + 1) * H;
        double r = p.RateAt(t);
        if (!(r > 0.0))
        {
            return 0;
        }

        double a = p.Order;
        double lambda = train.Lambda0 + p.DeltaLambda(train.T0, t);
        double ratio = Math.Pow(lambda, a - 1.0) * Math.Exp(-lambda) / MathNet.Numerics.SpecialFunctions.GammaUpperIncomplete(a, lambda);
        if (!double.IsFinite(ratio))
        {
            // Far in the tail both vanish; the gamma process's hazard tends to its rate there.
            ratio = 1.0;
        }

        if (SplitMix64.NextDouble(ref stream) < H * a * r * ratio)
        {
            train.T0 = t;
            train.Lambda0 = 0.0;
            return 1;
        }

        return 0;
    }

    public override void Update(in SliceContext slice, int start, int end, SpikeList spikes)
    {
        base.Update(in slice, start, end, spikes);
        var shared = _sharedSpikes[slice.Buffer];
        for (int lag = 0; lag < slice.Steps; lag++)
        {
            long stamp = slice.Step0 + lag + 1;
            for (int local = 0; local < Count; local++)
            {
                var p = Parameters[local];
                shared[local * _steps + lag] = !p.IndividualSpikeTrains && IsActive(local, stamp) ? Draw(p, _shared[local], stamp - 1, ref _own[local]) : 0;
            }

            foreach (var request in SampleRequests)
            {
                _sampleRates[request.Local] = Parameters[request.Local].RateAt(stamp * H) * 1000.0;
                Sample(request, stamp);
            }
        }
    }

    /// <summary>The rate (spikes/s) at the end of the sampled step, as NEST records it (set just before each sample).</summary>
    public override double ReadRecordable(int local, string name) => _sampleRates[local];
}
