using ScottPlot;

namespace NeuroKernel.Plotting;

/// <summary>
/// Plots of a sampled signal against time, such as a membrane-potential trace recorded by a voltmeter or
/// multimeter (NEST's <c>voltage_trace.from_device</c>). The plot takes the samples as data, so it works with any
/// recorder. The image is written as PNG or SVG, chosen by the file name's extension.
/// </summary>
public static class TracePlot
{
    /// <summary>Draws one trace and writes it to <paramref name="path"/>; the legend, when labelled, sits outside the data.</summary>
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
        Save(path, [new Trace(label, times, values)], options);
    }

    /// <summary>
    /// Draws several traces in one plot, each in its own colour, and writes it to <paramref name="path"/>. The legend,
    /// when any trace has a label, sits to the right of the data, outside it.
    /// </summary>
    /// <param name="path">The image file; its extension, <c>.png</c> or <c>.svg</c>, chooses the format. An existing file is replaced.</param>
    /// <param name="traces">The traces, drawn in order.</param>
    /// <param name="options">Size, title, labels and time range; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="options"/> is null, or a trace is.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or does not end in <c>.png</c> or <c>.svg</c>, or a trace's lists differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (see <see cref="TracePlotOptions"/>).</exception>
    /// <exception cref="IOException">The file cannot be written, e.g. because its directory does not exist.</exception>
    public static void Save(string path, IReadOnlyList<Trace> traces, TracePlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(traces);
        options ??= new TracePlotOptions();
        bool svg = ImageOutput.IsSvg(path, nameof(path));
        options.Validate();
        foreach (var trace in traces)
        {
            ArgumentNullException.ThrowIfNull(trace, nameof(traces));
            if (trace.Times.Count != trace.Values.Count)
            {
                throw new ArgumentException(
                    $"There must be one value per time ({trace.Times.Count} times, {trace.Values.Count} values in trace '{trace.Label}').", nameof(traces));
            }
        }

        using var plot = new Plot();
        FigureStyle.Apply(plot);
        var palette = new ScottPlot.Palettes.Category10();
        bool legend = false;
        for (int k = 0; k < traces.Count; k++)
        {
            var line = plot.Add.ScatterLine(traces[k].Times.ToArray(), traces[k].Values.ToArray(), palette.GetColor(k));
            line.LineWidth = 1.5f;
            if (traces[k].Label.Length > 0)
            {
                line.LegendText = traces[k].Label;
                legend = true;
            }
        }

        if (legend)
        {
            // Outside the data area, so that it never hides a trace.
            plot.ShowLegend(Edge.Right);
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

    /// <summary>
    /// Draws what a multimeter or voltmeter holds in memory, one trace per recorded neuron (NEST's
    /// <c>voltage_trace.from_device</c>), and writes it to <paramref name="path"/>. Each trace is labelled
    /// <c>neuron ID</c>; with more than <see cref="MaxLegendEntries"/> neurons the legend is left out.
    /// </summary>
    /// <param name="sim">The simulator that holds the recorder.</param>
    /// <param name="meter">One <c>multimeter</c> or <c>voltmeter</c> node.</param>
    /// <param name="path">The image file; its extension, <c>.png</c> or <c>.svg</c>, chooses the format. An existing file is replaced.</param>
    /// <param name="recordable">The recorded quantity to draw, e.g. <c>"V_m"</c>; <see langword="null"/> for the first of the recorder's <c>record_from</c>.</param>
    /// <param name="options">Size, title, labels and time range; <see langword="null"/> for the defaults (the y label is then the recordable).</param>
    /// <exception cref="ArgumentNullException"><paramref name="sim"/> or <paramref name="meter"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="meter"/> is not exactly one node, the node is not a multimeter, it does not record <paramref name="recordable"/>, or <paramref name="path"/> does not end in <c>.png</c> or <c>.svg</c>.</exception>
    /// <exception cref="UnknownNodeException">The node does not exist.</exception>
    /// <exception cref="IOException">The file cannot be written, e.g. because its directory does not exist.</exception>
    public static void FromMultimeter(Simulator sim, NodeCollection meter, string path, string? recordable = null, TracePlotOptions? options = null)
    {
        var (quantity, traces) = MultimeterTraces(sim, meter, recordable);
        Save(path, traces, options ?? new TracePlotOptions { YLabel = quantity });
    }

    /// <summary>The recordable drawn and one trace per sender, in id order (labelled when there are few enough).</summary>
    internal static (string Recordable, List<Trace> Traces) MultimeterTraces(Simulator sim, NodeCollection meter, string? recordable)
    {
        var (status, events) = RecorderEvents.Read(sim, meter, "multimeter or voltmeter");
        if (!status.TryGetValue("record_from", out object? from) || from is not string[] recorded)
        {
            throw new ArgumentException($"Node {meter[0]} is not a multimeter or voltmeter (it has no record_from).", nameof(meter));
        }

        string quantity = recordable ?? (recorded.Length > 0 ? recorded[0] : "V_m");
        if (!recorded.Contains(quantity))
        {
            throw new ArgumentException(
                $"Node {meter[0]} records {(recorded.Length == 0 ? "nothing" : string.Join(", ", recorded))}, not '{quantity}'.", nameof(recordable));
        }

        int[] senders = events.Get<int[]>(ParameterNames.Senders);
        double[] times = events.Get<double[]>(ParameterNames.Times);
        double[] values = events.Get<double[]>(quantity);
        var bySender = new SortedDictionary<int, (List<double> Times, List<double> Values)>();
        for (int i = 0; i < senders.Length; i++)
        {
            if (!bySender.TryGetValue(senders[i], out var trace))
            {
                trace = ([], []);
                bySender.Add(senders[i], trace);
            }

            trace.Times.Add(times[i]);
            trace.Values.Add(values[i]);
        }

        bool legend = bySender.Count <= MaxLegendEntries;
        return (quantity, bySender.Select(kv => new Trace(legend ? $"neuron {kv.Key}" : "", kv.Value.Times, kv.Value.Values)).ToList());
    }

    /// <summary>The most traces <see cref="FromMultimeter"/> labels in a legend.</summary>
    public const int MaxLegendEntries = 10;
}
