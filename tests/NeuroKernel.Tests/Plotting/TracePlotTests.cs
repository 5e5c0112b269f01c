using NeuroKernel.Plotting;

namespace NeuroKernel.Tests.Plotting;

/// <summary><see cref="TracePlot"/>: a membrane-potential trace drawn to PNG and SVG at the requested size.</summary>
[TestFixture]
public class TracePlotTests
{
    private string _dir = "";

    // A charging membrane: V(t) = E_L + R·I·(1 − exp(−t/tau_m)), sampled every 0.1 ms for 100 ms.
    private static readonly double[] Times = [.. Enumerable.Range(1, 1000).Select(k => k * 0.1)];
    private static readonly double[] Values = [.. Times.Select(t => -70.0 + 10.0 * (1 - Math.Exp(-t / 10.0)))];

    [OneTimeSetUp]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("nk-trace-").FullName;

    [OneTimeTearDown]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [TestCase(800, 400)]
    [TestCase(333, 222)]
    public void Save_writes_a_png_of_the_requested_size(int width, int height)
    {
        string path = Path.Combine(_dir, $"trace-{width}.png");
        TracePlot.Save(path, Times, Values, "V_m", new TracePlotOptions { Width = width, Height = height, Title = "iaf_psc_alpha" });

        Assert.That(ImageFiles.PngSize(path), Is.EqualTo((width, height)));
    }

    [Test]
    public void Save_writes_an_svg_of_the_requested_size()
    {
        string path = Path.Combine(_dir, "trace.svg");
        TracePlot.Save(path, Times, Values, "", new TracePlotOptions { TStartMs = 0, TStopMs = 50 });

        Assert.That(ImageFiles.SvgSize(path), Is.EqualTo((800.0, 400.0)));
    }

    [Test]
    public void Save_with_lists_of_different_lengths_throws()
    {
        Assert.That(() => TracePlot.Save(Path.Combine(_dir, "x.png"), Times, Values[..10], "V_m"), Throws.ArgumentException);
    }

    [Test]
    public void Save_with_an_unknown_extension_throws()
    {
        Assert.That(() => TracePlot.Save(Path.Combine(_dir, "x.bmp"), Times, Values, "V_m"), Throws.ArgumentException);
    }

    /// <summary>voltage_trace.from_device: one trace per recorded neuron, labelled with its id, the y axis named after the recordable.</summary>
    [Test]
    public void FromMultimeter_draws_one_labelled_trace_per_neuron()
    {
        using var sim = new Simulator();
        var neurons = sim.Create("iaf_psc_alpha", 3, new() { ["I_e"] = 380.0 });
        sim.SetStatus(neurons, "I_e", [370.0, 380.0, 390.0]);
        var meter = sim.Create("voltmeter", 1, new() { ["interval"] = 0.5 });
        sim.Connect(meter, neurons);
        sim.Simulate(2000.0);
        string path = Path.Combine(_dir, "from-multimeter.svg");

        TracePlot.FromMultimeter(sim, meter, path);

        Assert.That(ImageFiles.SvgSize(path), Is.EqualTo((800.0, 400.0)));
        var (recordable, traces) = TracePlot.MultimeterTraces(sim, meter, null);
        Assert.That(recordable, Is.EqualTo("V_m"));
        Assert.That(string.Join(", ", traces.Select(t => t.Label)), Is.EqualTo("neuron 1, neuron 2, neuron 3"));
        Assert.That(traces.Select(t => t.Times.Count).Distinct().Single(), Is.InRange(3999, 4000), "every 0.5 ms for 2 s");
        Assert.That(traces[0].Values, Is.Not.EqualTo(traces[2].Values), "each trace is its own neuron's (different I_e)");
        Assert.That(() => TracePlot.FromMultimeter(sim, meter, path, "g_ex"), Throws.ArgumentException.With.Message.Contains("g_ex"));
        Assert.That(() => TracePlot.FromMultimeter(sim, neurons[..1], path), Throws.ArgumentException.With.Message.Contains("not a multimeter"));
    }

    /// <summary>Tick labels are written as numbers are in the field: 1000 and 2000 ms, not "1,000".</summary>
    [Test]
    public void Tick_labels_have_no_thousands_separator()
    {
        double[] times = [.. Enumerable.Range(0, 2001).Select(k => (double)k)];
        double[] values = [.. times.Select(t => 1000.0 + t)];
        string path = Path.Combine(_dir, "ticks.svg");

        TracePlot.Save(path, [new Trace("a", times, values), new Trace("b", times, [.. values.Select(v => v + 500.0)])]);

        Assert.That(ImageFiles.SvgSize(path), Is.EqualTo((800.0, 400.0)));
        Assert.That(FigureStyle.Label(1000.0), Is.EqualTo("1000"));
        Assert.That(FigureStyle.Label(12500.0), Is.EqualTo("12500"));
        Assert.That(FigureStyle.Label(0.30000000000000004), Is.EqualTo("0.3"));
        Assert.That(FigureStyle.Label(-2.5), Is.EqualTo("-2.5"));
    }

    [Test]
    public void Save_of_several_traces_checks_each_trace()
    {
        Assert.That(() => TracePlot.Save(Path.Combine(_dir, "bad.png"), [new Trace("ok", Times, Values), new Trace("short", Times, Values[..10])]),
            Throws.ArgumentException.With.Message.Contains("short"));
    }

    /// <summary>The raster's id axis starts half an id below the first id that fired (0.5 for id 1), not at 0.</summary>
    [TestCase(1, 50, 0.5, 50.5)]
    [TestCase(12, 12, 11.5, 12.5)]
    public void Raster_id_axis_covers_the_ids_that_fired(int lo, int hi, double bottom, double top)
    {
        Assert.That(RasterPlot.IdAxis(lo, hi), Is.EqualTo((bottom, top)));
    }
}
