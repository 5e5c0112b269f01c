using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NeuroKernel.Tests.Recording;

namespace NeuroKernel.Tests.Reliability;

/// <summary>
/// Recorded data is never lost: spike files (NEST 2 .gdf and NEST 3 ascii .dat) and voltmeter files hold every
/// event, in complete lines, whenever Simulate returns, when it throws, and when the process gets Ctrl-C
/// (a child process); existing files are kept unless overwrite_files is set; two recorders cannot write one file.
/// </summary>
[TestFixture]
public partial class RecordedDataTests
{
    private const string DatHeader = "# NEST version: 3.9.0 (NeuroKernel)\n# RecordingBackendASCII version: 2\n";

    [GeneratedRegex(@"^\d+\t\d+\.\d{3}$")]
    private static partial Regex SpikeLine();

    [GeneratedRegex(@"^\d+\t\d+\.\d{3}\t-?\d+\.\d{3}$")]
    private static partial Regex SampleLine();

    private static string F3(double x) => x.ToString("F3", CultureInfo.InvariantCulture);

    /// <summary>The lines of a file's text, which must end with a complete line (or be empty).</summary>
    private static string[] CompleteLines(string text, string what)
    {
        Assert.That(text.Length == 0 || text.EndsWith('\n'), Is.True, $"{what}: the last line is incomplete: '{text[Math.Max(0, text.Length - 40)..]}'");
        return text.Length == 0 ? [] : text[..^1].Split('\n');
    }

    /// <summary>A network with a .gdf recorder (which keeps memory too), an ascii .dat recorder, an ascii voltmeter
    /// and a memory voltmeter on the same five neurons, writing into the network's folder.</summary>
    private sealed record Recorded(ProbeNetwork Net, NodeCollection Gdf, NodeCollection Dat, NodeCollection VmFile, NodeCollection VmMemory)
    {
        public static Recorded Build(Action<Simulator>? before = null, bool overwrite = false)
        {
            var sim = new Simulator();
            before?.Invoke(sim);
            var net = ProbeNetwork.Build(sim);
            sim.SetKernelStatus(new() { ["data_path"] = net.Directory, ["overwrite_files"] = overwrite });
            var gdf = sim.Create("spike_detector", 1, new() { ["to_file"] = true, ["label"] = "spikes" });
            var dat = sim.Create("spike_recorder", 1, new() { ["record_to"] = "ascii", ["label"] = "spikes-dat" });
            var vmFile = sim.Create("voltmeter", 1, new() { ["record_to"] = "ascii", ["label"] = "vm", ["interval"] = 0.5 });
            var vmMemory = sim.Create("voltmeter", 1, new() { ["interval"] = 0.5 });
            sim.Connect(net.Neurons, gdf + dat);
            sim.Connect(vmFile, net.Neurons[..5]);
            sim.Connect(vmMemory, net.Neurons[..5]);
            return new Recorded(net, gdf, dat, vmFile, vmMemory);
        }

        public Simulator Sim => Net.Sim;

        public string GdfPath => Path.Combine(Net.Directory, $"spikes-{Gdf[0]}-0.gdf");

        public string DatPath => Path.Combine(Net.Directory, $"spikes-dat-{Dat[0]}-0.dat");

        public string VmPath => Path.Combine(Net.Directory, $"vm-{VmFile[0]}-0.dat");

        /// <summary>The .gdf lines the memory events of the .gdf recorder call for.</summary>
        public string[] ExpectedSpikeLines()
        {
            var events = Sim.GetStatus(Gdf).Get<StatusDictionary>("events");
            int[] senders = events.Get<int[]>("senders");
            double[] times = events.Get<double[]>("times");
            return [.. senders.Select((s, i) => $"{s}\t{F3(times[i])}")];
        }

        /// <summary>The voltmeter lines the memory voltmeter's events call for.</summary>
        public string[] ExpectedSampleLines()
        {
            var events = Sim.GetStatus(VmMemory).Get<StatusDictionary>("events");
            int[] senders = events.Get<int[]>("senders");
            double[] times = events.Get<double[]>("times"), v = events.Get<double[]>("V_m");
            return [.. senders.Select((s, i) => $"{s}\t{F3(times[i])}\t{F3(v[i])}")];
        }
    }

    private static void AssertFilesMatchMemory(Recorded r, string when)
    {
        string[] spikes = r.ExpectedSpikeLines(), samples = r.ExpectedSampleLines();
        string[] gdf = CompleteLines(RecorderFile.ReadText(r.GdfPath), $"{when}: .gdf");
        string dat = RecorderFile.ReadText(r.DatPath), vm = RecorderFile.ReadText(r.VmPath);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(gdf, Is.EqualTo(spikes), $"{when}: .gdf lines vs the recorded events");
            Assert.That(gdf, Is.All.Matches(SpikeLine()), $"{when}: .gdf line format");
            Assert.That(dat, Does.StartWith(DatHeader + "sender\ttime_ms\n"), $"{when}: .dat header");
            Assert.That(CompleteLines(dat, $"{when}: .dat").Skip(3), Is.EqualTo(spikes), $"{when}: .dat lines vs the recorded events");
            Assert.That(vm, Does.StartWith(DatHeader + "sender\ttime_ms\tV_m\n"), $"{when}: voltmeter header");
            Assert.That(CompleteLines(vm, $"{when}: voltmeter").Skip(3), Is.EqualTo(samples), $"{when}: voltmeter lines vs the memory voltmeter");
        }
    }

    [Test]
    public void Files_are_complete_and_flushed_whenever_Simulate_returns()
    {
        var r = Recorded.Build();
        using var net = r.Net;
        double total = 0.0;
        foreach (double t in new[] { 7.3, 20.0, 0.1, 0.0, 52.6 })
        {
            r.Sim.Simulate(t);
            total += t;
            AssertFilesMatchMemory(r, $"after Simulate to {F3(total)} ms");
        }

        Assert.That(r.ExpectedSpikeLines(), Has.Length.GreaterThan(100), "the network fired");
        Assert.That(r.ExpectedSampleLines(), Has.Length.EqualTo(5 * 160));
    }

    /// <summary>
    /// The update throws at step 150 (15 ms): Simulate throws, and the files hold, in complete lines, a prefix of
    /// what an undisturbed twin writes that covers every event up to the failure.
    /// </summary>
    [Test]
    public void Files_hold_everything_recorded_before_Simulate_throws()
    {
        static Recorded Twin(long failAtStep) => Recorded.Build(sim =>
        {
            FailingNeuronModel.RegisterIn(sim, failAtStep);
            sim.Create(FailingNeuronModel.ModelName, 300);   // ids 1..300; the probe network follows
        });

        var failing = Twin(150);
        var twin = Twin(long.MaxValue);
        using var failingNet = failing.Net;
        using var twinNet = twin.Net;
        failing.Sim.Simulate(10.0);
        Assert.That(() => failing.Sim.Simulate(20.0), Throws.InstanceOf<NeuroKernelException>());
        twin.Sim.Simulate(30.0);

        foreach (var (path, twinPath, stampColumn) in new[] { (failing.GdfPath, twin.GdfPath, 1), (failing.VmPath, twin.VmPath, 1) })
        {
            string got = RecorderFile.ReadText(path), full = RecorderFile.ReadText(twinPath);
            string[] lines = CompleteLines(got, Path.GetFileName(path));
            using (Assert.EnterMultipleScope())
            {
                Assert.That(full, Does.StartWith(got), $"{Path.GetFileName(path)}: what was written is what the undisturbed run writes");
                int upToFailure = CompleteLines(full, "twin").Count(l => !l.StartsWith('#') && !l.StartsWith("sender", StringComparison.Ordinal)
                    && double.Parse(l.Split('\t')[stampColumn], CultureInfo.InvariantCulture) <= 15.0);
                Assert.That(lines.Count(l => !l.StartsWith('#') && !l.StartsWith("sender", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(upToFailure),
                    $"{Path.GetFileName(path)}: every event up to the failure (15 ms) is in the file");
                Assert.That(upToFailure, Is.GreaterThan(10), "events before the failure");
            }
        }
    }

    /// <summary>
    /// A recorder's file cannot be written (a link to /dev/full: the disk is full). Simulate reports it as a
    /// NeuroKernel error that names the file, whether the write fails when Simulate flushes at its end (little
    /// output) or in the middle of the run (more output than the writer's buffer).
    /// </summary>
    [TestCase(20.0)]
    [TestCase(3000.0)]
    [Platform("Linux")]
    public void Failed_file_write_is_a_NeuroKernel_error_naming_the_file(double simtime)
    {
        var net = ProbeNetwork.Build();
        try
        {
            net.Sim.SetKernelStatus(new() { ["data_path"] = net.Directory, ["overwrite_files"] = true });
            var rec = net.Sim.Create("spike_recorder", 1, new() { ["record_to"] = "ascii", ["label"] = "full" });
            net.Sim.Connect(net.Neurons, rec);
            string path = Path.Combine(net.Directory, $"full-{rec[0]}-0.dat");
            File.CreateSymbolicLink(path, "/dev/full");

            using (Assert.EnterMultipleScope())
            {
                Assert.That(() => net.Sim.Simulate(simtime), Throws.InstanceOf<NeuroKernelException>().With.Message.Contains(Path.GetFileName(path)));
                Assert.That(net.Sim.Dispose, Throws.Nothing, "Dispose after a failed write");
            }
        }
        finally
        {
            try
            {
                net.Dispose();
            }
            catch (IOException)
            {
                // Reported above.
            }
        }
    }

    [Test]
    public void Existing_files_are_kept_unless_overwrite_files_is_set()
    {
        var r = Recorded.Build();
        using var net = r.Net;
        // Longer than anything the run writes, so that an overwrite that does not truncate would show.
        string junk = string.Concat(Enumerable.Repeat("junk junk junk\n", 20_000));
        string[] paths = [r.GdfPath, r.DatPath, r.VmPath];
        foreach (string p in paths)
        {
            File.WriteAllText(p, junk);
        }

        var error = Assert.Throws<IOErrorException>(() => r.Sim.Simulate(10.0));
        Assert.That(error!.Message, Does.Contain(Path.GetFileName(r.GdfPath)).And.Contain("overwrite_files"));
        Assert.That(paths.Select(File.ReadAllText), Is.All.EqualTo(junk), "no existing file was touched");
        Assert.That(r.Sim.GetKernelStatus<double>("biological_time"), Is.Zero, "the failed Simulate did not advance time");

        r.Sim.SetKernelStatus(new() { ["overwrite_files"] = true });
        r.Sim.Simulate(10.0);
        r.Sim.Simulate(30.0);

        Assert.That(paths.Select(RecorderFile.ReadText), Has.None.Contains("junk"), "overwritten files hold only the new data");
        AssertFilesMatchMemory(r, "after overwriting");
    }

    /// <summary>
    /// Two kernels in one process with the same data_path, network and labels would write the same files (same
    /// label, same node id). The second must be refused with an IOError, even with overwrite_files, while the
    /// first holds them; the first keeps writing undisturbed.
    /// </summary>
    [Test]
    public void Two_recorders_cannot_write_the_same_file()
    {
        var first = Recorded.Build(overwrite: true);
        using var firstNet = first.Net;
        using var secondSim = new Simulator();
        var second = ProbeNetwork.Build(secondSim);
        // Another seed, so that anything the second kernel wrote into the first one's file would show.
        secondSim.SetKernelStatus(new() { ["data_path"] = first.Net.Directory, ["overwrite_files"] = true, ["rng_seed"] = 99L });
        var gdf = secondSim.Create("spike_detector", 1, new() { ["to_file"] = true, ["label"] = "spikes" });
        secondSim.Connect(second.Neurons, gdf);
        Assert.That(gdf[0], Is.EqualTo(first.Gdf[0]), "same label and id: same file name");

        first.Sim.Simulate(20.0);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => secondSim.Simulate(35.0), Throws.TypeOf<IOErrorException>().With.Message.Contains(Path.GetFileName(first.GdfPath)));
            first.Sim.Simulate(20.0);
            AssertFilesMatchMemory(first, "the first kernel's files after the second tried to write them");
        }
    }

    [Test]
    public void ResetKernel_closes_files_complete_and_releases_their_names()
    {
        var r = Recorded.Build();
        using var net = r.Net;
        r.Sim.Simulate(25.0);
        string[] expected = r.ExpectedSpikeLines();
        string gdf = r.GdfPath;

        r.Sim.ResetKernel();

        Assert.That(CompleteLines(File.ReadAllText(gdf), "after ResetKernel"), Is.EqualTo(expected));
        // The same network again: the file exists now, so it needs overwrite_files; then the name is free to use.
        var again = ProbeNetwork.Build(r.Sim);
        r.Sim.SetKernelStatus(new() { ["data_path"] = net.Directory });
        var rec = r.Sim.Create("spike_detector", 1, new() { ["to_file"] = true, ["label"] = "spikes" });
        r.Sim.Connect(again.Neurons, rec);
        Assert.That(Path.Combine(net.Directory, $"spikes-{rec[0]}-0.gdf"), Is.EqualTo(gdf), "the same file name as before the reset");
        Assert.That(() => r.Sim.Simulate(5.0), Throws.TypeOf<IOErrorException>(), "the file exists");
        r.Sim.SetKernelStatus(new() { ["overwrite_files"] = true });
        Assert.That(() => r.Sim.Simulate(5.0), Throws.Nothing, "ResetKernel released the file");
    }

    /// <summary>
    /// Ctrl-C in a child process: SIGINT while Simulate runs stops it at a slice boundary (min_delay = 1 ms here)
    /// with SimulationInterruptedException; the .gdf and voltmeter files end with complete lines and hold exactly
    /// what an uninterrupted run of the same seed writes up to the interruption time.
    /// </summary>
    [Test]
    [Category("Slow")]
    [NonParallelizable]
    [Platform(Exclude = "Win")]
    public void Ctrl_C_stops_Simulate_at_a_slice_boundary_with_files_complete()
    {
        string work = Directory.CreateTempSubdirectory("nk-ctrlc-").FullName;
        try
        {
            var child = InterruptibleChild.Build(Directory.CreateDirectory(Path.Combine(work, "app")).FullName);
            string interruptedDir = Directory.CreateDirectory(Path.Combine(work, "interrupted")).FullName;
            string fullDir = Directory.CreateDirectory(Path.Combine(work, "full")).FullName;

            // 1. Simulate "forever"; once the spike file has data on disk, send SIGINT.
            var (code, output) = RunChild(child, interruptedDir, 1e7, interruptWhen: () =>
                Directory.GetFiles(interruptedDir, "ctrlc-*.gdf") is [string f] && new FileInfo(f).Length > 0);
            Assert.That(code, Is.EqualTo(InterruptibleChild.InterruptedExitCode), output);
            Match m = Regex.Match(output, @"interrupted at (\S+)");
            Assert.That(m.Success, Is.True, output);
            double t = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.That(t, Is.GreaterThan(0.0));
            Assert.That(t, Is.EqualTo(Math.Round(t)).Within(1e-9), "stopped at a slice boundary (slices of min_delay = 1 ms)");

            // 2. The same seed, uninterrupted, up to that time.
            var (fullCode, fullOutput) = RunChild(child, fullDir, t, interruptWhen: null);
            Assert.That(fullCode, Is.Zero, fullOutput);

            foreach (string pattern in new[] { "ctrlc-*.gdf", "ctrlc-vm-*.dat" })
            {
                string interrupted = File.ReadAllText(Directory.GetFiles(interruptedDir, pattern).Single());
                string full = File.ReadAllText(Directory.GetFiles(fullDir, pattern).Single());
                string[] lines = CompleteLines(interrupted, pattern);
                Assert.That(lines.Where(l => !l.StartsWith('#') && !l.StartsWith("sender", StringComparison.Ordinal)),
                    Is.All.Matches(pattern.EndsWith(".gdf", StringComparison.Ordinal) ? SpikeLine() : SampleLine()), pattern);
                Assert.That(interrupted.Length, Is.EqualTo(full.Length), $"{pattern}: size vs the uninterrupted run to {t} ms");
                Assert.That(interrupted == full, Is.True, $"{pattern}: content vs the uninterrupted run to {t} ms");
            }

            TestContext.Out.WriteLine($"interrupted at {t} ms; .gdf of {new FileInfo(Directory.GetFiles(interruptedDir, "*.gdf")[0]).Length} bytes");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Runs the child; if <paramref name="interruptWhen"/> is given, sends SIGINT once it holds (after the
    /// child said the simulation started). Returns the exit code and the output.</summary>
    private static (int ExitCode, string Output) RunChild(InterruptibleChild child, string dataPath, double simtime, Func<bool>? interruptWhen)
    {
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(child.Dll);
        start.ArgumentList.Add(dataPath);
        start.ArgumentList.Add(simtime.ToString("R", CultureInfo.InvariantCulture));
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        string Output() { lock (output) { return output.ToString(); } }

        try
        {
            if (interruptWhen is not null)
            {
                var clock = Stopwatch.StartNew();
                while (!(Output().Contains("simulation started", StringComparison.Ordinal) && interruptWhen()))
                {
                    Assert.That(process.HasExited, Is.False, $"the child exited before it could be interrupted:\n{Output()}");
                    Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromMinutes(2)), $"the child did not start writing:\n{Output()}");
                    Thread.Sleep(20);
                }

                using var kill = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]);
                kill.WaitForExit();
            }

            Assert.That(process.WaitForExit(TimeSpan.FromMinutes(2)), Is.True, $"the child did not exit:\n{Output()}");
            process.WaitForExit();
            return (process.ExitCode, Output());
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
