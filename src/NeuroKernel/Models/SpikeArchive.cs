namespace NeuroKernel.Models;

/// <summary>
/// The spike history of the neurons that synapses read (NEST's archiving node): for each such receiver the stamps of
/// its spikes, kept until every connection that reads them has done so. Only receivers targeted by a synapse type that
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

    /// <summary>
    /// Keeps histories for the receivers with <paramref name="incoming"/>[r] &gt; 0 reading connections; those that
    /// already had one keep their spikes.
    /// </summary>
    public void Resize(int[] incoming, int maxDelaySteps)
    {
        var next = new History?[incoming.Length];
        for (int r = 0; r < incoming.Length; r++)
        {
            if (incoming[r] > 0)
            {
                next[r] = r < _histories.Length && _histories[r] is { } h ? h : new History();
                next[r]!.Incoming = incoming[r];
            }
        }

        _histories = next;
        _maxDelaySteps = maxDelaySteps;
    }

    /// <summary>Appends a spike of <paramref name="receiver"/> stamped <paramref name="stamp"/> (a no-op for receivers without a history).</summary>
    public void Record(int receiver, long stamp)
    {
        Of(receiver)?.Add(stamp, _maxDelaySteps);
    }

    /// <summary>
    /// The stamps of <paramref name="receiver"/>'s spikes in (<paramref name="after"/>, <paramref name="upTo"/>], oldest
    /// first, each counted as read once more.
    /// </summary>
    public ReadOnlySpan<long> Read(int receiver, long after, long upTo) => Of(receiver) is { } h ? h.Read(after, upTo) : [];

    /// <summary>The history of <paramref name="receiver"/>, or null when it keeps none.</summary>
    private History? Of(int receiver) => (uint)receiver < (uint)_histories.Length ? _histories[receiver] : null;

    /// <summary>One receiver's entries, oldest first, from <see cref="_head"/> on (compacted when half the array is dead).</summary>
    private sealed class History
    {
        private long[] _stamps = new long[8];
        private int[] _reads = new int[8];
        private int _head, _end;

        public int Incoming { get; set; }

        public void Add(long stamp, long maxDelaySteps)
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
                    Array.Resize(ref _reads, 2 * _reads.Length);
                }

                Array.Copy(_stamps, _head, _stamps, 0, live);
                Array.Copy(_reads, _head, _reads, 0, live);
                (_head, _end) = (0, live);
            }

            _stamps[_end] = stamp;
            _reads[_end] = 0;
            _end++;
        }

        public ReadOnlySpan<long> Read(long after, long upTo)
        {
            int last = _end;
            while (last > _head && _stamps[last - 1] > upTo)
            {
                last--;
            }

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
