using System.Globalization;
using NeuroKernel.Tests.Models;

#pragma warning disable CA1861 // Expected values are clearer inline, and each test runs once.

namespace NeuroKernel.Tests.Recording;

/// <summary>
/// <c>multimeter</c> and <c>voltmeter</c> against NEST 3.9: defaults, record_from, sampling interval and
/// activity window, event order, validation, the ascii backend, n_events, split runs, and agreement with the
/// state read by GetStatus.
/// </summary>
[TestFixture]
public class MultimeterTests
{
    private const string Voltmeter = MeterProbe.Voltmeter;
    private const string Multimeter = MeterProbe.Multimeter;
    private const string Interval = MeterProbe.Interval;
    private const string RecordFrom = MeterProbe.RecordFrom;

    private string _dir = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "nk-multimeter-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    #region Defaults and record_from

    [TestCase(Voltmeter)]
    [TestCase(Multimeter)]
    [Category("Reference")]
    public void Defaults_equal_nest_defaults(string model)
    {
        var nest = NestDefaults.Read(model);
        using var sim = new Simulator();
        var ours = sim.GetDefaults(model);

        using (Assert.EnterMultipleScope())
        {
            NestDefaults.AssertNumbersEqual(ours, nest, [Interval, ParameterNames.Start, ParameterNames.Stop, ParameterNames.Origin]);
            Assert.That(ours.Get<string[]>(RecordFrom), Is.EqualTo(NestDefaults.Strings(nest.GetProperty(RecordFrom))), RecordFrom);
            Assert.That(ours.Get<string>(ParameterNames.RecordTo), Is.EqualTo(nest.GetProperty("record_to").GetString()), "record_to");
            Assert.That(ours.Get<long>(ParameterNames.NEvents), Is.EqualTo(nest.GetProperty("n_events").GetInt64()), "n_events");
        }
    }

    [Test]
    public void Voltmeter_with_its_defaults_samples_V_m_every_millisecond()
    {
        using var sim = ModelProbe.NewSimulator(0.1);
        var neuron = sim.Create(ModelNames.IafPscAlpha, 1, new() { [ParameterNames.IE] = 200.0 });
        var vm = sim.Create(Voltmeter);
        sim.Connect(vm, neuron);

        sim.Simulate(10.0);
        var events = MeterProbe.Events(sim, vm);

        // Sub-threshold: V(t) = E_L + R·I_e·(1 − e^{−t/tau_m}), R = tau_m/C_m = 0.04 GΩ.
        double[] expected = [.. Enumerable.Range(1, 10).Select(t => -70.0 + (200.0 * 0.04 * (1.0 - Math.Exp(-t / 10.0))))];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(events.Keys, Is.EquivalentTo(new[] { ParameterNames.Senders, ParameterNames.Times, ParameterNames.VM }));
            Assert.That(events.Get<double[]>(ParameterNames.Times), Is.EqualTo(MeterProbe.GridTimes(1.0, 10)).Within(1e-12));
            Assert.That(events.Get<double[]>(ParameterNames.VM), Is.EqualTo(expected).Within(1e-12));
            Assert.That(events.Get<int[]>(ParameterNames.Senders), Has.All.EqualTo(neuron[0]));
            Assert.That(sim.GetStatus(vm).Get<long>(ParameterNames.NEvents), Is.EqualTo(10));
        }
    }

    [Test]
    public void Multimeter_records_each_quantity_named_in_record_from()
    {
        // One 100 pA spike sent at 1.0 ms with delay 1.0 ms reaches iaf_psc_alpha at 2.0 ms: the alpha current is
        // I(T) = w·e/tau_syn·T·e^{−T/tau_syn}, T = t − 2.0 ms (NEST's order: it is still 0 in the sample at 2.0).
        const double w = 100.0, tauSyn = 2.0;
        using var sim = ModelProbe.NewSimulator(0.1);
        var neuron = sim.Create(ModelNames.IafPscAlpha);
        var generator = sim.Create(ModelNames.SpikeGenerator, 1, new() { [ParameterNames.SpikeTimes] = new[] { 1.0 } });
        sim.Connect(generator, neuron, syn: new SynSpec(ModelNames.StaticSynapse, w, 1.0));
        var mm = MeterProbe.CreateMultimeter(sim, neuron, 0.1, ParameterNames.VM, ParameterNames.ISynExcitatory);

        sim.Simulate(10.0);
        var events = MeterProbe.Events(sim, mm);

        double[] expected = [.. Enumerable.Range(1, 100).Select(k =>
        {
            double t = Math.Max(0.0, (k * 0.1) - 2.0);
            return w * Math.E / tauSyn * t * Math.Exp(-t / tauSyn);
        })];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(events.Keys, Is.EquivalentTo(new[] { ParameterNames.Senders, ParameterNames.Times, ParameterNames.VM, ParameterNames.ISynExcitatory }));
            Assert.That(events.Get<double[]>(ParameterNames.ISynExcitatory), Is.EqualTo(expected).Within(1e-10), "I_syn_ex (pA)");
            Assert.That(events.Get<double[]>(ParameterNames.VM), Has.Length.EqualTo(100));
            Assert.That(events.Get<double[]>(ParameterNames.VM)[^1], Is.EqualTo(sim.GetStatus(neuron[0]).Get<double>(ParameterNames.VM)), "last V_m sample");
            Assert.That(sim.GetStatus(mm).Get<string[]>(RecordFrom), Is.EqualTo(new[] { ParameterNames.VM, ParameterNames.ISynExcitatory }));
        }
    }

    [Test]
    public void Record_from_cannot_change_once_the_multimeter_is_connected()
    {
        using var sim = new Simulator();
        var neuron = sim.Create(ModelNames.IafPscAlpha);
        var mm = MeterProbe.CreateMultimeter(sim, neuron, 1.0, ParameterNames.VM);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => sim.SetStatus(mm, new StatusDictionary { [RecordFrom] = new[] { ParameterNames.ISynExcitatory } }),
                Throws.TypeOf<BadPropertyException>().With.Message.Contains(RecordFrom));
            Assert.That(sim.GetStatus(mm).Get<string[]>(RecordFrom), Is.EqualTo(new[] { ParameterNames.VM }));
        }
    }

    [TestCase(ModelNames.SpikeGenerator)]
    [TestCase(ModelNames.SpikeRecorder)]
    [TestCase("parrot_neuron")]
    public void Voltmeter_cannot_sample_a_node_without_recordables(string model)
    {
        using var sim = new Simulator();
        var node = sim.Create(model);
        var vm = sim.Create(Voltmeter);

        Assert.That(() => sim.Connect(vm, node), Throws.TypeOf<IllegalConnectionException>());
    }

    #endregion

    #region Sampling times and window

    [TestCase(0.1, 1.0, 10)]
    [TestCase(0.1, 0.1, 100)]
    [TestCase(0.1, 0.5, 20)]
    [TestCase(0.2, 1.0, 10)]
    [TestCase(1.0, 2.0, 5)]
    public void Samples_are_taken_at_multiples_of_the_interval(double h, double interval, int expectedCount)
    {
        using var sim = ModelProbe.NewSimulator(h);
        var neuron = sim.Create(ModelNames.IafPscAlpha);
        var vm = MeterProbe.CreateVoltmeter(sim, neuron, interval);

        sim.Simulate(10.0);

        Assert.That(MeterProbe.Times(sim, vm), Is.EqualTo(MeterProbe.GridTimes(interval, expectedCount)).Within(1e-12));
    }

    [TestCase(0.0, 0.0, double.PositiveInfinity, new[] { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0 })]
    [TestCase(0.0, 2.0, 5.0, new[] { 3.0, 4.0, 5.0 })]
    [TestCase(1.0, 2.0, 5.0, new[] { 4.0, 5.0, 6.0 })]
    [TestCase(0.0, 2.5, 6.5, new[] { 3.0, 4.0, 5.0, 6.0 })]
    [TestCase(0.0, 9.5, double.PositiveInfinity, new[] { 10.0 })]
    [TestCase(0.0, 5.0, 5.0, new double[0])]
    [TestCase(-2.0, 3.0, 4.0, new[] { 2.0 })]
    public void Start_stop_and_origin_bound_the_samples(double origin, double start, double stop, double[] expected)
    {
        // A sample stamped t is taken when origin + start < t ≤ origin + stop.
        using var sim = ModelProbe.NewSimulator(0.1);
        var neuron = sim.Create(ModelNames.IafPscAlpha, 1, new() { [ParameterNames.IE] = 100.0 });
        var vm = sim.Create(Voltmeter, 1, new()
        {
            [Interval] = 1.0, [ParameterNames.Origin] = origin, [ParameterNames.Start] = start, [ParameterNames.Stop] = stop,
        });
        var all = MeterProbe.CreateVoltmeter(sim, neuron, 1.0);
        sim.Connect(vm, neuron);

        sim.Simulate(10.0);
        double[] times = MeterProbe.Times(sim, vm);
        double[] values = MeterProbe.Values(sim, vm);
        double[] allTimes = MeterProbe.Times(sim, all);
        double[] allValues = MeterProbe.Values(sim, all);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(times, Is.EqualTo(expected).Within(1e-12));
            Assert.That(values, Is.EqualTo(expected.Select(t => allValues[Array.FindIndex(allTimes, a => Math.Abs(a - t) < 1e-9)]).ToArray()),
                "the window selects samples; it does not change them");
        }
    }

    [Test]
    public void Events_are_ordered_by_time_then_sender()
    {
        double[] ie = [300.0, 100.0, 200.0];
        using var sim = ModelProbe.NewSimulator(0.1);
        var neurons = sim.Create(ModelNames.IafPscAlpha, 3);
        sim.SetStatus(neurons, ParameterNames.IE, ie);
        // Connected in the order 3, 1, 2: the events are still sorted by sender within each time.
        var vm = sim.Create(Voltmeter, 1, new() { [Interval] = 0.5 });
        sim.Connect(vm, neurons[2..]);
        sim.Connect(vm, neurons[..2]);

        sim.Simulate(5.0);
        var events = MeterProbe.Events(sim, vm);
        int[] senders = events.Get<int[]>(ParameterNames.Senders);
        double[] times = events.Get<double[]>(ParameterNames.Times);
        double[] v = events.Get<double[]>(ParameterNames.VM);

        int[] expectedSenders = [.. Enumerable.Repeat(neurons.ToArray(), 10).SelectMany(s => s)];
        double[] expectedTimes = [.. MeterProbe.GridTimes(0.5, 10).SelectMany(t => Enumerable.Repeat(t, 3))];
        double[] expectedV = [.. expectedTimes.Select((t, i) => -70.0 + (ie[i % 3] * 0.04 * (1.0 - Math.Exp(-t / 10.0))))];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(senders, Is.EqualTo(expectedSenders));
            Assert.That(times, Is.EqualTo(expectedTimes).Within(1e-12));
            Assert.That(v, Is.EqualTo(expectedV).Within(1e-12), "each value belongs to its sender");
        }
    }

    #endregion

    #region Validation

    [TestCase("iaf_psc_delta", "I_syn_ex")]
    [TestCase(ModelNames.IafPscAlpha, "V_M")]
    [TestCase(ModelNames.IafPscAlpha, "g_ex")]
    public void Unknown_recordable_is_refused_at_Connect_naming_the_recordable(string model, string name)
    {
        // NEST refuses the connection ("Cannot connect with unknown recordable …"), so a bad record_from never
        // leaves the kernel unable to simulate.
        using var sim = ModelProbe.NewSimulator(0.1);
        var neuron = sim.Create(model);
        var mm = sim.Create(Multimeter, 1, new() { [RecordFrom] = new[] { ParameterNames.VM, name } });

        Assert.That(() => sim.Connect(mm, neuron),
            Throws.TypeOf<IllegalConnectionException>().With.Message.Contains(RecordFrom).And.Message.Contains(name));
        Assert.That(sim.GetKernelStatus<long>("num_connections"), Is.Zero);
        Assert.That(() => sim.Simulate(1.0), Throws.Nothing);
    }

    [TestCase(0.0)]
    [TestCase(-1.0)]
    [TestCase(-0.1)]
    [TestCase(double.NaN)]
    public void Interval_that_is_not_positive_throws_BadProperty_and_changes_nothing(double interval)
    {
        using var sim = new Simulator();
        var vm = sim.Create(Voltmeter);
        var before = sim.GetStatus(vm);
        StatusDictionary Bad() => new() { [Interval] = interval, [ParameterNames.Label] = "changed" };

        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => sim.SetStatus(vm, Bad()), Throws.TypeOf<BadPropertyException>().With.Message.Contains(Interval), "SetStatus");
            Assert.That(() => sim.SetDefaults(Voltmeter, Bad()), Throws.TypeOf<BadPropertyException>().With.Message.Contains(Interval), "SetDefaults");
            Assert.That(() => sim.Create(Multimeter, 1, Bad()), Throws.TypeOf<BadPropertyException>().With.Message.Contains(Interval), "Create");
            Assert.That(sim.GetStatus(vm), Is.EqualTo(before));
            Assert.That(sim.GetDefaults(Voltmeter).Get<double>(Interval), Is.EqualTo(1.0));
        }
    }

    [TestCase(0.15)]
    [TestCase(0.05)] // shorter than the resolution
    [TestCase(1.01)]
    public void Interval_that_is_not_a_multiple_of_the_resolution_throws_BadProperty(double interval)
    {
        // NEST rejects it when it is set; NeuroKernel may wait for Simulate, when the resolution is final.
        using var sim = ModelProbe.NewSimulator(0.1);
        var neuron = sim.Create(ModelNames.IafPscAlpha);
        var vm = sim.Create(Voltmeter);

        Assert.That(() =>
        {
            sim.SetStatus(vm, new StatusDictionary { [Interval] = interval });
            sim.Connect(vm, neuron);
            sim.Simulate(1.0);
        }, Throws.TypeOf<BadPropertyException>().With.Message.Contains(Interval).And.Message.Contains(ModelProbe.Describe(interval)));
    }

    #endregion

    #region Backends and bookkeeping

    [Test]
    public void Ascii_backend_writes_a_dat_file_with_NEST_3_header_and_the_memory_events()
    {
        using var sim = AsciiSetup(out var neurons, out var memory, out var ascii);
        sim.Simulate(5.0);
        var events = MeterProbe.Events(sim, memory);
        int[] senders = events.Get<int[]>(ParameterNames.Senders);
        double[] times = events.Get<double[]>(ParameterNames.Times);
        double[] v = events.Get<double[]>(ParameterNames.VM);
        double[] current = events.Get<double[]>(ParameterNames.ISynExcitatory);

        string path = Path.Combine(_dir, $"pre_mm-{ascii[0]}-0.dat");
        Assert.That(File.Exists(path), Is.True, $"found {string.Join(", ", Directory.GetFiles(_dir).Select(Path.GetFileName))}");
        string[] lines = RecorderFile.ReadLines(path);
        string[][] rows = [.. lines.Skip(3).Select(l => l.Split('\t'))];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(lines[0], Does.StartWith("# NEST version"));
            Assert.That(lines[1], Is.EqualTo("# RecordingBackendASCII version: 2"));
            Assert.That(lines[2], Is.EqualTo("sender\ttime_ms\tV_m\tI_syn_ex"));
            Assert.That(rows, Has.Length.EqualTo(times.Length).And.Length.EqualTo(2 * 50), "one line per sample");
            Assert.That(rows.Select(r => r.Length), Has.All.EqualTo(4), "four columns");
            Assert.That(rows.Select(r => int.Parse(r[0], CultureInfo.InvariantCulture)), Is.EqualTo(senders), "senders");
            Assert.That(rows.Select(r => r[1]), Is.EqualTo(times.Select(t => t.ToString("F3", CultureInfo.InvariantCulture))), "times, 3 decimals");
            Assert.That(rows.Select(r => Parse(r[2])), Is.EqualTo(v).Within(5e-4), "V_m");
            Assert.That(rows.Select(r => Parse(r[3])), Is.EqualTo(current).Within(5e-4), "I_syn_ex");
            Assert.That(MeterProbe.Times(sim, ascii), Is.Empty, "record_to ascii keeps nothing in memory");
        }
    }

    [Test]
    [Category("Reference")]
    public void Ascii_backend_writes_values_with_NEST_s_default_precision_of_3_decimals()
    {
        // NEST's RecordingBackendASCII sets std::fixed and std::setprecision(precision) (default 3) on the
        // stream before the first line, so recorded values appear as times do: "-69.602", "0.000".
        using var sim = AsciiSetup(out _, out var memory, out var ascii);
        sim.Simulate(5.0);
        var events = MeterProbe.Events(sim, memory);
        double[] v = events.Get<double[]>(ParameterNames.VM);
        double[] current = events.Get<double[]>(ParameterNames.ISynExcitatory);

        string[][] rows = [.. RecorderFile.ReadLines(Path.Combine(_dir, $"pre_mm-{ascii[0]}-0.dat")).Skip(3).Select(l => l.Split('\t'))];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rows.Select(r => r[2]), Is.EqualTo(v.Select(F3)), "V_m");
            Assert.That(rows.Select(r => r[3]), Is.EqualTo(current.Select(F3)), "I_syn_ex");
        }
    }

    [Test]
    public void Existing_dat_file_without_overwrite_files_throws_IOError_and_is_kept()
    {
        using var sim = new Simulator();
        sim.SetKernelStatus(new() { [ParameterNames.DataPath] = _dir, [ParameterNames.OverwriteFiles] = false });
        var neuron = sim.Create(ModelNames.IafPscAlpha);
        var vm = sim.Create(Voltmeter, 1, new() { [ParameterNames.RecordTo] = "ascii", [ParameterNames.Label] = "keep" });
        sim.Connect(vm, neuron);
        string path = Path.Combine(_dir, $"keep-{vm[0]}-0.dat");
        File.WriteAllText(path, "precious\n");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => sim.Simulate(1.0), Throws.TypeOf<IOErrorException>().With.Message.Contains(path));
            Assert.That(File.ReadAllText(path), Is.EqualTo("precious\n"));
        }
    }

    [Test]
    public void Setting_n_events_to_zero_clears_the_events()
    {
        using var sim = ModelProbe.NewSimulator(0.1);
        var neuron = sim.Create(ModelNames.IafPscAlpha, 1, new() { [ParameterNames.IE] = 100.0 });
        var vm = MeterProbe.CreateVoltmeter(sim, neuron, 0.1);
        sim.Simulate(5.0);
        long before = sim.GetStatus(vm).Get<long>(ParameterNames.NEvents);

        sim.SetStatus(vm, new StatusDictionary { [ParameterNames.NEvents] = 0L });
        var cleared = MeterProbe.Events(sim, vm);
        long afterClear = sim.GetStatus(vm).Get<long>(ParameterNames.NEvents);
        sim.Simulate(2.0);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(before, Is.EqualTo(50));
            Assert.That(afterClear, Is.Zero);
            Assert.That(cleared.Get<double[]>(ParameterNames.Times), Is.Empty);
            Assert.That(cleared.Get<double[]>(ParameterNames.VM), Is.Empty);
            Assert.That(cleared.Get<int[]>(ParameterNames.Senders), Is.Empty);
            Assert.That(MeterProbe.Times(sim, vm), Is.EqualTo(MeterProbe.GridTimes(0.1, 70)[50..]).Within(1e-12), "only samples taken after the clear");
            Assert.That(MeterProbe.Values(sim, vm)[^1], Is.EqualTo(sim.GetStatus(neuron[0]).Get<double>(ParameterNames.VM)));
        }
    }

    [TestCase(0.1)]
    [TestCase(0.3)]
    [TestCase(1.0)]
    public void Split_Simulate_records_the_same_events_as_one_run(double interval)
    {
        double[] pieces = [0.3, 1.2, 2.5, 0.1, 0.2, 5.7];
        var (oneSenders, oneTimes, oneV, oneI) = SplitRun(interval, [10.0]);
        var (splitSenders, splitTimes, splitV, splitI) = SplitRun(interval, pieces);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(pieces.Sum(), Is.EqualTo(10.0).Within(1e-12));
            Assert.That(splitSenders, Is.EqualTo(oneSenders));
            Assert.That(splitTimes, Is.EqualTo(oneTimes));
            Assert.That(splitV, Is.EqualTo(oneV));
            Assert.That(splitI, Is.EqualTo(oneI));
            Assert.That(oneTimes, Has.Length.EqualTo(2 * (int)Math.Round(10.0 / interval)));
        }
    }

    [TestCase(ModelNames.IafPscAlpha, 300.0)]
    [TestCase("iaf_psc_exp", 300.0)]
    [TestCase("iaf_psc_delta", 3.0)]
    public void Samples_equal_the_membrane_potential_read_after_Simulate_at_the_same_time(string model, double weight)
    {
        // A neuron that fires (I_e above rheobase) and gets input spikes: the voltmeter's sample stamped t equals
        // V_m read by GetStatus after Simulate has reached t, resets and refractory steps included.
        using var sim = ModelProbe.NewSimulator(0.1);
        var neuron = sim.Create(model, 1, new() { [ParameterNames.IE] = 450.0 });
        var generator = sim.Create(ModelNames.SpikeGenerator, 1, new() { [ParameterNames.SpikeTimes] = new[] { 3.0, 7.5, 7.5, 12.0, 25.0 } });
        sim.Connect(generator, neuron, syn: new SynSpec(ModelNames.StaticSynapse, weight, 1.0));
        var vm = MeterProbe.CreateVoltmeter(sim, neuron, 0.1);

        double[] read = ModelProbe.SampleVm(sim, neuron[0], 0.1, 300);
        double[] sampled = MeterProbe.Values(sim, vm);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sampled, Is.EqualTo(read).Within(1e-12));
            Assert.That(MeterProbe.Times(sim, vm), Is.EqualTo(MeterProbe.GridTimes(0.1, 300)).Within(1e-12));
            Assert.That(read.Zip(read.Skip(1), (a, b) => b < a - 1.0).Any(x => x), Is.True, "the neuron fired");
        }
    }

    #endregion

    #region Helpers

    /// <summary>Two neurons with input, a memory multimeter and an ascii one (label "mm", data_prefix "pre_").</summary>
    private Simulator AsciiSetup(out NodeCollection neurons, out NodeCollection memory, out NodeCollection ascii)
    {
        var sim = new Simulator();
        sim.SetKernelStatus(new() { [ParameterNames.DataPath] = _dir, [ParameterNames.DataPrefix] = "pre_", [ParameterNames.OverwriteFiles] = true });
        neurons = sim.Create(ModelNames.IafPscAlpha, 2, new() { [ParameterNames.IE] = 400.0 });
        var generator = sim.Create(ModelNames.SpikeGenerator, 1, new() { [ParameterNames.SpikeTimes] = new[] { 1.0, 2.5 } });
        sim.Connect(generator, neurons, syn: new SynSpec(ModelNames.StaticSynapse, 500.0, 1.0));
        string[] recordFrom = [ParameterNames.VM, ParameterNames.ISynExcitatory];
        memory = MeterProbe.CreateMultimeter(sim, neurons, 0.1, recordFrom);
        ascii = sim.Create(Multimeter, 1, new()
        {
            [Interval] = 0.1, [RecordFrom] = recordFrom, [ParameterNames.RecordTo] = "ascii", [ParameterNames.Label] = "mm",
        });
        sim.Connect(ascii, neurons);
        return sim;
    }

    private static (int[] Senders, double[] Times, double[] V, double[] I) SplitRun(double interval, double[] pieces)
    {
        using var sim = ModelProbe.NewSimulator(0.1);
        var neurons = sim.Create(ModelNames.IafPscAlpha, 2, new() { [ParameterNames.IE] = 420.0 });
        var generator = sim.Create(ModelNames.SpikeGenerator, 1, new() { [ParameterNames.SpikeTimes] = new[] { 0.5, 2.0, 2.0, 6.3 } });
        sim.Connect(generator, neurons, syn: new SynSpec(ModelNames.StaticSynapse, 250.0, 0.7));
        var mm = MeterProbe.CreateMultimeter(sim, neurons, interval, ParameterNames.VM, ParameterNames.ISynExcitatory);
        foreach (double t in pieces)
        {
            sim.Simulate(t);
        }

        var events = MeterProbe.Events(sim, mm);
        return (events.Get<int[]>(ParameterNames.Senders), events.Get<double[]>(ParameterNames.Times),
            events.Get<double[]>(ParameterNames.VM), events.Get<double[]>(ParameterNames.ISynExcitatory));
    }

    private static double Parse(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static string F3(double x) => x.ToString("F3", CultureInfo.InvariantCulture);

    #endregion
}
