using System.Diagnostics;
using System.Globalization;
using System.Text;
using NeuroKernel.Tests.Packaging;

namespace NeuroKernel.Tests.Reliability;

/// <summary>
/// The Brunel sample as a new user runs it, in a child process: every value the help calls valid runs, every other one
/// ends with one line on stderr and exit code 2, and Ctrl-C ends with the report for the time simulated so far, the
/// plot, and exit code 130. The sample is built once for the fixture.
/// </summary>
[TestFixture]
[NonParallelizable]
public class SampleCliTests
{
    private string _dir = "";
    private string _dll = "";

    [OneTimeSetUp]
    public void BuildSample()
    {
        _dir = Directory.CreateTempSubdirectory("nk-sample-cli-").FullName;
        string root = RepositoryRoot.Find();
        var build = DotNetCli.Run(root, TimeSpan.FromMinutes(4), null,
            "build", Path.Combine("samples", "Brunel", "Brunel.csproj"), "-c", "Release", "-o", Path.Combine(_dir, "bin"), "-nodeReuse:false");
        Assert.That(build.ExitCode, Is.Zero, build.Describe());
        _dll = Path.Combine(_dir, "bin", "Brunel.dll");
    }

    [OneTimeTearDown]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [TestCase("--order", "1", "--order must be an integer from 10 to 1000000, not '1'")]
    [TestCase("--order", "9", "--order must be an integer from 10 to 1000000, not '9'")]
    [TestCase("--order", "2147483647", "--order must be an integer from 10 to 1000000")]
    [TestCase("--simtime", "0.05", "--simtime must be a multiple of the resolution (0.1 ms)")]
    [TestCase("--simtime", "0", "--simtime must be a positive number of ms, not '0'")]
    [TestCase("--simtime", "NaN", "--simtime must be a positive number of ms, not 'NaN'")]
    [TestCase("--threads", "0", "--threads must be an integer from 1 to 1024")]
    [TestCase("--bogus", null, "unknown option '--bogus'")]
    [TestCase("--model", "gamma", "--model must be alpha or delta, not 'gamma'")]
    [TestCase("--order", null, "option --order needs a value")]
    [TestCase("--order", "1000000", "--order 1000000 needs about")]
    public void Invalid_options_end_with_one_line_and_exit_code_2(string option, string? value, string message)
    {
        string[] args = value is null ? [option] : [option, value];
        var (exitCode, stdout, stderr) = Run(args, interruptAfterSimulating: false);

        Assert.That(exitCode, Is.EqualTo(2), stdout + stderr);
        string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1), stderr);
        Assert.That(lines[0], Does.StartWith("Brunel: ").And.Contain(message));
        Assert.That(stderr, Does.Not.Contain("Exception"));
    }

    /// <summary>The smallest valid order (10: NI = 10 recorded neurons instead of 50) and the smallest simulation time run.</summary>
    [TestCase("10", "0.1")]
    [TestCase("10", "100")]
    [TestCase("49", "50")]
    public void The_smallest_valid_values_run_and_report_finite_rates(string order, string simtime)
    {
        var (exitCode, stdout, stderr) = Run(["--order", order, "--simtime", simtime, "--no-plot", "--no-print-time"], interruptAfterSimulating: false);

        Assert.That(exitCode, Is.Zero, stdout + stderr);
        Assert.That(stdout, Does.Contain("Excitatory rate").And.Not.Contain("NaN"));
        Assert.That(stderr, Is.Empty);
    }

    [Test]
    public void Ctrl_C_prints_the_report_for_the_time_simulated_so_far_writes_the_plot_and_exits_with_130()
    {
        var (exitCode, stdout, stderr) = Run(["--order", "2500", "--simtime", "600000", "--no-print-time"], interruptAfterSimulating: true);

        Assert.That(exitCode, Is.EqualTo(130), stdout + stderr);
        Assert.That(stdout, Does.Match(@"Interrupted at \d+(\.\d+)? ms of 600000 ms"));
        Assert.That(stdout, Does.Contain("Excitatory rate").And.Contain("Simulation time").And.Not.Contain("NaN"));
        Assert.That(stderr, Does.Not.Contain("Unhandled exception"));
        Assert.That(File.Exists(Path.Combine(_dir, "brunel_raster.png")), Is.True, "the plot is written");
    }

    private (int ExitCode, string Stdout, string Stderr) Run(string[] args, bool interruptAfterSimulating)
    {
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(_dll);
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.ArgumentList.Add("--out");
        start.ArgumentList.Add(_dir);
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (stdout) { stdout.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        string Out() { lock (stdout) { return stdout.ToString(); } }

        try
        {
            if (interruptAfterSimulating)
            {
                var clock = Stopwatch.StartNew();
                while (!Out().Contains("Simulating", StringComparison.Ordinal))
                {
                    Assert.That(process.HasExited, Is.False, $"the sample exited before it simulated:\n{Out()}");
                    Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromMinutes(2)), $"the sample did not start simulating:\n{Out()}");
                    Thread.Sleep(20);
                }

                Thread.Sleep(1000);
                using var kill = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]);
                kill.WaitForExit();
            }

            Assert.That(process.WaitForExit(TimeSpan.FromMinutes(3)), Is.True, $"the sample did not exit:\n{Out()}");
            process.WaitForExit();
            lock (stderr)
            {
                return (process.ExitCode, Out(), stderr.ToString());
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
