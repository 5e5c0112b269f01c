using NeuroKernel.Kernel;
using NeuroKernel.Models;
using NeuroKernel.Models.Devices;
using NeuroKernel.Synapses;

namespace NeuroKernel.Recording;

/// <summary>
/// The parameters of NEST's correlation detectors: bin width <c>delta_tau</c> and largest lag <c>tau_max</c> (ms; by
/// default 5 steps and 10 bins), the interval [Tstart, Tstop] (ms) in which spikes are counted, the activity window, and
/// (correlomatrix_detector) the number of channels. Unset widths follow the resolution, as in NEST.
/// </summary>
internal sealed record CorrelationParameters
{
    public double? DeltaTau { get; init; }

    public double? TauMax { get; init; }

    public double TStart { get; init; }

    public double TStop { get; init; } = double.MaxValue;

    public long Channels { get; init; } = 1;

    public DeviceWindow Window { get; init; } = DeviceWindow.Default;

    /// <summary>The bin width in ms on <paramref name="grid"/> (5 steps unless set).</summary>
    public double DeltaTauMs(TimeGrid grid) => DeltaTau ?? 5.0 * grid.Resolution;

    /// <summary>The largest lag in ms (10 bins unless set).</summary>
    public double TauMaxMs(TimeGrid grid) => TauMax ?? 10.0 * DeltaTauMs(grid);

    /// <summary>Bin width and largest lag in steps.</summary>
    public (long Delta, long TauMax) Steps(TimeGrid grid) => (grid.RoundHalfUp(DeltaTauMs(grid)), grid.RoundHalfUp(TauMaxMs(grid)));

    /// <summary>
    /// A checked copy with <paramref name="values"/>; <paramref name="reset"/> says whether a key that resets the state was
    /// given (the widths, Tstart, Tstop, N_channels, or n_events set to zeros).
    /// </summary>
    public CorrelationParameters Read(StatusDictionary values, string owner, TimeGrid grid, bool matrix, out bool reset)
    {
        var r = new ParameterReader(values, owner);
        double delta = DeltaTauMs(grid), tauMax = TauMaxMs(grid), tStart = TStart, tStop = TStop;
        long channels = Channels;
        bool setDelta = r.TryFinite("delta_tau", ref delta);
        bool setTau = r.TryFinite("tau_max", ref tauMax);
        bool setStart = r.TryDouble("Tstart", ref tStart);
        bool setStop = r.TryDouble("Tstop", ref tStop);
        bool setChannels = matrix && r.TryLong("N_channels", ref channels);
        reset = setDelta || setTau || setStart || setStop || setChannels;
        double[] events = [];
        if (r.TryDoubleArray(ParameterNames.NEvents, ref events) && !matrix)
        {
            // correlation_detector: zeros reset the counters; correlomatrix_detector takes the key and ignores it (NEST).
            reset = events.Length == 2 && events.All(e => e == 0.0)
                ? true
                : throw new BadPropertyException(ParameterNames.NEvents, $"{owner}: /n_events can only be set to [0 0] (n_events = {StatusDictionary.Describe(events)}).");
        }

        var window = Window.Read(r, grid);
        r.ThrowIfUnused([.. NodeModel.CommonReadOnlyKeys, "histogram", "histogram_correction", "count_histogram", "covariance", "count_covariance"]);
        if (matrix && channels < 1)
        {
            throw ParameterReader.Bad("N_channels", channels, "/N_channels can only be larger than zero.");
        }

        if (!(delta > 0.0) || !grid.IsOnGrid(delta, out long deltaSteps))
        {
            throw new BadPropertyException("delta_tau",
                $"The time property delta_tau = {StatusDictionary.Describe(delta)} ms of model {owner} must be a multiple of the resolution {StatusDictionary.Describe(grid.Resolution)} ms.");
        }

        double bins = tauMax / delta;
        if (!(tauMax >= 0.0) || Math.Abs(bins - Math.Round(bins)) > 1e-9)
        {
            throw new BadPropertyException("tau_max",
                $"In model {owner}, the time property tau_max = {StatusDictionary.Describe(tauMax)} ms must be multiple of time property delta_tau = {StatusDictionary.Describe(delta)} ms.");
        }

        if (matrix && deltaSteps % 2 == 0)
        {
            throw new BadPropertyException("delta_tau", $"{owner}: /delta_tau must be odd multiple of resolution (delta_tau = {StatusDictionary.Describe(delta)} ms, {deltaSteps} steps).");
        }

        return this with
        {
            DeltaTau = setDelta ? delta : DeltaTau,
            TauMax = setTau ? tauMax : TauMax,
            TStart = tStart,
            TStop = tStop,
            Channels = channels,
            Window = window,
        };
    }

    public void Write(StatusDictionary d, TimeGrid grid, bool matrix)
    {
        d["delta_tau"] = DeltaTauMs(grid);
        d["tau_max"] = TauMaxMs(grid);
        d["Tstart"] = TStart;
        d["Tstop"] = TStop;
        if (matrix)
        {
            d["N_channels"] = Channels;
        }

        Window.Write(d);
    }
}

/// <summary>
/// NEST's <c>correlation_detector</c> and <c>correlomatrix_detector</c> as models: recorders (spikes reach them at emission
/// through taps) whose ports are receptor_type 0 and 1 (correlation_detector) or 0 … N_channels − 1.
/// </summary>
internal sealed class CorrelationDetectorModel(string name, bool matrix) : NodeModel(name)
{
    private CorrelationParameters _defaults = new();

    /// <summary>The resolution GetDefaults reports the widths for (the kernel's default; nodes use the kernel's grid).</summary>
    private static readonly TimeGrid DefaultGrid = new(0.1);

    public override ElementType ElementType => ElementType.Recorder;

    public override bool SendsSpikes => false;

    public override bool RecordsSpikes => true;

    public override StatusDictionary GetDefaults()
    {
        var d = new StatusDictionary();
        _defaults.Write(d, DefaultGrid, matrix);
        CorrelationState.Empty(matrix).Write(d);
        return d;
    }

    public override void SetDefaults(StatusDictionary values) => _defaults = _defaults.Read(values, Name, DefaultGrid, matrix, out _);

    public override NodeBlock CreateBlock(int firstId, int count) => new CorrelationDetectorBlock(this, firstId, count, _defaults, matrix);
}

/// <summary>The counters of one detector: n_events and either the two histograms or the covariance matrices, and the spikes kept for pairing.</summary>
internal sealed class CorrelationState
{
    private readonly bool _matrix;

    private CorrelationState(bool matrix, int channels, int bins)
    {
        _matrix = matrix;
        Events = new long[matrix ? channels : 2];
        Histogram = new double[bins];
        Correction = new double[bins];
        Counts = new long[bins];
        Covariance = new double[matrix ? channels : 0, matrix ? channels : 0, matrix ? bins : 0];
        CountCovariance = new long[matrix ? channels : 0, matrix ? channels : 0, matrix ? bins : 0];
    }

    public long[] Events { get; }

    public double[] Histogram { get; }

    public double[] Correction { get; }

    public long[] Counts { get; }

    public double[,,] Covariance { get; }

    public long[,,] CountCovariance { get; }

    /// <summary>The spikes kept for pairing: per port (correlation_detector) or one queue (correlomatrix_detector), sorted by time.</summary>
    public List<(long Step, double Weight, int Channel)>[] Queues { get; } = [[], []];

    /// <summary>A reset state for the parameters (bins: 1 + 2·tau_max/delta_tau for the histogram, 1 + tau_max/delta_tau per matrix entry).</summary>
    public static CorrelationState For(CorrelationParameters p, TimeGrid grid, bool matrix)
    {
        var (delta, tauMax) = p.Steps(grid);
        int bins = (int)(matrix ? 1 + (tauMax / delta) : 1 + (2 * tauMax / delta));
        return new CorrelationState(matrix, (int)p.Channels, bins);
    }

    /// <summary>The state NEST shows before the first reset (empty arrays).</summary>
    public static CorrelationState Empty(bool matrix) => new(matrix, matrix ? 1 : 2, 0);

    public void Write(StatusDictionary d)
    {
        d[ParameterNames.NEvents] = Events.ToArray();
        if (!_matrix)
        {
            d["histogram"] = Histogram.ToArray();
            d["histogram_correction"] = Correction.ToArray();
            d["count_histogram"] = Counts.ToArray();
            return;
        }

        int n = Covariance.GetLength(0), bins = Covariance.GetLength(2);
        var covariance = new double[n][][];
        var counts = new long[n][][];
        for (int i = 0; i < n; i++)
        {
            covariance[i] = new double[n][];
            counts[i] = new long[n][];
            for (int j = 0; j < n; j++)
            {
                covariance[i][j] = [.. Enumerable.Range(0, bins).Select(b => Covariance[i, j, b])];
                counts[i][j] = [.. Enumerable.Range(0, bins).Select(b => CountCovariance[i, j, b])];
            }
        }

        d["covariance"] = covariance;
        d["count_covariance"] = counts;
    }
}

/// <summary>
/// Detector nodes. correlation_detector (NEST's algorithm): a spike on port s at step t, with weight·multiplicity w, first
/// drops the other port's spikes that are too old for the histogram, then (if Tstart ≤ t ≤ Tstop) counts in n_events[s]
/// and adds, for each kept spike t' of the other port, w·w' to the bin ⌊(τ_e + sign·(t − t'))/Δ⌋ (sign +1 for port 1, −1
/// for port 0, τ_e = tau_max + Δ/2: the lag is always t(port 1) − t(port 0), zero lag in the middle bin) with Kahan
/// summation (<c>histogram_correction</c>), and its multiplicity to <c>count_histogram</c>; then it is kept. 
/// correlomatrix_detector: one queue for all channels; each spike pairs with every kept spike (itself included) into
/// <c>covariance[row][col][bin]</c> for lags ≥ 0, row the channel of the later spike, and the zero-lag bin symmetric.
/// </summary>
internal sealed class CorrelationDetectorBlock : NodeBlock
{
    private readonly bool _matrix;
    private readonly CorrelationParameters[] _parameters;
    private readonly CorrelationState?[] _states;
    private readonly (long First, long Last)[] _windows;

    /// <summary>The largest receptor_type a connection into each node has used (−1: none), which N_channels must keep.</summary>
    private readonly int[] _largestPort;

    public CorrelationDetectorBlock(CorrelationDetectorModel model, int firstId, int count, CorrelationParameters p, bool matrix) : base(model, firstId, count)
    {
        _matrix = matrix;
        _parameters = new CorrelationParameters[count];
        Array.Fill(_parameters, p);
        _states = new CorrelationState?[count];
        _windows = new (long, long)[count];
        _largestPort = new int[count];
        Array.Fill(_largestPort, -1);
    }

    private TimeGrid GridOrDefault => Grid ?? new TimeGrid(0.1);

    private CorrelationState State(int local) => _states[local] ??= CorrelationState.For(_parameters[local], GridOrDefault, _matrix);

    public override StatusDictionary GetStatus(int local)
    {
        var d = new StatusDictionary();
        _parameters[local].Write(d, GridOrDefault, _matrix);
        (_states[local] ?? CorrelationState.Empty(_matrix)).Write(d);
        return d;
    }

    public override Action ValidateStatus(int local, StatusDictionary values)
    {
        var p = _parameters[local].Read(values, Model.Name, GridOrDefault, _matrix, out bool reset);
        if (_matrix && p.Channels <= _largestPort[local])
        {
            throw ParameterReader.Bad("N_channels", p.Channels,
                $"{Model.Name} (node {FirstId + local}) has a connection on receptor_type {_largestPort[local]}, so N_channels must stay above it.");
        }

        return () =>
        {
            _parameters[local] = p;
            if (reset)
            {
                _states[local] = CorrelationState.For(p, GridOrDefault, _matrix);
            }
        };
    }

    public override void CheckRecorderPort(int local, int port)
    {
        long ports = _matrix ? _parameters[local].Channels : 2;
        if (port < 0 || port >= ports)
        {
            throw new IncompatibleReceptorTypeException(
                $"Receptor type {port} is not available in {Model.Name} (node {FirstId + local}): it takes spikes on receptor_type 0 … {ports - 1}.");
        }

        _largestPort[local] = Math.Max(_largestPort[local], port);
    }

    public override void Prepare(PrepareContext context)
    {
        for (int i = 0; i < Count; i++)
        {
            _windows[i] = _parameters[i].Window.ToSteps(context.Grid, Model.Name);
            State(i);
        }
    }

    public override void RecordSpike(int local, int senderId, long stampStep, int multiplicity, in RecorderTap tap)
    {
        if (stampStep < _windows[local].First || stampStep > _windows[local].Last)
        {
            return;
        }

        var grid = GridOrDefault;
        var p = _parameters[local];
        var state = State(local);
        var (delta, tauMax) = p.Steps(grid);
        double tauEdge = tauMax + (delta / 2.0);
        double weight = tap.Weight * multiplicity;
        double t = grid.ToMs(stampStep);
        bool counted = t >= p.TStart && t <= p.TStop;
        if (_matrix)
        {
            RecordMatrix(state, stampStep, weight, multiplicity, tap.Receptor, delta, tauMax, tauEdge, counted);
        }
        else
        {
            RecordPair(state, stampStep, weight, multiplicity, tap.Receptor, delta, tauEdge, counted);
        }
    }

    private static void RecordPair(CorrelationState state, long step, double weight, int multiplicity, int port, long delta, double tauEdge, bool counted)
    {
        var other = state.Queues[1 - port];
        // The other port's spikes too old for the histogram (left-closed, right-open window).
        int drop = 0;
        while (drop < other.Count && (port == 0 ? step - other[drop].Step - 0.5 >= tauEdge : step - other[drop].Step >= tauEdge))
        {
            drop++;
        }

        other.RemoveRange(0, drop);
        if (counted)
        {
            state.Events[port]++;
            int sign = (2 * port) - 1;
            foreach (var (otherStep, otherWeight, _) in other)
            {
                int bin = (int)Math.Floor((tauEdge + (sign * (step - otherStep))) / delta);
                // Kahan summation of weight products, as NEST.
                double y = (weight * otherWeight) - state.Correction[bin];
                double sum = state.Histogram[bin] + y;
                state.Correction[bin] = sum - state.Histogram[bin] - y;
                state.Histogram[bin] = sum;
                state.Counts[bin] += multiplicity;
            }
        }

        Insert(state.Queues[port], (step, weight, port));
    }

    private static void RecordMatrix(CorrelationState state, long step, double weight, int multiplicity, int channel, long delta, long tauMax, double tauEdge, bool counted)
    {
        var queue = state.Queues[0];
        Insert(queue, (step, weight, channel));
        int drop = 0;
        while (drop < queue.Count && step - queue[drop].Step >= tauEdge)
        {
            drop++;
        }

        queue.RemoveRange(0, drop);
        if (!counted)
        {
            return;
        }

        state.Events[channel]++;
        long bins = 1 + (tauMax / delta);
        foreach (var (otherStep, otherWeight, otherChannel) in queue)
        {
            long lag = Math.Abs(step - otherStep);
            // Row: the channel of the later spike (the sender's at equal times); column: the earlier one's.
            var (row, col) = otherStep > step ? (otherChannel, channel) : (channel, otherChannel);
            double ratio = (double)lag / delta;
            long bin = row <= col ? (long)Math.Ceiling(ratio - 0.5) : (long)Math.Floor(ratio + 0.5);
            if (bin >= bins)
            {
                continue;
            }

            double product = weight * otherWeight;
            state.Covariance[row, col, bin] += product;
            state.CountCovariance[row, col, bin] += multiplicity;
            if (bin == 0 && (lag != 0 || row != col))
            {
                state.Covariance[col, row, 0] += product;
                state.CountCovariance[col, row, 0] += multiplicity;
            }
        }
    }

    /// <summary>Adds a spike keeping the queue sorted by time (spikes of one step keep their order of arrival).</summary>
    private static void Insert(List<(long Step, double Weight, int Channel)> queue, (long Step, double Weight, int Channel) spike)
    {
        int at = queue.Count;
        while (at > 0 && queue[at - 1].Step > spike.Step)
        {
            at--;
        }

        queue.Insert(at, spike);
    }
}
