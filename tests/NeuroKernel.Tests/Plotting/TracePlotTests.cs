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
}
