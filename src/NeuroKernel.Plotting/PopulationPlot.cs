using MathNet.Numerics.Statistics;
using ScottPlot;

namespace NeuroKernel.Plotting;

/// <summary>The spikes of one population for <see cref="PopulationPlot"/>: its name, its id range and its spikes.</summary>
/// <param name="Name">The label on the plot's axis.</param>
/// <param name="FirstId">The population's first node id.</param>
/// <param name="Count">Its number of neurons (ids FirstId … FirstId + Count − 1).</param>
/// <param name="Senders">The sender id of each spike.</param>
/// <param name="Times">The time of each spike in ms.</param>
public sealed record PopulationSpikes(string Name, int FirstId, int Count, IReadOnlyList<int> Senders, IReadOnlyList<double> Times);

/// <summary>
/// Figures of a network of several populations, as NEST's cortical-microcircuit example draws them: a raster of all
/// populations, each in its colour, and box plots of a per-neuron quantity (such as the rate) per population. The image
/// is written as PNG or SVG, chosen by the file name's extension.
/// </summary>
/// <example>
/// <code>
/// PopulationPlot.Raster("raster.png", populations, 600.0, 800.0, step: 1);
/// PopulationPlot.Box("rates.png", names, ratesPerNeuron, "Rate (spikes/s)");
/// </code>
/// </example>
public static class PopulationPlot
{
    /// <summary>
    /// Draws the spikes of every population between <paramref name="tStartMs"/> and <paramref name="tStopMs"/>, the first
    /// population at the top (NEST's example: ids counted down from the last), each in its own colour, the populations'
    /// names on the neuron axis. With <paramref name="step"/> &gt; 1 only every step-th neuron of each population is drawn
    /// (the example draws every 10·N_scaling-th above N_scaling 0.1).
    /// </summary>
    /// <param name="path">The image file; its extension, <c>.png</c> or <c>.svg</c>, chooses the format. An existing file is replaced.</param>
    /// <param name="populations">The populations, in the order they were created.</param>
    /// <param name="tStartMs">Start of the time axis (ms).</param>
    /// <param name="tStopMs">End of the time axis (ms), greater than the start.</param>
    /// <param name="step">Draw neurons whose offset in their population is a multiple of this (≥ 1).</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="height">Image height in pixels.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> does not end in <c>.png</c> or <c>.svg</c>, there is no population, or a population's lists differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The time range is empty, <paramref name="step"/> is below 1, or the size is out of range.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Raster(string path, IReadOnlyList<PopulationSpikes> populations, double tStartMs, double tStopMs, int step = 1, int width = 800, int height = 800)
    {
        bool svg = ImageOutput.IsSvg(path, nameof(path));
        ArgumentNullException.ThrowIfNull(populations);
        if (populations.Count == 0)
        {
            throw new ArgumentException("There must be at least one population.", nameof(populations));
        }

        if (!(tStopMs > tStartMs))
        {
            throw new ArgumentOutOfRangeException(nameof(tStopMs), tStopMs, $"The end of the time axis must be greater than its start ({tStartMs} ms).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        ImageOutput.ValidateSize(width, height);
        int lastId = populations.Max(p => p.FirstId + p.Count - 1);
        int firstId = populations.Min(p => p.FirstId);
        using var plot = new Plot();
        FigureStyle.Apply(plot);
        var ticks = new List<Tick>();
        for (int k = 0; k < populations.Count; k++)
        {
            var p = populations[k];
            ArgumentNullException.ThrowIfNull(p, nameof(populations));
            if (p.Senders.Count != p.Times.Count)
            {
                throw new ArgumentException($"Population '{p.Name}' has {p.Senders.Count} senders and {p.Times.Count} times.", nameof(populations));
            }

            var xs = new List<double>();
            var ys = new List<double>();
            for (int i = 0; i < p.Times.Count; i++)
            {
                double t = p.Times[i];
                int offset = p.Senders[i] - p.FirstId;
                if (t >= tStartMs && t <= tStopMs && offset >= 0 && offset < p.Count && offset % step == 0)
                {
                    xs.Add(t);
                    ys.Add(lastId - p.Senders[i] + 1);
                }
            }

            var dots = plot.Add.Markers(xs.ToArray(), ys.ToArray(), MarkerShape.FilledCircle, 2f, Palette(k));
            dots.MarkerLineWidth = 0;
            ticks.Add(new Tick(lastId - (p.FirstId + (p.Count - 1) / 2.0) + 1, p.Name));
        }

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Axes.SetLimits(tStartMs, tStopMs, 0.5, lastId - firstId + 1.5);
        plot.XLabel("Time (ms)");
        ImageOutput.Save(plot, path, svg, width, height);
    }

    /// <summary>
    /// Draws one box per population, from left to right: the box from the lower to the upper quartile with
    /// the median, whiskers to the farthest values within 1.5 interquartile ranges, and the values beyond them as dots
    /// (matplotlib's <c>boxplot</c>, which NEST's example uses; quartiles interpolated linearly, as numpy's).
    /// </summary>
    /// <param name="path">The image file; its extension, <c>.png</c> or <c>.svg</c>, chooses the format. An existing file is replaced.</param>
    /// <param name="labels">The populations' names.</param>
    /// <param name="values">The values of each population (one per neuron), as many lists as labels; an empty list draws no box.</param>
    /// <param name="valueLabel">The label of the value axis, e.g. "Rate (spikes/s)".</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="height">Image height in pixels.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> does not end in <c>.png</c> or <c>.svg</c>, the counts of labels and lists differ, or a value is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The size is out of range.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Box(string path, IReadOnlyList<string> labels, IReadOnlyList<IReadOnlyList<double>> values, string valueLabel, int width = 600, int height = 500)
    {
        bool svg = ImageOutput.IsSvg(path, nameof(path));
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(valueLabel);
        if (labels.Count != values.Count)
        {
            throw new ArgumentException($"There must be one list of values per label ({labels.Count} labels, {values.Count} lists).", nameof(values));
        }

        ImageOutput.ValidateSize(width, height);
        using var plot = new Plot();
        FigureStyle.Apply(plot);
        var ticks = new List<Tick>();
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        for (int k = 0; k < values.Count; k++)
        {
            double position = k + 1;
            ticks.Add(new Tick(position, labels[k]));
            if (BoxStatistics.Of(values[k], nameof(values)) is not { } s)
            {
                continue;
            }

            var box = plot.Add.Box(new ScottPlot.Box
            {
                Position = position, BoxMin = s.LowerQuartile, BoxMax = s.UpperQuartile, BoxMiddle = s.Median,
                WhiskerMin = s.LowerWhisker, WhiskerMax = s.UpperWhisker,
            });
            box.FillColor = Palette(k).WithAlpha(0.5);
            if (s.Outliers.Length > 0)
            {
                var dots = plot.Add.Markers([.. s.Outliers.Select(_ => position)], s.Outliers, MarkerShape.OpenCircle, 4f, Palette(k));
                dots.MarkerLineWidth = 1;
            }

            lo = Math.Min(lo, s.Min);
            hi = Math.Max(hi, s.Max);
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        if (double.IsFinite(lo))
        {
            double pad = hi > lo ? 0.05 * (hi - lo) : 1.0;
            plot.Axes.SetLimitsY(lo - pad, hi + pad);
        }

        plot.Axes.SetLimitsX(0.4, values.Count + 0.6);
        plot.YLabel(valueLabel);
        ImageOutput.Save(plot, path, svg, width, height);
    }

    /// <summary>The colour of the k-th population (ScottPlot's category10 palette, matplotlib's default).</summary>
    private static Color Palette(int k) => new ScottPlot.Palettes.Category10().GetColor(k);
}

/// <summary>A box plot's statistics of one list of values (matplotlib's <c>boxplot</c> with whis = 1.5).</summary>
internal sealed record BoxStatistics(double Min, double LowerWhisker, double LowerQuartile, double Median, double UpperQuartile, double UpperWhisker, double Max, double[] Outliers)
{
    /// <summary>The statistics, or null for an empty list; quartiles by linear interpolation between order statistics (numpy's default, R7).</summary>
    public static BoxStatistics? Of(IReadOnlyList<double> values, string paramName)
    {
        ArgumentNullException.ThrowIfNull(values, paramName);
        if (values.Count == 0)
        {
            return null;
        }

        double[] sorted = [.. values];
        if (Array.Exists(sorted, v => !double.IsFinite(v)))
        {
            throw new ArgumentException("Box plot values must be finite.", paramName);
        }

        Array.Sort(sorted);
        double q1 = SortedArrayStatistics.QuantileCustom(sorted, 0.25, QuantileDefinition.R7);
        double median = SortedArrayStatistics.QuantileCustom(sorted, 0.5, QuantileDefinition.R7);
        double q3 = SortedArrayStatistics.QuantileCustom(sorted, 0.75, QuantileDefinition.R7);
        double reach = 1.5 * (q3 - q1);
        double lowWhisker = sorted.First(v => v >= q1 - reach);
        double highWhisker = sorted.Last(v => v <= q3 + reach);
        double[] outliers = [.. sorted.Where(v => v < lowWhisker || v > highWhisker)];
        return new BoxStatistics(sorted[0], lowWhisker, q1, median, q3, highWhisker, sorted[^1], outliers);
    }
}
