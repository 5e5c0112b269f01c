namespace NeuroKernel.Plotting;

public static partial class RasterPlot
{
    /// <summary>
    /// Counts spikes in bins of <paramref name="binWidthMs"/> from <paramref name="tStartMs"/> to
    /// <paramref name="tStopMs"/>: the histogram drawn under the raster.
    /// </summary>
    /// <remarks>
    /// Edge <c>k</c> is <c>tStartMs + k · binWidthMs</c>, computed directly rather than summed so that it does not
    /// drift; the last edge is <paramref name="tStopMs"/>, so the last bin is shorter when the range is not a whole
    /// number of bins. A spike counts in bin <c>k</c> when <c>edge[k] ≤ t &lt; edge[k + 1]</c>, and in the last bin
    /// also when <c>t</c> equals <paramref name="tStopMs"/>. Spikes outside the range and NaN times are left out.
    /// A time less than a billionth of a bin below an edge counts as on the edge: spike times are grid times such as
    /// <c>step · 0.1</c>, which binary floating point cannot always hold exactly.
    /// </remarks>
    /// <param name="times">The spike times in ms, in any order.</param>
    /// <param name="binWidthMs">The bin width in ms.</param>
    /// <param name="tStartMs">The first edge in ms.</param>
    /// <param name="tStopMs">The last edge in ms.</param>
    /// <returns>The edges and counts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="times"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="binWidthMs"/> is not a positive number, a bound is not finite, or <paramref name="tStopMs"/> ≤ <paramref name="tStartMs"/>.</exception>
    public static SpikeHistogram Histogram(IReadOnlyList<double> times, double binWidthMs, double tStartMs, double tStopMs)
    {
        ArgumentNullException.ThrowIfNull(times);
        if (!(binWidthMs > 0) || double.IsInfinity(binWidthMs))
        {
            throw new ArgumentOutOfRangeException(nameof(binWidthMs), binWidthMs, "The bin width must be a positive number of ms.");
        }

        if (!double.IsFinite(tStartMs))
        {
            throw new ArgumentOutOfRangeException(nameof(tStartMs), tStartMs, "The start time must be finite.");
        }

        if (!double.IsFinite(tStopMs) || !(tStopMs > tStartMs))
        {
            throw new ArgumentOutOfRangeException(nameof(tStopMs), tStopMs, $"The stop time must be finite and greater than the start time ({tStartMs} ms).");
        }

        // A range of 100 ms in 5 ms bins is 20 bins even when the division rounds to 20.000000000000004.
        double ratio = (tStopMs - tStartMs) / binWidthMs;
        int bins = Math.Max(1, (int)Math.Ceiling(ratio - 1e-9 * Math.Max(1.0, ratio)));
        var edges = new double[bins + 1];
        for (int k = 0; k < bins; k++)
        {
            edges[k] = tStartMs + k * binWidthMs;
        }

        edges[bins] = tStopMs;

        var counts = new int[bins];
        double tolerance = 1e-9 * binWidthMs;
        for (int i = 0; i < times.Count; i++)
        {
            double t = times[i] + tolerance;
            if (!(t >= tStartMs && t <= tStopMs + 2 * tolerance))
            {
                continue;
            }

            counts[BinOf(t, edges, binWidthMs)]++;
        }

        return new SpikeHistogram(edges, counts, binWidthMs);
    }

    /// <summary>The bin that holds <paramref name="t"/>, consistent with the stored edges despite rounding.</summary>
    private static int BinOf(double t, double[] edges, double binWidthMs)
    {
        int last = edges.Length - 2;
        int k = Math.Clamp((int)Math.Floor((t - edges[0]) / binWidthMs), 0, last);
        while (k > 0 && t < edges[k])
        {
            k--;
        }

        while (k < last && t >= edges[k + 1])
        {
            k++;
        }

        return k;
    }
}
