using ScottPlot;

namespace NeuroKernel.Plotting;

/// <summary>
/// Plots of a sampled signal against time, such as a membrane-potential trace recorded by a voltmeter or
/// multimeter (NEST's <c>voltage_trace.from_device</c>). The plot takes the samples as data, so it works with any
/// recorder. The image is written as PNG or SVG, chosen by the file name's extension.
/// </summary>
public static class TracePlot
{
    /// <summary>Draws one trace and writes it to <paramref name="path"/>.</summary>
    /// <param name="path">The image file; its extension, <c>.png</c> or <c>.svg</c>, chooses the format. An existing file is replaced.</param>
    /// <param name="times">The sample times in ms.</param>
    /// <param name="values">The sample values, e.g. <c>V_m</c> in mV.</param>
    /// <param name="label">The legend entry, e.g. <c>"V_m of neuron 1"</c>; empty for no legend.</param>
    /// <param name="options">Size, title, labels and time range; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or does not end in <c>.png</c> or <c>.svg</c>, or the lists differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (see <see cref="TracePlotOptions"/>).</exception>
    /// <exception cref="IOException">The file cannot be written, e.g. because its directory does not exist.</exception>
    public static void Save(string path, IReadOnlyList<double> times, IReadOnlyList<double> values, string label, TracePlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(label);
        options ??= new TracePlotOptions();
        bool svg = ImageOutput.IsSvg(path, nameof(path));
        options.Validate();
        if (times.Count != values.Count)
        {
            throw new ArgumentException(
                $"There must be one value per time ({times.Count} times, {values.Count} values).", nameof(values));
        }

        using var plot = new Plot();
        FigureStyle.Apply(plot);
        var line = plot.Add.ScatterLine(times.ToArray(), values.ToArray(), Colors.C0);
        line.LineWidth = 1.5f;
        if (label.Length > 0)
        {
            line.LegendText = label;
            plot.ShowLegend(Alignment.UpperRight);
        }

        if (options.Title is { Length: > 0 } title)
        {
            plot.Title(title);
        }

        plot.XLabel(options.XLabel);
        plot.YLabel(options.YLabel);
        plot.Axes.AutoScale();
        if (options.TStartMs is not null || options.TStopMs is not null)
        {
            AxisLimits auto = plot.Axes.GetLimits();
            plot.Axes.SetLimitsX(options.TStartMs ?? auto.Left, options.TStopMs ?? auto.Right);
        }

        ImageOutput.Save(plot, path, svg, options.Width, options.Height);
    }
}
