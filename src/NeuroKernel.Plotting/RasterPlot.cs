using ScottPlot;

namespace NeuroKernel.Plotting;

/// <summary>
/// Raster plots of spikes: a dot for each spike at (time, sender id), with the population rate as a histogram
/// under it, like NEST's <c>nest.raster_plot.from_device(recorder, hist=True)</c>. The image is written as PNG
/// or SVG, chosen by the file name's extension.
/// </summary>
/// <example>
/// <code>
/// sim.Simulate(1000.0);
/// RasterPlot.FromRecorder(sim, espikes, "brunel_raster.png", new RasterPlotOptions { Title = "Excitatory neurons" });
/// </code>
/// </example>
public static partial class RasterPlot
{
    private const float LeftPadding = 80;
    private const float RightPadding = 25;
    private const float InnerPadding = 8;
    private const float AxisPadding = 50;

    /// <summary>Draws a raster plot of the given spikes and writes it to <paramref name="path"/>.</summary>
    /// <param name="path">The image file; its extension, <c>.png</c> or <c>.svg</c>, chooses the format. An existing file is replaced.</param>
    /// <param name="senders">The sender id of each spike.</param>
    /// <param name="times">The time of each spike in ms.</param>
    /// <param name="options">Size, bin width, title and time range; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or does not end in <c>.png</c> or <c>.svg</c>, or the lists differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (see <see cref="RasterPlotOptions"/>).</exception>
    /// <exception cref="IOException">The file cannot be written, e.g. because its directory does not exist.</exception>
    public static void Save(string path, IReadOnlyList<int> senders, IReadOnlyList<double> times, RasterPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(senders);
        ArgumentNullException.ThrowIfNull(times);
        if (senders.Count != times.Count)
        {
            throw new ArgumentException(
                $"There must be one time per sender ({senders.Count} senders, {times.Count} times).", nameof(times));
        }

        Draw(path, senders, times, options ?? new RasterPlotOptions(), defaultStopMs: null);
    }

    /// <summary>
    /// Draws a raster plot of the spikes that a spike recorder holds in memory (its <c>events</c>) and writes it to
    /// <paramref name="path"/>. Unless <see cref="RasterPlotOptions.TStopMs"/> is set, the time axis ends at the
    /// simulated time.
    /// </summary>
    /// <param name="sim">The simulator that holds the recorder.</param>
    /// <param name="recorder">One <c>spike_recorder</c> node.</param>
    /// <param name="path">The image file; its extension, <c>.png</c> or <c>.svg</c>, chooses the format. An existing file is replaced.</param>
    /// <param name="options">Size, bin width, title and time range; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="recorder"/> is not exactly one node, the node has no <c>events</c> (it is not a spike recorder), or <paramref name="path"/> does not end in <c>.png</c> or <c>.svg</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (see <see cref="RasterPlotOptions"/>).</exception>
    /// <exception cref="UnknownNodeException">The node does not exist.</exception>
    /// <exception cref="IOException">The file cannot be written, e.g. because its directory does not exist.</exception>
    public static void FromRecorder(Simulator sim, NodeCollection recorder, string path, RasterPlotOptions? options = null)
    {
        var (_, events) = RecorderEvents.Read(sim, recorder, "spike recorder");
        int[] senders = events.Get<int[]>(ParameterNames.Senders);
        double[] times = events.Get<double[]>(ParameterNames.Times);
        double simulated = sim.GetKernelStatus<double>("biological_time");
        Draw(path, senders, times, options ?? new RasterPlotOptions(), simulated > 0 ? simulated : null);
    }

    /// <summary>
    /// Draws a raster plot of the spikes in NEST spike files (<c>.gdf</c> or <c>.dat</c>, read with
    /// <see cref="SpikeFile.Read(IEnumerable{string})"/>) and writes it to <paramref name="path"/>, like NEST's
    /// <c>raster_plot.from_file</c>.
    /// </summary>
    /// <param name="files">The spike files, e.g. one per virtual process.</param>
    /// <param name="path">The image file; its extension, <c>.png</c> or <c>.svg</c>, chooses the format. An existing file is replaced.</param>
    /// <param name="options">Size, bin width, title and time range; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> does not end in <c>.png</c> or <c>.svg</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (see <see cref="RasterPlotOptions"/>).</exception>
    /// <exception cref="FileNotFoundException">A spike file does not exist.</exception>
    /// <exception cref="FormatException">A spike file cannot be read.</exception>
    /// <exception cref="IOException">The image cannot be written, e.g. because its directory does not exist.</exception>
    public static void FromFiles(IEnumerable<string> files, string path, RasterPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        options ??= new RasterPlotOptions();
        Check(path, options);
        SpikeEvents events = SpikeFile.Read(files);
        Draw(path, events.Senders, events.Times, options, defaultStopMs: null);
    }

    private static bool Check(string path, RasterPlotOptions options)
    {
        bool svg = ImageOutput.IsSvg(path, nameof(path));
        options.Validate();
        return svg;
    }

    private static void Draw(string path, IReadOnlyList<int> senders, IReadOnlyList<double> times, RasterPlotOptions options, double? defaultStopMs)
    {
        bool svg = Check(path, options);
        var (tStart, tStop) = TimeRange(times, options, defaultStopMs);

        using var raster = new Plot();
        FigureStyle.Apply(raster);
        AddRaster(raster, senders, times, options);
        raster.Axes.SetLimitsX(tStart, tStop);
        if (options.Title is { Length: > 0 } title)
        {
            raster.Title(title);
        }

        float top = options.Title is { Length: > 0 } ? 45 : 20;
        if (!options.Histogram)
        {
            raster.XLabel("Time (ms)");
            raster.Layout.Fixed(new PixelPadding(left: LeftPadding, right: RightPadding, bottom: AxisPadding, top: top));
            ImageOutput.Save(raster, path, svg, options.Width, options.Height);
            return;
        }

        // As NEST does with hist=True: the raster's time ticks are not labelled; the histogram below carries them.
        raster.Axes.Bottom.TickLabelStyle.IsVisible = false;
        raster.Layout.Fixed(new PixelPadding(left: LeftPadding, right: RightPadding, bottom: InnerPadding, top: top));

        using var histogram = new Plot();
        FigureStyle.Apply(histogram);
        int neurons = options.NeuronCount ?? Math.Max(1, senders.Distinct().Count());
        AddHistogram(histogram, Histogram(times, options.BinWidthMs, tStart, tStop), neurons);
        histogram.Axes.SetLimitsX(tStart, tStop);
        histogram.XLabel("Time (ms)");
        histogram.Layout.Fixed(new PixelPadding(left: LeftPadding, right: RightPadding, bottom: AxisPadding, top: InnerPadding));

        var figure = new Multiplot(raster) { Layout = new StackedLayout(0.72f, 0.28f) };
        figure.AddPlot(histogram);
        ImageOutput.Save(figure, path, svg, options.Width, options.Height);
    }

    /// <summary>The time axis: the options' bounds, else 0 ms to the simulated time or to the last spike rounded up to a bin.</summary>
    private static (double Start, double Stop) TimeRange(IReadOnlyList<double> times, RasterPlotOptions options, double? defaultStopMs)
    {
        double start = options.TStartMs ?? 0.0;
        if (options.TStopMs is { } stop)
        {
            if (!(stop > start))
            {
                throw new ArgumentOutOfRangeException(nameof(options), stop, $"TStopMs must be greater than the start of the time axis ({start} ms).");
            }

            return (start, stop);
        }

        if (defaultStopMs is { } simulated && simulated > start)
        {
            return (start, simulated);
        }

        double last = double.NegativeInfinity;
        foreach (double t in times)
        {
            last = Math.Max(last, t);
        }

        double w = options.BinWidthMs;
        double end = last > start ? start + Math.Ceiling((last - start) / w) * w : start + w;
        return (start, end);
    }

    private static void AddRaster(Plot plot, IReadOnlyList<int> senders, IReadOnlyList<double> times, RasterPlotOptions options)
    {
        var xs = new double[times.Count];
        var ys = new double[times.Count];
        int lo = int.MaxValue;
        int hi = int.MinValue;
        for (int i = 0; i < xs.Length; i++)
        {
            xs[i] = times[i];
            ys[i] = senders[i];
            lo = Math.Min(lo, senders[i]);
            hi = Math.Max(hi, senders[i]);
        }

        var dots = plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, options.MarkerSize, Colors.C0);
        dots.MarkerLineWidth = 0;
        plot.YLabel("Neuron ID");
        if (xs.Length == 0)
        {
            plot.Axes.SetLimitsY(0, 1);
            return;
        }

        var (bottom, top) = IdAxis(lo, hi);
        plot.Axes.SetLimitsY(bottom, top);
    }

    /// <summary>The id axis: half an id on either side of the ids that fired, so that it starts at 0.5 for id 1, never at 0.</summary>
    internal static (double Bottom, double Top) IdAxis(int lowestId, int highestId) => (lowestId - 0.5, highestId + 0.5);

    private static void AddHistogram(Plot plot, SpikeHistogram histogram, int neurons)
    {
        double[] rates = histogram.RatesHz(neurons);
        var centers = new double[rates.Length];
        for (int k = 0; k < centers.Length; k++)
        {
            centers[k] = 0.5 * (histogram.BinEdges[k] + histogram.BinEdges[k + 1]);
        }

        var bars = plot.Add.Bars(centers, rates);
        for (int k = 0; k < bars.Bars.Count; k++)
        {
            Bar bar = bars.Bars[k];
            bar.Size = histogram.BinEdges[k + 1] - histogram.BinEdges[k];
            bar.FillColor = Colors.Gray;
            bar.LineWidth = 0;
        }

        double max = rates.Length > 0 ? rates.Max() : 0;
        plot.Axes.SetLimitsY(0, max > 0 ? 1.1 * max : 1.0);
        plot.YLabel("Rate (Hz)");
    }
}
