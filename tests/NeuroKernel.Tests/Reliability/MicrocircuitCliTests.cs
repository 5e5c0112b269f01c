using NeuroKernel.Tests.Packaging;

namespace NeuroKernel.Tests.Reliability;

/// <summary>
/// The microcircuit sample as a user runs it, in a child process: a small run prints the report and writes both plots;
/// a bad option ends with one line and exit code 2. The sample is built once for the fixture.
/// </summary>
[TestFixture]
[NonParallelizable]
public class MicrocircuitCliTests
{
    private string _dir = "";
    private string _dll = "";

    [OneTimeSetUp]
    public void BuildSample()
    {
        _dir = Directory.CreateTempSubdirectory("nk-microcircuit-cli-").FullName;
        string root = RepositoryRoot.Find();
        var build = DotNetCli.Run(root, TimeSpan.FromMinutes(4), null,
            "build", Path.Combine("samples", "Microcircuit", "Microcircuit.csproj"), "-c", "Release", "-o", Path.Combine(_dir, "bin"), "-nodeReuse:false");
        Assert.That(build.ExitCode, Is.Zero, build.Describe());
        _dll = Path.Combine(_dir, "bin", "Microcircuit.dll");
    }

    [OneTimeTearDown]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    private DotNetCli.Result Run(params string[] args) => DotNetCli.Run(_dir, TimeSpan.FromMinutes(2), null, [_dll, .. args]);

    [Test]
    public void A_small_run_reports_every_population_and_writes_both_plots()
    {
        var r = Run("--scale", "0.02", "--presim", "100", "--simtime", "300", "--thalamic", "--threads", "2", "--out", _dir);

        Assert.That(r.ExitCode, Is.Zero, r.Describe());
        foreach (string line in new[] { "Number of connections", "Time to create", "Time to connect", "Time to presimulate", "Time to simulate", "Real-time factor", "Peak memory" })
        {
            Assert.That(r.Output, Does.Contain(line));
        }

        foreach (string population in NeuroKernel.Samples.Microcircuit.MicrocircuitParameters.Populations)
        {
            Assert.That(r.Output, Does.Match($@"(?m)^{population}\s+\d+\s+\d+\.\d+"));
        }

        Assert.That(new FileInfo(Path.Combine(_dir, "microcircuit_raster.png")).Length, Is.GreaterThan(5000));
        Assert.That(new FileInfo(Path.Combine(_dir, "microcircuit_box_plot.png")).Length, Is.GreaterThan(5000));
    }

    [TestCase("--scale", "0", "--scale must be a number in (0, 1], not '0'")]
    [TestCase("--k-scaling", "1.5", "--k-scaling must be a number in (0, 1], not '1.5'")]
    [TestCase("--simtime", "0.05", "--simtime must be a multiple of the resolution (0.1 ms)")]
    [TestCase("--presim", "-1", "--presim must be a non-negative number of ms, not '-1'")]
    [TestCase("--threads", "0", "--threads must be an integer from 1 to 1024")]
    [TestCase("--bogus", null, "unknown option '--bogus'")]
    [TestCase("--seed", null, "option --seed needs a value")]
    public void Invalid_options_end_with_one_line_and_exit_code_2(string option, string? value, string message)
    {
        var r = value is null ? Run(option) : Run(option, value);

        Assert.That(r.ExitCode, Is.EqualTo(2), r.Describe());
        string[] lines = r.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1), r.Output);
        Assert.That(lines[0], Does.StartWith("Microcircuit: ").And.Contain(message));
    }
}
