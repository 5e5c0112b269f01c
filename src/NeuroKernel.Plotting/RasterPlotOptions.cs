namespace NeuroKernel.Plotting;

/// <summary>
/// How <see cref="RasterPlot"/> draws a figure: its size in pixels, the histogram's bin width, the title and the
/// time range. The defaults give NEST's <c>raster_plot.from_device(recorder, hist=True)</c> figure.
/// </summary>
/// <remarks>Write it with an object initializer: <c>new RasterPlotOptions { Title = "Excitatory", BinWidthMs = 10 }</c>.</remarks>
public sealed record RasterPlotOptions
{
    /// <summary>The image width in pixels (800 by default).</summary>
    public int Width { get; init; } = 800;

    /// <summary>The image height in pixels (600 by default).</summary>
    public int Height { get; init; } = 600;

    /// <summary>The width of one bin of the population-rate histogram in ms (5 ms by default, as NEST's <c>hist_binwidth</c>).</summary>
    public double BinWidthMs { get; init; } = 5.0;

    /// <summary>Whether the population-rate histogram is drawn under the raster (true by default, NEST's <c>hist=True</c>).</summary>
    public bool Histogram { get; init; } = true;

    /// <summary>The title above the raster, or <see langword="null"/> for none.</summary>
    public string? Title { get; init; }

    /// <summary>
    /// The start of the time axis and of the first histogram bin in ms, or <see langword="null"/> for 0 ms
    /// (NEST's time origin).
    /// </summary>
    public double? TStartMs { get; init; }

    /// <summary>
    /// The end of the time axis in ms, or <see langword="null"/> for the simulated time when plotting from a
    /// recorder, and otherwise the last spike time rounded up to a whole bin. The last bin may be shorter than
    /// <see cref="BinWidthMs"/>; its rate is computed from its own width.
    /// </summary>
    public double? TStopMs { get; init; }

    /// <summary>
    /// The number of neurons that the rate is averaged over, or <see langword="null"/> for the number of distinct
    /// senders in the data (as NEST's <c>raster_plot</c> counts them). Give it when some recorded neurons may
    /// stay silent.
    /// </summary>
    public int? NeuronCount { get; init; }

    /// <summary>The diameter of one spike's dot in pixels (3 by default).</summary>
    public float MarkerSize { get; init; } = 3f;

    /// <summary>Checks the values; called before anything is drawn.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size, the bin width, the marker size or the neuron count is not positive, or the time range is empty.</exception>
    internal void Validate()
    {
        ImageOutput.ValidateSize(Width, Height);
        if (!(BinWidthMs > 0) || double.IsInfinity(BinWidthMs))
        {
            throw new ArgumentOutOfRangeException(nameof(BinWidthMs), BinWidthMs, "The bin width must be a positive number of ms.");
        }

        if (!(MarkerSize > 0) || float.IsInfinity(MarkerSize))
        {
            throw new ArgumentOutOfRangeException(nameof(MarkerSize), MarkerSize, "The marker size must be positive.");
        }

        if (NeuronCount is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(NeuronCount), NeuronCount, "The neuron count must be positive.");
        }

        if (TStartMs is { } a && TStopMs is { } b && !(b > a))
        {
            throw new ArgumentOutOfRangeException(nameof(TStopMs), b, $"TStopMs must be greater than TStartMs ({a} ms).");
        }
    }
}
