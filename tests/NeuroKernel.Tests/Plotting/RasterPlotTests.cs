using NeuroKernel.Plotting;
using SkiaSharp;

namespace NeuroKernel.Tests.Plotting;

/// <summary>
/// <see cref="RasterPlot"/>: the images are produced in the requested format and size, the histogram's bins hold
/// exactly the recorded spikes, and the spike files read back what the recorder holds. One small network is run
/// once for the fixture.
/// </summary>
[TestFixture]
public class RasterPlotTests
{
    private static readonly double[] ShortLastBinEdges = [0.0, 5.0, 10.0, 12.0];
    private static readonly int[] ShortLastBinCounts = [2, 1, 2];
    private static readonly double[] ShortLastBinRates = [400.0, 200.0, 1000.0];
    private static readonly int[] HeaderFileSenders = [3, 1];
    private static readonly double[] HeaderFileTimes = [1.5, 2.0];

    private string _dir = "";
    private SmallNetwork _net = null!;

    [OneTimeSetUp]
    public void RunNetwork()
    {
        _dir = Directory.CreateTempSubdirectory("nk-raster-").FullName;
        _net = new SmallNetwork(_dir);
    }

    [OneTimeTearDown]
    public void Cleanup()
    {
        _net.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private string Out(string name) => Path.Combine(_dir, name);

    [Test]
    public void The_network_spikes_in_every_neuron()
    {
        Assert.That(_net.Senders.Distinct().Order(), Is.EqualTo(_net.Neurons.ToArray()));
        Assert.That(_net.Times, Has.All.InRange(0.0, SmallNetwork.SimTimeMs));
    }

    #region Images

    [TestCase(800, 600)]
    [TestCase(640, 480)]
    [TestCase(1200, 300)]
    public void FromRecorder_writes_a_png_of_the_requested_size(int width, int height)
    {
        string path = Out($"raster-{width}x{height}.png");
        RasterPlot.FromRecorder(_net.Sim, _net.Memory, path, new RasterPlotOptions { Width = width, Height = height, Title = "20 neurons" });

        Assert.That(ImageFiles.PngSize(path), Is.EqualTo((width, height)));
    }

    [Test]
    public void FromRecorder_png_shows_dots_and_bars()
    {
        string path = Out("raster-content.png");
        RasterPlot.FromRecorder(_net.Sim, _net.Memory, path);

        // The raster's dots are ScottPlot's first palette colour (matplotlib's blue, as NEST's plots), the bars gray;
        // the raster fills the top 72 % of the figure and the histogram the rest.
        using var bitmap = SKBitmap.Decode(path);
        int split = (int)(0.72 * bitmap.Height);
        int blueAbove = 0, blueBelow = 0, grayBelow = 0;
        for (int y = 0; y < bitmap.Height; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                SKColor c = bitmap.GetPixel(x, y);
                bool blue = c.Blue > 150 && c.Red < 100;
                bool gray = c.Red == c.Green && c.Green == c.Blue && c.Red is > 100 and < 160;
                if (y < split)
                {
                    blueAbove += blue ? 1 : 0;
                }
                else
                {
                    blueBelow += blue ? 1 : 0;
                    grayBelow += gray ? 1 : 0;
                }
            }
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(blueAbove, Is.GreaterThan(_net.Times.Length), "dots in the raster");
            Assert.That(blueBelow, Is.Zero, "no dots in the histogram");
            Assert.That(grayBelow, Is.GreaterThan(1000), "bars in the histogram");
        }
    }

    [Test]
    public void The_title_is_drawn_which_needs_an_installed_font()
    {
        string with = Out("raster-title.png");
        string without = Out("raster-notitle.png");
        RasterPlot.Save(with, _net.Senders, _net.Times, new RasterPlotOptions { Title = "Title" });
        RasterPlot.Save(without, _net.Senders, _net.Times);

        // SkiaSharp draws text with the system's fonts and silently draws none where there are none (Debian:
        // fonts-dejavu-core). The title sits in the top 40 pixels, above the data area.
        Assert.That(DarkPixels(with, 40), Is.GreaterThan(50), "no text drawn: is a font installed (e.g. fonts-dejavu-core)?");
        Assert.That(DarkPixels(without, 18), Is.Zero, "nothing above the data area without a title");
    }

    private static int DarkPixels(string path, int rows)
    {
        using var bitmap = SKBitmap.Decode(path);
        int dark = 0;
        for (int y = 0; y < rows; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                dark += bitmap.GetPixel(x, y).Red < 128 ? 1 : 0;
            }
        }

        return dark;
    }

    [TestCase(800, 600)]
    [TestCase(500, 700)]
    public void FromRecorder_writes_an_svg_of_the_requested_size(int width, int height)
    {
        string path = Out($"raster-{width}x{height}.svg");
        RasterPlot.FromRecorder(_net.Sim, _net.Memory, path, new RasterPlotOptions { Width = width, Height = height });

        Assert.That(ImageFiles.SvgSize(path), Is.EqualTo(((double)width, (double)height)));
        Assert.That(ImageFiles.SvgRoot(path).Descendants().Count(), Is.GreaterThan(_net.Times.Length), "one element per dot at least");
    }

    [Test]
    public void Save_without_histogram_writes_a_single_raster()
    {
        string path = Out("raster-nohist.png");
        RasterPlot.Save(path, _net.Senders, _net.Times, new RasterPlotOptions { Histogram = false, Width = 400, Height = 300 });

        Assert.That(ImageFiles.PngSize(path), Is.EqualTo((400, 300)));
    }

    [Test]
    public void Save_with_no_spikes_writes_an_empty_plot()
    {
        string path = Out("raster-empty.svg");
        RasterPlot.Save(path, [], [], new RasterPlotOptions { Title = "silence" });

        Assert.That(ImageFiles.SvgSize(path), Is.EqualTo((800.0, 600.0)));
    }

    [Test]
    public void The_extension_chooses_the_format_whatever_its_case()
    {
        string path = Out("raster-upper.PNG");
        RasterPlot.Save(path, _net.Senders, _net.Times);

        Assert.That(ImageFiles.PngSize(path), Is.EqualTo((800, 600)));
    }

    #endregion

    #region Histogram

    [Test]
    public void Histogram_bins_hold_the_recorded_spikes_of_each_bin()
    {
        const double binWidth = 5.0;
        SpikeHistogram h = RasterPlot.Histogram(_net.Times, binWidth, 0.0, SmallNetwork.SimTimeMs);

        // Independently, in integers: a spike at step s (t = 0.1 s ms) falls in bin s / 50, and a spike at the
        // stop time in the last bin.
        int bins = (int)(SmallNetwork.SimTimeMs / binWidth);
        var expected = new int[bins];
        foreach (double t in _net.Times)
        {
            long step = (long)Math.Round(t / 0.1);
            expected[Math.Min(bins - 1, (int)(step / 50))]++;
        }

        long nEvents = _net.Sim.GetStatus(_net.Memory).Get<long>("n_events");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(h.BinCount, Is.EqualTo(bins));
            Assert.That(h.BinEdges, Is.EqualTo(Enumerable.Range(0, bins + 1).Select(k => k * binWidth)).Within(1e-12));
            Assert.That(h.Counts, Is.EqualTo(expected));
            Assert.That(h.Counts.Sum(), Is.EqualTo(nEvents));
            Assert.That(h.TotalCount, Is.EqualTo(nEvents));
        }
    }

    [Test]
    public void Histogram_rates_are_counts_over_neurons_and_bin_seconds()
    {
        SpikeHistogram h = RasterPlot.Histogram(_net.Times, 5.0, 0.0, SmallNetwork.SimTimeMs);
        double[] rates = h.RatesHz(SmallNetwork.NeuronCount);

        Assert.That(rates, Is.EqualTo(h.Counts.Select(c => c / (SmallNetwork.NeuronCount * 0.005))).Within(1e-9));

        // The time average of the population rate is the mean rate of the neurons.
        double meanRate = _net.Times.Length / (SmallNetwork.NeuronCount * SmallNetwork.SimTimeMs / 1000.0);
        Assert.That(rates.Average(), Is.EqualTo(meanRate).Within(1e-9));
    }

    [Test]
    public void Histogram_of_grid_times_counts_every_step_once()
    {
        // Times k·0.1 for k = 0..2000 (as the kernel computes them) in 0.5 ms bins: five per bin, six in the last,
        // which is closed on the right; none are lost or doubled at the edges.
        double[] times = [.. Enumerable.Range(0, 2001).Select(k => k * 0.1)];
        SpikeHistogram h = RasterPlot.Histogram(times, 0.5, 0.0, 200.0);

        var expected = Enumerable.Repeat(5, 400).ToArray();
        expected[^1] = 6;
        Assert.That(h.Counts, Is.EqualTo(expected));
    }

    [Test]
    public void Histogram_last_bin_is_shorter_when_the_range_is_not_whole_bins()
    {
        SpikeHistogram h = RasterPlot.Histogram([0.0, 4.9, 5.0, 11.9, 12.0, 12.1, -0.1], 5.0, 0.0, 12.0);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(h.BinEdges, Is.EqualTo(ShortLastBinEdges));
            Assert.That(h.Counts, Is.EqualTo(ShortLastBinCounts), "12.1 and -0.1 are outside");
            Assert.That(h.RatesHz(1), Is.EqualTo(ShortLastBinRates).Within(1e-9), "the last bin is 2 ms wide");
        }
    }

    [Test]
    public void Histogram_starting_later_leaves_out_earlier_spikes()
    {
        SpikeHistogram h = RasterPlot.Histogram(_net.Times, 10.0, 100.0, 200.0);

        Assert.That(h.TotalCount, Is.EqualTo(_net.Times.Count(t => t >= 100.0)));
        Assert.That(h.BinEdges[0], Is.EqualTo(100.0));
    }

    [TestCase(0.0, 0.0, 100.0)]
    [TestCase(-5.0, 0.0, 100.0)]
    [TestCase(double.NaN, 0.0, 100.0)]
    [TestCase(double.PositiveInfinity, 0.0, 100.0)]
    [TestCase(5.0, 100.0, 100.0)]
    [TestCase(5.0, 100.0, 50.0)]
    [TestCase(5.0, double.NegativeInfinity, 50.0)]
    [TestCase(5.0, 0.0, double.NaN)]
    public void Histogram_with_bad_arguments_throws(double binWidth, double tStart, double tStop)
    {
        Assert.That(() => RasterPlot.Histogram([1.0], binWidth, tStart, tStop), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    #endregion

    #region Files

    [Test]
    public void Gdf_file_reads_back_the_recorded_spikes()
    {
        SpikeEvents events = SpikeFile.Read(_net.GdfFile);

        Assert.That(Path.GetExtension(_net.GdfFile), Is.EqualTo(".gdf"));
        AssertSameSpikes(events);
    }

    [Test]
    public void Dat_file_reads_back_the_recorded_spikes()
    {
        SpikeEvents events = SpikeFile.Read(_net.DatFile);

        Assert.That(Path.GetExtension(_net.DatFile), Is.EqualTo(".dat"));
        Assert.That(File.ReadLines(_net.DatFile).Take(3).Last(), Is.EqualTo("sender\ttime_ms"), "the column line");
        AssertSameSpikes(events);
    }

    [Test]
    public void Several_files_read_as_one_list()
    {
        SpikeEvents events = SpikeFile.Read([_net.GdfFile, _net.DatFile]);

        Assert.That(events.Count, Is.EqualTo(2 * _net.Times.Length));
        Assert.That(events.Senders.Take(_net.Senders.Length), Is.EqualTo(_net.Senders));
    }

    [Test]
    public void FromFiles_draws_the_same_histogram_as_FromRecorder()
    {
        string fromFiles = Out("raster-files.png");
        string fromRecorder = Out("raster-recorder.png");
        var options = new RasterPlotOptions { TStopMs = SmallNetwork.SimTimeMs, Width = 600, Height = 400 };
        RasterPlot.FromFiles([_net.GdfFile], fromFiles, options);
        RasterPlot.FromRecorder(_net.Sim, _net.Memory, fromRecorder, options);

        Assert.That(ImageFiles.PngSize(fromFiles), Is.EqualTo((600, 400)));

        // The files hold times rounded to µs, which does not move a grid time across a bin edge.
        var fileHist = RasterPlot.Histogram(SpikeFile.Read(_net.DatFile).Times, 5.0, 0.0, SmallNetwork.SimTimeMs);
        var memHist = RasterPlot.Histogram(_net.Times, 5.0, 0.0, SmallNetwork.SimTimeMs);
        Assert.That(fileHist.Counts, Is.EqualTo(memHist.Counts));
    }

    [Test]
    public void FromFiles_reads_dat_files_with_spaces_and_a_nest_header()
    {
        string file = Out("nest3-style.dat");
        File.WriteAllText(file, "# NEST version: 3.9.0\n# RecordingBackendASCII version: 2\nsender time_ms\n3 1.500\n\n1  2.000\n");
        SpikeEvents events = SpikeFile.Read(file);

        Assert.That(events.Senders, Is.EqualTo(HeaderFileSenders));
        Assert.That(events.Times, Is.EqualTo(HeaderFileTimes));
        RasterPlot.FromFiles([file], Out("nest3-style.svg"));
        Assert.That(File.Exists(Out("nest3-style.svg")));
    }

    [Test]
    public void A_file_with_times_in_steps_is_refused_with_a_hint()
    {
        string file = Out("steps.dat");
        File.WriteAllText(file, "# NEST version: 3.9.0\n# RecordingBackendASCII version: 2\nsender\ttime_step\toffset\n1\t15\t0.0\n");

        Assert.That(() => SpikeFile.Read(file), Throws.TypeOf<FormatException>().With.Message.Contains("time_in_steps"));
    }

    [Test]
    public void A_malformed_line_is_reported_with_its_number()
    {
        string file = Out("bad.gdf");
        File.WriteAllText(file, "1\t2.0\n2\n");

        Assert.That(() => SpikeFile.Read(file), Throws.TypeOf<FormatException>().With.Message.Contains("line 2"));
    }

    private void AssertSameSpikes(SpikeEvents events)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(events.Count, Is.EqualTo(_net.Times.Length));
            Assert.That(events.Senders, Is.EqualTo(_net.Senders));

            // Files hold times with three decimals (NEST's format).
            Assert.That(events.Times, Is.EqualTo(_net.Times).Within(0.0005));
        }
    }

    #endregion

    #region Errors

    [TestCase("raster.jpg")]
    [TestCase("raster")]
    [TestCase("raster.png.txt")]
    public void Save_with_an_unknown_extension_throws_before_drawing(string name)
    {
        string path = Out(name);
        Assert.That(() => RasterPlot.Save(path, [1], [1.0]), Throws.ArgumentException.With.Message.Contains(".png or .svg"));
        Assert.That(File.Exists(path), Is.False);
    }

    [Test]
    public void Save_with_lists_of_different_lengths_throws()
    {
        Assert.That(() => RasterPlot.Save(Out("x.png"), [1, 2], [1.0]), Throws.ArgumentException);
    }

    [Test]
    public void FromRecorder_of_a_neuron_throws()
    {
        Assert.That(() => RasterPlot.FromRecorder(_net.Sim, _net.Neurons[..1], Out("x.png")),
            Throws.ArgumentException.With.Message.Contains("not a spike recorder"));
    }

    [Test]
    public void FromRecorder_of_two_recorders_throws()
    {
        Assert.That(() => RasterPlot.FromRecorder(_net.Sim, _net.Memory + _net.Gdf, Out("x.png")), Throws.ArgumentException);
    }

    [Test]
    public void Bad_options_throw()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => RasterPlot.Save(Out("x.png"), [1], [1.0], new RasterPlotOptions { Width = 0 }), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => RasterPlot.Save(Out("x.png"), [1], [1.0], new RasterPlotOptions { BinWidthMs = 0 }), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => RasterPlot.Save(Out("x.png"), [1], [1.0], new RasterPlotOptions { NeuronCount = 0 }), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => RasterPlot.Save(Out("x.png"), [1], [1.0], new RasterPlotOptions { TStartMs = 10, TStopMs = 10 }), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => RasterPlot.Save(Out("x.png"), [1], [1.0], new RasterPlotOptions { TStopMs = -1 }), Throws.TypeOf<ArgumentOutOfRangeException>());
        }
    }

    #endregion
}
