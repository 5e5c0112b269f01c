namespace NeuroKernel.Models;

/// <summary>
/// The spike history of the neurons that synapses read (NEST's archiving node): for each such receiver the stamps of
/// its spikes, kept until every connection that reads them has done so, with the neuron's trace K⁻ after each spike
/// (it jumps by 1 at a spike and decays with the neuron's tau_minus). Only receivers targeted by a synapse type that
/// <see cref="Synapses.ISynapse{TSelf, TCommon}.ReadsPostSpikes"/> keep one; the others cost nothing.
/// </summary>
/// <remarks>
/// A neuron's spikes are appended by the thread that updates it, and read by the connections into it, which only the
/// same thread delivers (it owns the neuron's receiver partition), so no entry is shared between threads. As in NEST,
/// a reading connection counts the entries it passes, and an entry is dropped when every connection into the neuron
/// has read it and a newer spike lies more than max_delay before the newest one.
/// </remarks>
internal sealed class SpikeArchive
{
    private History?[] _histories = [];
    private long _maxDelaySteps;
    private Kernel.TimeGrid _grid = new(0.1);

    /// <summary>
    /// Keeps histories for the receivers with <paramref name="incoming"/>[r] &gt; 0 reading connections; those that
    /// already had one keep their spikes.
    /// </summary>
    /// <param name="incoming">Reading connections into each receiver.</param>
    /// <param name="tauMinus">Each receiver's tau_minus (ms), for its trace K⁻.</param>
    /// <param name="maxDelaySteps">The network's max_delay (steps).</param>
    /// <param name="grid">The time grid, to turn stamps into ms as NEST's traces use them.</param>
    public void Resize(int[] incoming, double[] tauMinus, int maxDelaySteps, Kernel.TimeGrid grid)
    {
        var next = new History?[incoming.Length];
        for (int r = 0; r < incoming.Length; r++)
        {
            if (incoming[r] > 0)
            {
                next[r] = r < _histories.Length && _histories[r] is { } h ? h : new History();
                next[r]!.Incoming = incoming[r];
                next[r]!.TauMinusInverse = 1.0 / tauMinus[r];
            }
        }

        _histories = next;
        _maxDelaySteps = maxDelaySteps;
        _grid = grid;
    }

    /// <summary>Appends a spike of <paramref name="receiver"/> stamped <paramref name="stamp"/> (a no-op for receivers without a history).</summary>
    public void Record(int receiver, long stamp)
    {
        Of(receiver)?.Add(stamp, _grid.ToMs(stamp), _maxDelaySteps);
    }

    /// <summary>
    /// The stamps of <paramref name="receiver"/>'s spikes in (<paramref name="after"/>, <paramref name="upTo"/>], oldest
    /// first, each counted as read once more.
    /// </summary>
    public ReadOnlySpan<long> Read(int receiver, long after, long upTo) => Of(receiver) is { } h ? h.Read(after, upTo) : [];

    /// <summary>
    /// <see cref="Read(int, long, long)"/> and the trace K⁻ at <paramref name="timeMs"/> from the spikes stamped strictly
    /// before <paramref name="upTo"/> (NEST's <c>get_K_value</c>, whose times differ by more than its eps), decayed from the
    /// last of them, 0 when there is none; one lookup of the receiver's history.
    /// </summary>
    public ReadOnlySpan<long> Read(int receiver, long after, long upTo, double timeMs, out double trace)
    {
        if (Of(receiver) is { } h)
        {
            return h.Read(after, upTo, timeMs, out trace);
        }

        trace = 0.0;
        return [];
    }

    /// <summary>The history of <paramref name="receiver"/>, or null when it keeps none.</summary>
    private History? Of(int receiver) => (uint)receiver < (uint)_histories.Length ? _histories[receiver] : null;

    /// <summary>One receiver's entries, oldest first, from <see cref="_head"/> on (compacted when half the array is dead).</summary>
    private sealed class History
    {
        private long[] _stamps = new long[8];
        private double[] _times = new double[8];
        private double[] _traces = new double[8];
        private int[] _reads = new int[8];
        private int _head, _end;

        /// <summary>The last spike's time (ms; −1 before the first, as NEST starts) and the trace K⁻ right after it.</summary>
        private double _lastMs = -1.0, _lastTrace;

        public int Incoming { get; set; }

        /// <summary>1 / tau_minus (1/ms), as NEST keeps it.</summary>
        public double TauMinusInverse { get; set; } = 1.0 / 20.0;

        public void Add(long stamp, double timeMs, long maxDelaySteps)
        {
            // Entries every incoming connection has read go, once a newer one is more than max_delay old (NEST's rule).
            while (_end - _head > 1 && _reads[_head] >= Incoming && stamp - _stamps[_head + 1] > maxDelaySteps)
            {
                _head++;
            }

            if (_end == _stamps.Length)
            {
                int live = _end - _head;
                if (_head < _stamps.Length / 2)
                {
                    Array.Resize(ref _stamps, 2 * _stamps.Length);
                    Array.Resize(ref _times, 2 * _times.Length);
                    Array.Resize(ref _traces, 2 * _traces.Length);
                    Array.Resize(ref _reads, 2 * _reads.Length);
                }

                Array.Copy(_stamps, _head, _stamps, 0, live);
                Array.Copy(_times, _head, _times, 0, live);
                Array.Copy(_traces, _head, _traces, 0, live);
                Array.Copy(_reads, _head, _reads, 0, live);
                (_head, _end) = (0, live);
            }

            // K⁻ decays from the last spike and jumps by one (kept also for spikes the history no longer holds).
            _lastTrace = _lastTrace * Math.Exp((_lastMs - timeMs) * TauMinusInverse) + 1.0;
            _lastMs = timeMs;
            _stamps[_end] = stamp;
            _times[_end] = timeMs;
            _traces[_end] = _lastTrace;
            _reads[_end] = 0;
            _end++;
        }

        public ReadOnlySpan<long> Read(long after, long upTo) => ReadDown(WindowEnd(upTo), after);

        public ReadOnlySpan<long> Read(long after, long upTo, double timeMs, out double trace)
        {
            int last = WindowEnd(upTo);
            // The last spike strictly before upTo lies at or just below the window's end.
            int i = last - 1;
            while (i >= _head && _stamps[i] >= upTo)
            {
                i--;
            }

            trace = i >= _head ? _traces[i] * Math.Exp((_times[i] - timeMs) * TauMinusInverse) : 0.0;
            return ReadDown(last, after);
        }

        /// <summary>One past the newest entry stamped at or before <paramref name="upTo"/>.</summary>
        private int WindowEnd(long upTo)
        {
            int last = _end;
            while (last > _head && _stamps[last - 1] > upTo)
            {
                last--;
            }

            return last;
        }

        /// <summary>The entries below <paramref name="last"/> stamped after <paramref name="after"/>, each counted as read once more.</summary>
        private ReadOnlySpan<long> ReadDown(int last, long after)
        {
            int first = last;
            while (first > _head && _stamps[first - 1] > after)
            {
                first--;
                _reads[first]++;
            }

            return _stamps.AsSpan(first, last - first);
        }
    }
}
