using System.Globalization;
using System.Text.RegularExpressions;

#pragma warning disable CA1861 // Expected values are clearer inline, and each test runs once.

namespace NeuroKernel.Tests.Recording;

[TestFixture]
public partial class SpikeRecorderTests
{
    private Simulator _sim = null!;
    private string _dir = null!;

    [SetUp]
    public void SetUp()
    {
        _sim = new Simulator();
        _dir = Path.Combine(Path.GetTempPath(), "nk-spike-recorder-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void TearDown()
    {
        _sim.Dispose();   // closes the files before the directory goes
        Directory.Delete(_dir, recursive: true);
    }

    // NEST 2 .gdf line: gid<TAB>time with 3 decimals (NEST 2 itself ended each field with a tab, so one
    // trailing tab is accepted).
    [GeneratedRegex(@"^(\d+)\t(\d+\.\d{3})\t?$")]
    private static partial Regex GdfLine();

    // NEST 3 ascii backend line: sender<TAB>time_ms with 3 decimals.
    [GeneratedRegex(@"^(\d+)\t(\d+\.\d{3})$")]
    private static partial Regex DatLine();

    private (int[] Senders, double[] Times) Events(NodeCollection rec)
    {
        var events = _sim.GetStatus(rec).Get<StatusDictionary>("events");
        return (events.Get<int[]>("senders"), events.Get<double[]>("times"));
    }

    private long NEvents(NodeCollection rec) => _sim.GetStatus(rec).Get<long>("n_events");

    private NodeCollection Generator(params double[] times) =>
        _sim.Create("spike_generator", 1, new() { ["spike_times"] = times });

    private void UseDirectory(string prefix = "", bool overwrite = false) =>
        _sim.SetKernelStatus(new() { ["data_path"] = _dir, ["data_prefix"] = prefix, ["overwrite_files"] = overwrite });

    private static (int Sender, string Time)[] Parse(string[] lines, Regex format) =>
        lines.Select(l =>
        {
            var m = format.Match(l);
            Assert.That(m.Success, Is.True, $"line '{l}' does not match {format}");
            return (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value);
        }).ToArray();

    private static string F3(double t) => t.ToString("F3", CultureInfo.InvariantCulture);

    [Test]
    public void Memory_backend_records_senders_and_times()
    {
        var g1 = Generator(1.0, 3.0, 5.5);
        var g2 = Generator(2.0, 3.0);
        var rec = _sim.Create("spike_recorder");
        _sim.Connect(g1 + g2, rec);

        _sim.Simulate(10.0);

        var (senders, times) = Events(rec);
        Assert.That(NEvents(rec), Is.EqualTo(5));
        Assert.That(senders, Has.Length.EqualTo(5));
        Assert.That(times, Has.Length.EqualTo(5));
        var pairs = senders.Zip(times, (s, t) => (s, Math.Round(t, 9))).OrderBy(p => p.Item2).ThenBy(p => p.s).ToArray();
        Assert.That(pairs, Is.EqualTo(new[] { (g1[0], 1.0), (g2[0], 2.0), (g1[0], 3.0), (g2[0], 3.0), (g1[0], 5.5) }));
        Assert.That(times, Is.Ordered, "events arrive in time order");
    }

    /// <summary>
    /// NEST's memory backend reports stamp.get_ms() = tics × ms_per_tic, so a spike in the step ending at
    /// 0.3 ms is reported as 300 × 0.001 = 0.3 (the double nearest 0.3, as NEST's voltmeter reports the sample
    /// at 0.3 ms in Reference/iaf_psc_alpha_dc.csv), not 3 × 0.1 = 0.30000000000000004.
    /// </summary>
    [Test]
    public void Recorded_times_are_the_times_NEST_reports()
    {
        int[] steps = [3, 6, 12, 24, 29, 593];
        var g = Generator(steps.Select(k => k * 0.1).ToArray());
        var rec = _sim.Create("spike_recorder");
        _sim.Connect(g, rec);

        _sim.Simulate(60.0);

        double[] nest = steps.Select(k => k * 100L * 0.001).ToArray();   // tics × ms_per_tic
        Assert.That(nest[0], Is.EqualTo(0.3), "NEST's 0.3 ms is the literal 0.3");
        Assert.That(Events(rec).Times, Is.EqualTo(nest));
    }

    [Test]
    [Category("Reference")]
    public void Recorded_neuron_spike_matches_NEST_reference()
    {
        string path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Reference", "iaf_psc_alpha_dc_spikes.csv");
        double[] nest = File.ReadAllLines(path).Skip(1).Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        var n = _sim.Create("iaf_psc_alpha", 1, new() { ["I_e"] = 376.0 });
        var rec = _sim.Create("spike_recorder");
        _sim.Connect(n, rec);

        _sim.Simulate(100.0);

        var (senders, times) = Events(rec);
        Assert.That(senders, Is.All.EqualTo(n[0]));
        Assert.That(times, Is.EqualTo(nest).Within(1e-9));
    }

    [Test]
    public void Setting_n_events_to_zero_clears_the_events()
    {
        var g = Generator(1.0, 2.0, 3.0, 12.0);
        var rec = _sim.Create("spike_recorder");
        _sim.Connect(g, rec);
        _sim.Simulate(10.0);
        Assert.That(NEvents(rec), Is.EqualTo(3));

        _sim.SetStatus(rec, new StatusDictionary { ["n_events"] = 0 });

        Assert.That(NEvents(rec), Is.EqualTo(0));
        Assert.That(Events(rec).Senders, Is.Empty);
        Assert.That(Events(rec).Times, Is.Empty);
        _sim.Simulate(10.0);
        Assert.That(NEvents(rec), Is.EqualTo(1), "recording goes on after clearing");
        Assert.That(Events(rec).Times, Is.EqualTo(new[] { 12.0 }).Within(1e-9));
    }

    [TestCase(3)]
    [TestCase(-1)]
    public void Setting_n_events_to_other_values_throws_BadProperty(int value)
    {
        var g = Generator(1.0);
        var rec = _sim.Create("spike_recorder");
        _sim.Connect(g, rec);
        _sim.Simulate(2.0);

        Assert.That(() => _sim.SetStatus(rec, new StatusDictionary { ["n_events"] = value }),
            Throws.TypeOf<BadPropertyException>().With.Message.Contains("n_events"));
        Assert.That(NEvents(rec), Is.EqualTo(1));
    }

    // NEST records events stamped t with origin + start < t <= origin + stop.
    [TestCase(0.0, 3.0, 7.0, new[] { 4.0, 5.0, 6.0, 7.0 })]
    [TestCase(2.0, 3.0, 7.0, new[] { 6.0, 7.0, 8.0, 9.0 })]
    [TestCase(0.0, 0.0, 2.0, new[] { 1.0, 2.0 })]
    [TestCase(0.0, 9.5, double.PositiveInfinity, new[] { 10.0 })]
    [TestCase(0.0, 5.0, 5.0, new double[0])]
    public void Start_stop_and_origin_bound_the_recording_window(double origin, double start, double stop, double[] expected)
    {
        var g = Generator(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        var rec = _sim.Create("spike_recorder", 1, new() { ["origin"] = origin, ["start"] = start, ["stop"] = stop });
        _sim.Connect(g, rec);

        _sim.Simulate(12.0);

        Assert.That(Events(rec).Times, Is.EqualTo(expected).Within(1e-9));
        Assert.That(NEvents(rec), Is.EqualTo(expected.Length));
    }

    [Test]
    public void NEST_2_keys_write_a_gdf_file_named_after_prefix_label_and_id()
    {
        UseDirectory(prefix: "pre_");
        var g = Generator(1.0, 2.5, 10.0);
        var n = _sim.Create("iaf_psc_alpha", 1, new() { ["I_e"] = 376.0 });
        var det = _sim.Create("spike_detector");
        _sim.SetStatus(det, [new() { ["label"] = "brunel-py-ex", ["withtime"] = true, ["withgid"] = true, ["to_file"] = true }]);
        _sim.Connect(g + n, det);

        _sim.Simulate(100.0);

        string path = Path.Combine(_dir, $"pre_brunel-py-ex-{det[0]}-0.gdf");
        Assert.That(File.Exists(path), Is.True, $"expected {path}; found {string.Join(", ", Directory.GetFiles(_dir))}");
        Assert.That(Directory.GetFiles(_dir), Has.Length.EqualTo(1));
        var lines = Parse(RecorderFile.ReadLines(path), GdfLine());
        Assert.That(lines, Is.EqualTo(new[] { (g[0], "1.000"), (g[0], "2.500"), (g[0], "10.000"), (n[0], "59.300") }));
        Assert.That(NEvents(det), Is.EqualTo(4));
    }

    [Test]
    public void Ascii_backend_writes_a_dat_file_with_NEST_3_header()
    {
        UseDirectory();
        var g = Generator(0.3, 4.0, 4.0, 17.1);
        var rec = _sim.Create("spike_recorder", 1, new() { ["record_to"] = "ascii", ["label"] = "out" });
        _sim.Connect(g, rec);

        _sim.Simulate(20.0);

        string path = Path.Combine(_dir, $"out-{rec[0]}-0.dat");
        Assert.That(File.Exists(path), Is.True, $"expected {path}; found {string.Join(", ", Directory.GetFiles(_dir))}");
        string[] lines = RecorderFile.ReadLines(path);
        Assert.That(lines, Has.Length.EqualTo(3 + 4));
        Assert.That(lines[0], Does.StartWith("# NEST version"));
        Assert.That(lines[1], Is.EqualTo("# RecordingBackendASCII version: 2"));
        Assert.That(lines[2], Is.EqualTo("sender\ttime_ms"));
        var data = Parse(lines[3..], DatLine());
        Assert.That(data, Is.EqualTo(new[] { (g[0], "0.300"), (g[0], "4.000"), (g[0], "4.000"), (g[0], "17.100") }));
        Assert.That(NEvents(rec), Is.EqualTo(4));
    }

    [Test]
    public void Files_are_complete_when_Simulate_returns()
    {
        UseDirectory();
        // 10 000 spikes per run: far more than any write buffer holds.
        var g1 = Generator(Enumerable.Range(1, 10_000).Select(k => k * 0.1).ToArray());
        var g2 = Generator(Enumerable.Range(10_001, 10_000).Select(k => k * 0.1).ToArray());
        var gdf = _sim.Create("spike_detector", 1, new() { ["to_file"] = true, ["label"] = "a" });
        var dat = _sim.Create("spike_recorder", 1, new() { ["record_to"] = "ascii", ["label"] = "b" });
        _sim.Connect(g1 + g2, gdf);
        _sim.Connect(g1 + g2, dat);
        string gdfPath = Path.Combine(_dir, $"a-{gdf[0]}-0.gdf");
        string datPath = Path.Combine(_dir, $"b-{dat[0]}-0.dat");

        _sim.Simulate(1000.0);
        string[] gdfLines = RecorderFile.ReadLines(gdfPath);
        string[] datLines = RecorderFile.ReadLines(datPath);

        Assert.That(gdfLines, Has.Length.EqualTo(10_000));
        Assert.That(datLines, Has.Length.EqualTo(3 + 10_000));
        Assert.That(gdfLines[^1], Does.StartWith($"{g1[0]}\t1000.000"));
        Assert.That(datLines[^1], Is.EqualTo($"{g1[0]}\t1000.000"));

        _sim.Simulate(1000.0);

        Assert.That(RecorderFile.ReadLines(gdfPath), Has.Length.EqualTo(20_000));
        Assert.That(RecorderFile.ReadLines(datPath), Has.Length.EqualTo(3 + 20_000));
        Assert.That(RecorderFile.ReadLines(datPath)[^1], Is.EqualTo($"{g2[0]}\t2000.000"));
    }

    [Test]
    public void Gdf_file_matches_the_memory_events()
    {
        UseDirectory();
        var n = _sim.Create("iaf_psc_alpha", 20);
        var noise = _sim.Create("poisson_generator", 1, new() { ["rate"] = 50000.0 });
        var det = _sim.Create("spike_detector", 1, new() { ["to_file"] = true, ["label"] = "net" });
        _sim.Connect(noise, n, syn: new SynSpec("static_synapse", weight: 30.0));
        _sim.Connect(n, det);

        _sim.Simulate(200.0);

        var (senders, times) = Events(det);
        var lines = Parse(RecorderFile.ReadLines(Path.Combine(_dir, $"net-{det[0]}-0.gdf")), GdfLine());
        Assert.That(senders, Has.Length.GreaterThan(50));
        Assert.That(lines.Select(l => l.Sender), Is.EqualTo(senders));
        Assert.That(lines.Select(l => l.Time), Is.EqualTo(times.Select(F3)));
    }

    [Test]
    public void Existing_file_without_overwrite_files_throws_IOError_and_is_kept()
    {
        UseDirectory(overwrite: false);
        var g = Generator(1.0);
        var rec = _sim.Create("spike_recorder", 1, new() { ["record_to"] = "ascii", ["label"] = "keep" });
        _sim.Connect(g, rec);
        string path = Path.Combine(_dir, $"keep-{rec[0]}-0.dat");
        File.WriteAllText(path, "precious\n");

        Assert.That(() => _sim.Simulate(5.0), Throws.TypeOf<IOErrorException>().With.Message.Contains(path));

        Assert.That(File.ReadAllText(path), Is.EqualTo("precious\n"));
        Assert.That(_sim.GetKernelStatus<double>("biological_time"), Is.EqualTo(0.0));
    }

    [Test]
    public void Existing_file_with_overwrite_files_is_overwritten()
    {
        UseDirectory(overwrite: false);
        var g = Generator(1.0);
        var det = _sim.Create("spike_detector", 1, new() { ["to_file"] = true, ["label"] = "old" });
        _sim.Connect(g, det);
        string path = Path.Combine(_dir, $"old-{det[0]}-0.gdf");
        File.WriteAllText(path, "stale line 1\nstale line 2\nstale line 3\n");
        Assert.That(() => _sim.Simulate(5.0), Throws.TypeOf<IOErrorException>());

        _sim.SetKernelStatus(new() { ["overwrite_files"] = true });
        _sim.Simulate(5.0);

        var lines = Parse(RecorderFile.ReadLines(path), GdfLine());
        Assert.That(lines, Is.EqualTo(new[] { (g[0], "1.000") }));
    }

    [TestCase("spike_recorder", "ascii", "dat")]
    [TestCase("spike_detector", null, "gdf")]
    public void Label_defaults_to_the_model_name(string model, string? recordTo, string extension)
    {
        UseDirectory();
        var g = Generator(1.0);
        var p = recordTo is null ? new StatusDictionary { ["to_file"] = true } : new StatusDictionary { ["record_to"] = recordTo };
        var rec = _sim.Create(model, 1, p);
        _sim.Connect(g, rec);

        _sim.Simulate(2.0);

        Assert.That(File.Exists(Path.Combine(_dir, $"{model}-{rec[0]}-0.{extension}")), Is.True,
            $"found {string.Join(", ", Directory.GetFiles(_dir).Select(Path.GetFileName))}");
    }

    [Test]
    public void Label_of_a_copied_model_defaults_to_the_copy_s_name()
    {
        UseDirectory();
        _sim.CopyModel("spike_recorder", "my_recorder", new() { ["record_to"] = "ascii" });
        var g = Generator(1.0);
        var rec = _sim.Create("my_recorder");
        _sim.Connect(g, rec);

        _sim.Simulate(2.0);

        Assert.That(File.Exists(Path.Combine(_dir, $"my_recorder-{rec[0]}-0.dat")), Is.True,
            $"found {string.Join(", ", Directory.GetFiles(_dir).Select(Path.GetFileName))}");
    }

    [Test]
    public void Unknown_record_to_throws_BadProperty()
    {
        var rec = _sim.Create("spike_recorder");

        Assert.That(() => _sim.SetStatus(rec, new StatusDictionary { ["record_to"] = "hdf5" }),
            Throws.TypeOf<BadPropertyException>().With.Message.Contains("record_to"));
        Assert.That(() => _sim.Create("spike_recorder", 1, new() { ["record_to"] = "file" }),
            Throws.TypeOf<BadPropertyException>());
        Assert.That(() => _sim.SetDefaults("spike_recorder", new() { ["record_to"] = "Memory" }),
            Throws.TypeOf<BadPropertyException>());
        Assert.That(_sim.GetStatus(rec).Get<string>("record_to"), Is.EqualTo("memory"));
        Assert.That(_sim.GetDefaults("spike_recorder").Get<string>("record_to"), Is.EqualTo("memory"));
        Assert.That(_sim.GetKernelStatus<long>("network_size"), Is.EqualTo(1), "the failed Create made no node");
    }
}
