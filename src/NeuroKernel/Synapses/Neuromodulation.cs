namespace NeuroKernel.Synapses;

/// <summary>
/// The neuromodulator spikes one <c>volume_transmitter</c> has received (NEST's spike counter of the volume transmitter):
/// each spike's arrival stamp and multiplicity, in time order. Every <see cref="IntervalSteps"/> steps (deliver_interval ×
/// min_delay) the transmitter triggers an update of every connection that reads it, and the spikes since the previous
/// trigger are handed over, NEST's pseudo spike at the trigger time first (<see cref="NeuromodulatorView"/>).
/// </summary>
/// <remarks>
/// The transmitter's update appends (on the thread that updates it); the connections read during delivery, on the threads
/// that own their targets. A reader in slice S looks only at spikes stamped up to S's end, which the update of S wrote
/// before the exchange barrier; entries are appended after their stamp is set and the count raised last, and a grown array
/// keeps the old entries, so a reader never sees a half-written entry. Spikes before the last trigger are dropped between
/// runs (<see cref="Forget"/>).
/// </remarks>
internal sealed class NeuromodulatorSignal
{
    private long[] _stamps = new long[16];
    private double[] _multiplicities = new double[16];
    private int _count;

    /// <summary>deliver_interval × min_delay (steps): the transmitter triggers when a slice ends on a multiple of it.</summary>
    public long IntervalSteps { get; set; } = 10;

    /// <summary>The grid, to turn stamps into ms.</summary>
    public Kernel.TimeGrid Grid { get; set; } = new(0.1);

    /// <summary>A spike of <paramref name="multiplicity"/> arrived at the transmitter in the step that ends at <paramref name="stamp"/>.</summary>
    public void Add(long stamp, double multiplicity)
    {
        if (_count == _stamps.Length)
        {
            // A reader of an earlier slice may still hold the old arrays: copy, never overwrite.
            var stamps = new long[2 * _count];
            var multiplicities = new double[2 * _count];
            Array.Copy(_stamps, stamps, _count);
            Array.Copy(_multiplicities, multiplicities, _count);
            _multiplicities = multiplicities;
            _stamps = stamps;
        }

        _stamps[_count] = stamp;
        _multiplicities[_count] = multiplicity;
        Volatile.Write(ref _count, _count + 1);
    }

    /// <summary>True when a slice that ends at <paramref name="sliceEnd"/> (a stamp) ends a delivery interval: the transmitter triggers.</summary>
    public bool TriggersAt(long sliceEnd) => sliceEnd > 0 && sliceEnd % IntervalSteps == 0;

    /// <summary>
    /// What connections see while spikes of the slice that ends at <paramref name="sliceEnd"/> pass: the pseudo spike at the
    /// last trigger up to that end, and the spikes after it up to the end.
    /// </summary>
    public NeuromodulatorView ViewAt(long sliceEnd) => View(sliceEnd / IntervalSteps * IntervalSteps, sliceEnd);

    /// <summary>What the trigger at <paramref name="sliceEnd"/> hands over: the pseudo spike at the previous trigger and the spikes since.</summary>
    public NeuromodulatorView TriggerView(long sliceEnd) => View(Math.Max(0, sliceEnd - IntervalSteps), sliceEnd);

    private NeuromodulatorView View(long pseudo, long end)
    {
        var stamps = _stamps;
        var multiplicities = _multiplicities;
        int count = Math.Min(Volatile.Read(ref _count), stamps.Length);
        int first = 0;
        while (first < count && stamps[first] <= pseudo)
        {
            first++;
        }

        int last = first;
        while (last < count && stamps[last] <= end)
        {
            last++;
        }

        return new NeuromodulatorView(Grid.ToMs(pseudo), stamps, multiplicities, first, last - first, Grid);
    }

    /// <summary>Drops the spikes at or before <paramref name="stamp"/> (between runs: no connection reads them again).</summary>
    public void Forget(long stamp)
    {
        int keep = 0;
        for (int k = 0; k < _count; k++)
        {
            if (_stamps[k] > stamp)
            {
                _stamps[keep] = _stamps[k];
                _multiplicities[keep] = _multiplicities[k];
                keep++;
            }
        }

        _count = keep;
    }
}

/// <summary>
/// The neuromodulator spikes a connection processes, as NEST's <c>deliver_spikes()</c> hands them: entry 0 is the pseudo
/// spike at the last trigger (multiplicity 0), entries 1 … are the spikes after it, in time order.
/// </summary>
internal readonly struct NeuromodulatorView
{
    private readonly long[]? _stamps;
    private readonly double[]? _multiplicities;
    private readonly int _first;
    private readonly double _pseudoMs;
    private readonly Kernel.TimeGrid _grid;

    public NeuromodulatorView(double pseudoMs, long[] stamps, double[] multiplicities, int first, int spikes, Kernel.TimeGrid grid)
    {
        _pseudoMs = pseudoMs;
        _stamps = stamps;
        _multiplicities = multiplicities;
        _first = first;
        Count = spikes + 1;
        _grid = grid;
    }

    /// <summary>Entries, the pseudo spike included (0 for a connection without a transmitter).</summary>
    public int Count { get; }

    /// <summary>Time of entry <paramref name="k"/> (ms).</summary>
    public double TimeMs(int k) => k == 0 ? _pseudoMs : _grid.ToMs(_stamps![_first + k - 1]);

    /// <summary>Multiplicity of entry <paramref name="k"/> (0 for the pseudo spike).</summary>
    public double Multiplicity(int k) => k == 0 ? 0.0 : _multiplicities![_first + k - 1];
}
