using System.Runtime.CompilerServices;

namespace NeuroKernel.Delivery;

/// <summary>
/// One thread's synaptic events that wait for their arrival step, per ring-buffer slot, in the order they were delivered:
/// the events of rows whose connections each carry their own weight and delay. A large network's ring buffer (the
/// cortical microcircuit's: 77,169 neurons × 61 slots × 2 channels, 75 MB) lies far beyond the caches, and each event
/// written straight into it waited for memory; kept here, an event is an append to a list, and the list of a step is
/// added into its slot just before the neurons read that slot (<see cref="Apply"/>), while the slot is in the cache.
/// </summary>
/// <remarks>
/// Each list keeps its events in delivery order, and a list is applied in that order, so a cell receives these events in
/// the order they were delivered; events that other groups and devices write straight into the ring buffer reach a
/// cell before the deferred ones of the same step. Neither order depends on the number of threads, nor on how the time
/// is cut into Simulate calls: the events wait here across calls, and go into the ring buffers only when the network is
/// prepared again (<see cref="Flush"/>), whose buffers then take over the pending input. Receivers do not move between
/// threads while events wait (no <see cref="Kernel.ThreadBalancer"/>).
/// </remarks>
internal sealed class DeferredEvents
{
    private readonly int[][] _cells;      // per slot: the cell index, or its complement for the inhibitory channel
    private readonly double[][] _values;  // per slot: what the event adds
    private readonly int[] _counts;

    /// <summary>Lists for a ring buffer of <paramref name="slots"/> slots.</summary>
    public DeferredEvents(int slots)
    {
        _cells = new int[slots][];
        _values = new double[slots][];
        _counts = new int[slots];
        for (int s = 0; s < slots; s++)
        {
            _cells[s] = [];
            _values[s] = [];
        }
    }

    /// <summary>Appends an event for slot <paramref name="slot"/>: <paramref name="value"/> into cell <paramref name="cell"/> of the excitatory or the inhibitory channel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int slot, int cell, bool inhibitory, double value)
    {
        int n = _counts[slot];
        var cells = _cells[slot];
        if (n == cells.Length)
        {
            cells = Grow(slot);
        }

        cells[n] = inhibitory ? ~cell : cell;
        _values[slot][n] = value;
        _counts[slot] = n + 1;
    }

    /// <summary>Adds the events waiting for slot <paramref name="slot"/> into the ring buffers' cells, in delivery order, and empties the list.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Apply(int slot, double[] excitatory, double[] inhibitory)
    {
        int n = _counts[slot];
        if (n == 0)
        {
            return;
        }

        var cells = _cells[slot].AsSpan(0, n);
        var values = _values[slot].AsSpan(0, n);
        for (int k = 0; k < cells.Length; k++)
        {
            int c = cells[k];
            if (c >= 0)
            {
                excitatory[c] += values[k];
            }
            else
            {
                inhibitory[~c] += values[k];
            }
        }

        _counts[slot] = 0;
    }

    /// <summary>Applies every slot's events (before the network is prepared again).</summary>
    public void Flush(double[] excitatory, double[] inhibitory)
    {
        for (int s = 0; s < _counts.Length; s++)
        {
            Apply(s, excitatory, inhibitory);
        }
    }

    private int[] Grow(int slot)
    {
        int size = Math.Max(1024, 2 * _cells[slot].Length);
        Array.Resize(ref _cells[slot], size);
        Array.Resize(ref _values[slot], size);
        return _cells[slot];
    }
}
