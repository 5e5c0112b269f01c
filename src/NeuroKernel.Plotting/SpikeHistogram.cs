using System.Collections.ObjectModel;

namespace NeuroKernel.Plotting;

/// <summary>
/// Spike counts in consecutive time bins: the data of the population-rate histogram that
/// <see cref="RasterPlot"/> draws under the raster (NEST's <c>raster_plot</c> with <c>hist=True</c>).
/// Made by <see cref="RasterPlot.Histogram(IReadOnlyList{double}, double, double, double)"/>.
/// </summary>
/// <remarks>
/// Bin <c>k</c> holds the spikes with <c>BinEdges[k] ≤ t &lt; BinEdges[k + 1]</c>; the last bin also holds a
/// spike at exactly <c>BinEdges[^1]</c> (numpy's <c>histogram</c> convention). Every bin is
/// <see cref="BinWidthMs"/> wide except perhaps the last, which ends at the requested stop time.
/// </remarks>
public sealed class SpikeHistogram
{
    private readonly double[] _edges;
    private readonly int[] _counts;

    internal SpikeHistogram(double[] edges, int[] counts, double binWidthMs)
    {
        _edges = edges;
        _counts = counts;
        BinWidthMs = binWidthMs;
        BinEdges = new ReadOnlyCollection<double>(edges);
        Counts = new ReadOnlyCollection<int>(counts);
        long total = 0;
        foreach (int c in counts)
        {
            total += c;
        }

        TotalCount = total;
    }

    /// <summary>The bin edges in ms: one more than there are bins, ascending.</summary>
    public IReadOnlyList<double> BinEdges { get; }

    /// <summary>The number of spikes in each bin.</summary>
    public IReadOnlyList<int> Counts { get; }

    /// <summary>The number of bins.</summary>
    public int BinCount => _counts.Length;

    /// <summary>The nominal bin width in ms.</summary>
    public double BinWidthMs { get; }

    /// <summary>The number of spikes counted, which leaves out spikes outside the bins' range.</summary>
    public long TotalCount { get; }

    /// <summary>
    /// The population rate in each bin in Hz: <c>count / (neuronCount · width_s)</c>, where <c>width_s</c> is the
    /// bin's own width in seconds (NEST's <c>1000 · n / (hist_binwidth · num_neurons)</c>).
    /// </summary>
    /// <param name="neuronCount">The number of neurons that the spikes come from.</param>
    /// <returns>A new array with one rate per bin.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="neuronCount"/> is not positive.</exception>
    public double[] RatesHz(int neuronCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(neuronCount);
        var rates = new double[_counts.Length];
        for (int k = 0; k < rates.Length; k++)
        {
            double widthS = (_edges[k + 1] - _edges[k]) / 1000.0;
            rates[k] = _counts[k] / (neuronCount * widthS);
        }

        return rates;
    }
}
