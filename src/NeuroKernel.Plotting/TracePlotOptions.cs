namespace NeuroKernel.Plotting;

/// <summary>How <see cref="TracePlot"/> draws a figure: its size in pixels, the title, the axis labels and the time range.</summary>
public sealed record TracePlotOptions
{
    /// <summary>The image width in pixels (800 by default).</summary>
    public int Width { get; init; } = 800;

    /// <summary>The image height in pixels (400 by default).</summary>
    public int Height { get; init; } = 400;

    /// <summary>The title above the trace, or <see langword="null"/> for none.</summary>
    public string? Title { get; init; }

    /// <summary>The label of the time axis ("Time (ms)" by default).</summary>
    public string XLabel { get; init; } = "Time (ms)";

    /// <summary>The label of the value axis ("Membrane potential (mV)" by default).</summary>
    public string YLabel { get; init; } = "Membrane potential (mV)";

    /// <summary>The start of the time axis in ms, or <see langword="null"/> for the first sample.</summary>
    public double? TStartMs { get; init; }

    /// <summary>The end of the time axis in ms, or <see langword="null"/> for the last sample.</summary>
    public double? TStopMs { get; init; }

    /// <summary>Checks the values; called before anything is drawn.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive or the time range is empty.</exception>
    internal void Validate()
    {
        ImageOutput.ValidateSize(Width, Height);
        if (TStartMs is { } a && TStopMs is { } b && !(b > a))
        {
            throw new ArgumentOutOfRangeException(nameof(TStopMs), b, $"TStopMs must be greater than TStartMs ({a} ms).");
        }
    }
}
