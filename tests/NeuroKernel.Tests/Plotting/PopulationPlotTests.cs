using NeuroKernel.Plotting;

namespace NeuroKernel.Tests.Plotting;

/// <summary><see cref="PopulationPlot"/>: box statistics as matplotlib computes them, images in the requested format and size, and bad input refused.</summary>
[TestFixture]
public class PopulationPlotTests
{
    private static readonly double[] WithOutlier = [5, 3, 1, 2, 4, 100, 6, 8, 7, 9];
    private static readonly double[] Outlier = [100];
    private static readonly string[] TwoNames = ["A", "B"];

    private string _dir = "";

    [OneTimeSetUp]
    public void MakeDirectory() => _dir = Directory.CreateTempSubdirectory("nk-population-").FullName;

    [OneTimeTearDown]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    private string Out(string name) => Path.Combine(_dir, name);

    private static PopulationSpikes[] TwoPopulations()
    {
        var rng = new System.Random(3);
        PopulationSpikes Make(string name, int first, int count) =>
            new(name, first, count, [.. Enumerable.Range(0, 400).Select(_ => first + rng.Next(count))], [.. Enumerable.Range(0, 400).Select(_ => rng.NextDouble() * 300.0)]);
        return [Make("E", 1, 80), Make("I", 81, 20)];
    }

    [Test]
    public void Box_statistics_are_matplotlibs()
    {
        // numpy.percentile (linear): Q1 = 3.25, median = 5.5, Q3 = 7.75; whiskers reach the farthest values within
        // 1.5 · IQR = 6.75 of the box (1 and 9), and 100 is an outlier.
        var s = BoxStatistics.Of(WithOutlier, "values")!;

        Assert.That((s.LowerQuartile, s.Median, s.UpperQuartile), Is.EqualTo((3.25, 5.5, 7.75)));
        Assert.That((s.LowerWhisker, s.UpperWhisker), Is.EqualTo((1.0, 9.0)));
        Assert.That(s.Outliers, Is.EqualTo(Outlier));
        Assert.That((s.Min, s.Max), Is.EqualTo((1.0, 100.0)));
        Assert.That(BoxStatistics.Of([], "values"), Is.Null);
    }

    [TestCase("raster.png", 700, 900)]
    [TestCase("raster.svg", 640, 480)]
    public void Raster_writes_the_image_in_its_format_and_size(string name, int width, int height)
    {
        PopulationPlot.Raster(Out(name), TwoPopulations(), 100.0, 300.0, step: 2, width: width, height: height);

        if (name.EndsWith(".png", StringComparison.Ordinal))
        {
            Assert.That(ImageFiles.PngSize(Out(name)), Is.EqualTo((width, height)));
        }
        else
        {
            Assert.That(ImageFiles.SvgSize(Out(name)), Is.EqualTo(((double)width, (double)height)));
        }
    }

    [TestCase("box.png")]
    [TestCase("box.svg")]
    public void Box_writes_the_image(string name)
    {
        PopulationPlot.Box(Out(name), TwoNames, [WithOutlier, []], "Rate (spikes/s)", 500, 400);

        Assert.That(new FileInfo(Out(name)).Length, Is.GreaterThan(1000));
    }

    [Test]
    public void Bad_input_is_refused_before_anything_is_written()
    {
        var pops = TwoPopulations();
        Assert.Throws<ArgumentOutOfRangeException>(() => PopulationPlot.Raster(Out("r1.png"), pops, 300.0, 300.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PopulationPlot.Raster(Out("r2.png"), pops, 0.0, 300.0, step: 0));
        Assert.Throws<ArgumentException>(() => PopulationPlot.Raster(Out("r3.png"), [], 0.0, 300.0));
        Assert.Throws<ArgumentException>(() => PopulationPlot.Raster(Out("r4.jpg"), pops, 0.0, 300.0));
        Assert.Throws<ArgumentException>(() => PopulationPlot.Raster(Out("r5.png"), [new PopulationSpikes("X", 1, 2, [1, 2], [1.0])], 0.0, 300.0));
        Assert.Throws<ArgumentException>(() => PopulationPlot.Box(Out("b1.png"), TwoNames, [WithOutlier], "x"));
        Assert.Throws<ArgumentException>(() => PopulationPlot.Box(Out("b2.png"), TwoNames, [WithOutlier, [double.NaN]], "x"));
        Assert.That(Directory.GetFiles(_dir, "r?.*").Concat(Directory.GetFiles(_dir, "b?.*")), Is.Empty);
    }
}
