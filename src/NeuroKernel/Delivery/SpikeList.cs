using System.Diagnostics;

namespace NeuroKernel.Delivery;

/// <summary>
/// The spikes a unit of nodes emitted during a slice, one bucket per lag (Brian2's preallocated event
/// space): local node indices in ascending order and their multiplicities. Buckets let a population update
/// neurons chunk by chunk through all lags of a slice and still hand the spikes over in canonical
/// (lag, id) order. Sized once in Prepare; appending never allocates.
/// </summary>
internal sealed class SpikeList
{
    private readonly int[] _local;
    private readonly int[] _multiplicity;
    private readonly double[] _factor;
    private readonly int[] _count;
    private readonly int _bucket;

    /// <param name="perLag">Most spikes one lag can hold (the number of nodes for neurons).</param>
    /// <param name="lags">Number of lags in a slice.</param>
    public SpikeList(int perLag, int lags)
    {
        _bucket = Math.Max(perLag, 1);
        _local = new int[_bucket * lags];
        _multiplicity = new int[_bucket * lags];
        _factor = new double[_bucket * lags];
        _count = new int[lags];
    }

    /// <summary>Starts a slice.</summary>
    public void Clear() => Array.Clear(_count);

    public int Count(int lag) => _count[lag];

    public ReadOnlySpan<int> Local(int lag) => _local.AsSpan(lag * _bucket, _count[lag]);

    public ReadOnlySpan<int> Multiplicity(int lag) => _multiplicity.AsSpan(lag * _bucket, _count[lag]);

    /// <summary>Weight factors (spike_generator's spike_weights; 1 otherwise).</summary>
    public ReadOnlySpan<double> Factor(int lag) => _factor.AsSpan(lag * _bucket, _count[lag]);

    public void Add(int lag, int local, int multiplicity, double factor = 1.0)
    {
        Debug.Assert(_count[lag] < _bucket, "SpikeList sized too small in Prepare.");
        int k = lag * _bucket + _count[lag]++;
        _local[k] = local;
        _multiplicity[k] = multiplicity;
        _factor[k] = factor;
    }
}
