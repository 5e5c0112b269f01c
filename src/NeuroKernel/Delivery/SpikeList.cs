using System.Diagnostics;

namespace NeuroKernel.Delivery;

/// <summary>
/// The spikes one block emitted during a slice, grouped by lag (Brian2's preallocated event space):
/// local node indices and multiplicities, with <see cref="LagStart"/> marking where each lag begins.
/// Sized once in Prepare; appending never allocates.
/// </summary>
internal sealed class SpikeList
{
    private int[] _local;
    private int[] _multiplicity;
    private int[] _lagStart;

    public SpikeList(int capacity, int maxLags)
    {
        _local = new int[Math.Max(capacity, 1)];
        _multiplicity = new int[_local.Length];
        _lagStart = new int[maxLags + 1];
    }

    public int Count { get; private set; }

    public int Capacity => _local.Length;

    public ReadOnlySpan<int> Local => _local.AsSpan(0, Count);

    public ReadOnlySpan<int> Multiplicity => _multiplicity.AsSpan(0, Count);

    public ReadOnlySpan<int> LagStart => _lagStart;

    /// <summary>Starts a slice.</summary>
    public void Clear()
    {
        Count = 0;
        Array.Clear(_lagStart);
    }

    /// <summary>Marks the start of lag <paramref name="lag"/> (call for lags in increasing order).</summary>
    public void BeginLag(int lag) => _lagStart[lag] = Count;

    /// <summary>Marks the end of the slice after lag <paramref name="lags"/> − 1.</summary>
    public void EndSlice(int lags) => _lagStart[lags] = Count;

    public void Add(int local, int multiplicity)
    {
        Debug.Assert(Count < _local.Length, "SpikeList sized too small in Prepare.");
        _local[Count] = local;
        _multiplicity[Count] = multiplicity;
        Count++;
    }

    /// <summary>Grows the capacity (Prepare only, never in the loop).</summary>
    public void EnsureCapacity(int capacity, int maxLags)
    {
        if (capacity > _local.Length)
        {
            _local = new int[capacity];
            _multiplicity = new int[capacity];
        }

        if (maxLags + 1 > _lagStart.Length)
        {
            _lagStart = new int[maxLags + 1];
        }
    }
}
