using System.Text.Json;

#pragma warning disable CA1861 // Expected values are clearer inline, and each test runs once.

namespace NeuroKernel.Tests.Kernel;

[TestFixture]
public class KernelStatusTests
{
    /// <summary>The kernel keys NeuroKernel must report, each with NEST 3.9's default.</summary>
    private static readonly string[] RequiredKeys =
    [
        "resolution", "print_time", "overwrite_files", "data_path", "data_prefix", "rng_seed", "local_num_threads",
        "biological_time", "num_connections", "network_size", "min_delay", "max_delay",
        "tics_per_ms", "ms_per_tic", "num_processes", "total_num_virtual_procs",
    ];

    private Simulator _sim = null!;

    [SetUp]
    public void SetUp() => _sim = new Simulator();

    [TearDown]
    public void TearDown() => _sim.Dispose();

    private static JsonElement NestKernelStatus()
    {
        string path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Reference", "defaults", "kernel_status.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.Clone();
    }

    /// <summary>Checks that <paramref name="status"/> holds NEST's default for every required key.</summary>
    private static void AssertNestDefaults(StatusDictionary status)
    {
        var nest = NestKernelStatus();
        Assert.Multiple(() =>
        {
            foreach (string key in RequiredKeys)
            {
                Assert.That(status.ContainsKey(key), Is.True, $"missing kernel key '{key}'");
                if (!status.ContainsKey(key))
                {
                    continue;
                }

                var expected = nest.GetProperty(key);
                switch (expected.ValueKind)
                {
                    case JsonValueKind.True:
                    case JsonValueKind.False:
                        Assert.That(status.Get<bool>(key), Is.EqualTo(expected.GetBoolean()), key);
                        break;
                    case JsonValueKind.String:
                        Assert.That(status.Get<string>(key), Is.EqualTo(expected.GetString()), key);
                        break;
                    case JsonValueKind.Number when expected.TryGetInt64(out long l) && !expected.GetRawText().Contains('.', StringComparison.Ordinal):
                        Assert.That(status.Get<long>(key), Is.EqualTo(l), key);
                        break;
                    case JsonValueKind.Number:
                        Assert.That(status.Get<double>(key), Is.EqualTo(expected.GetDouble()), key);
                        break;
                    default:
                        Assert.Fail($"unexpected JSON kind for '{key}'");
                        break;
                }
            }
        });
    }

    [Test]
    [Category("Reference")]
    public void Fresh_kernel_reports_NEST_defaults()
    {
        var status = _sim.GetKernelStatus();

        AssertNestDefaults(status);
        // The values the issue names, spelled out (a typo in the reference file must not hide a regression).
        Assert.Multiple(() =>
        {
            Assert.That(status.Get<double>("resolution"), Is.EqualTo(0.1));
            Assert.That(status.Get<bool>("print_time"), Is.False);
            Assert.That(status.Get<bool>("overwrite_files"), Is.False);
            Assert.That(status.Get<string>("data_path"), Is.Empty);
            Assert.That(status.Get<string>("data_prefix"), Is.Empty);
            Assert.That(status.Get<long>("rng_seed"), Is.EqualTo(143202461));
            Assert.That(status.Get<long>("local_num_threads"), Is.EqualTo(1));
            Assert.That(status.Get<double>("biological_time"), Is.EqualTo(0.0));
            Assert.That(status.Get<long>("num_connections"), Is.EqualTo(0));
            Assert.That(status.Get<long>("network_size"), Is.EqualTo(0));
            Assert.That(status.Get<double>("min_delay"), Is.EqualTo(0.1));
            Assert.That(status.Get<double>("max_delay"), Is.EqualTo(0.1));
        });
    }

    [Test]
    [Category("Reference")]
    public void Recording_backends_are_NEST_s()
    {
        var nest = NestKernelStatus().GetProperty("recording_backends").EnumerateArray().Select(e => e.GetString()).ToArray();

        Assert.That(_sim.GetKernelStatus<string[]>("recording_backends"), Is.EquivalentTo(nest));
    }

    [Test]
    public void Typed_GetKernelStatus_reads_one_key() =>
        Assert.That(_sim.GetKernelStatus<double>("resolution"), Is.EqualTo(0.1));

    [Test]
    public void Typed_GetKernelStatus_with_unknown_key_throws_BadProperty() =>
        Assert.That(() => _sim.GetKernelStatus<double>("resolutoin"), Throws.TypeOf<BadPropertyException>());

    [Test]
    public void Biological_time_advances_with_Simulate()
    {
        _sim.Create("iaf_psc_alpha", 2);

        _sim.Simulate(10.0);
        double t1 = _sim.GetKernelStatus<double>("biological_time");
        _sim.Simulate(2.5);
        double t2 = _sim.GetKernelStatus<double>("biological_time");
        _sim.Simulate(0.0);
        double t3 = _sim.GetKernelStatus<double>("biological_time");

        Assert.That(t1, Is.EqualTo(10.0).Within(1e-12));
        Assert.That(t2, Is.EqualTo(12.5).Within(1e-12));
        Assert.That(t3, Is.EqualTo(t2));
    }

    /// <summary>
    /// NEST reports times as tics × ms_per_tic (Time::get_ms), so after 3 steps of 0.1 ms biological_time is
    /// 300 × 0.001 = 0.3 (the double nearest 0.3, the value NEST writes for its sample at 0.3 ms in
    /// Reference/iaf_psc_alpha_dc.csv), not 3 × 0.1 = 0.30000000000000004. (At 593 steps both give
    /// 59.300000000000004, NEST's spike time in iaf_psc_alpha_dc_spikes.csv.)
    /// </summary>
    [TestCase(3)]
    [TestCase(6)]
    [TestCase(12)]
    [TestCase(29)]
    [TestCase(593)]
    public void Biological_time_is_reported_as_NEST_reports_it(int steps)
    {
        double nest = steps * 100L * 0.001;   // tics × ms_per_tic at 100 tics per step

        _sim.Simulate(steps * 0.1);

        Assert.That(_sim.GetKernelStatus<double>("biological_time"), Is.EqualTo(nest));
    }

    [Test]
    public void Network_size_and_num_connections_count_nodes_and_connections()
    {
        var a = _sim.Create("iaf_psc_alpha", 4);
        var b = _sim.Create("iaf_psc_alpha", 3);
        var rec = _sim.Create("spike_recorder");
        Assert.That(_sim.GetKernelStatus<long>("network_size"), Is.EqualTo(8));

        _sim.Connect(a, b);
        _sim.Connect(a + b, rec);

        Assert.That(_sim.GetKernelStatus<long>("num_connections"), Is.EqualTo(4 * 3 + 7));
        _sim.Simulate(1.0);
        Assert.That(_sim.GetKernelStatus<long>("num_connections"), Is.EqualTo(19), "unchanged by Simulate");
        Assert.That(_sim.GetKernelStatus<long>("network_size"), Is.EqualTo(8));
    }

    [Test]
    public void Min_and_max_delay_reflect_the_connections()
    {
        var n = _sim.Create("iaf_psc_alpha", 3);
        _sim.Connect(n[..1], n[1..2], syn: new SynSpec("static_synapse", delay: 2.0));
        Assert.That(_sim.GetKernelStatus<double>("min_delay"), Is.EqualTo(2.0).Within(1e-12));
        Assert.That(_sim.GetKernelStatus<double>("max_delay"), Is.EqualTo(2.0).Within(1e-12));

        _sim.Connect(n[1..2], n[2..3], syn: new SynSpec("static_synapse", delay: 0.5));
        _sim.Connect(n[2..3], n[..1], syn: new SynSpec("static_synapse", delay: 3.7));

        Assert.That(_sim.GetKernelStatus<double>("min_delay"), Is.EqualTo(0.5).Within(1e-12));
        Assert.That(_sim.GetKernelStatus<double>("max_delay"), Is.EqualTo(3.7).Within(1e-12));
        _sim.Simulate(5.0);
        Assert.That(_sim.GetKernelStatus<double>("min_delay"), Is.EqualTo(0.5).Within(1e-12), "after Simulate");
        Assert.That(_sim.GetKernelStatus<double>("max_delay"), Is.EqualTo(3.7).Within(1e-12), "after Simulate");

        _sim.Connect(n[..1], n[2..3], syn: new SynSpec("static_synapse", delay: 0.2));
        Assert.That(_sim.GetKernelStatus<double>("min_delay"), Is.EqualTo(0.2).Within(1e-12), "connection made after a run");
    }

    [Test]
    public void Resolution_change_after_Create_throws_KernelStateError_and_keeps_resolution()
    {
        _sim.Create("iaf_psc_alpha");

        Assert.That(() => _sim.SetKernelStatus(new() { ["resolution"] = 0.01 }),
            Throws.TypeOf<KernelStateErrorException>().With.Message.Contains("resolution"));
        Assert.That(_sim.GetKernelStatus<double>("resolution"), Is.EqualTo(0.1));
    }

    [Test]
    public void Resolution_change_after_Simulate_throws_KernelStateError()
    {
        _sim.Simulate(1.0);

        Assert.That(() => _sim.SetKernelStatus(new() { ["resolution"] = 0.2 }),
            Throws.TypeOf<KernelStateErrorException>().With.Message.Contains("resolution"));
        Assert.That(_sim.GetKernelStatus<double>("resolution"), Is.EqualTo(0.1));
    }

    [Test]
    public void Resolution_change_before_Create_takes_effect()
    {
        _sim.SetKernelStatus(new() { ["resolution"] = 0.01 });
        var n = _sim.Create("iaf_psc_alpha");
        _sim.Simulate(0.05);

        Assert.That(_sim.GetKernelStatus<double>("resolution"), Is.EqualTo(0.01));
        Assert.That(_sim.GetKernelStatus<double>("min_delay"), Is.EqualTo(0.01).Within(1e-12));
        Assert.That(_sim.GetKernelStatus<double>("biological_time"), Is.EqualTo(0.05).Within(1e-12));
        Assert.That(n, Has.Count.EqualTo(1));
    }

    [Test]
    public void Settable_keys_take_the_values_set()
    {
        string dir = Path.GetTempPath();
        _sim.SetKernelStatus(new()
        {
            ["print_time"] = false,
            ["overwrite_files"] = true,
            ["data_path"] = dir,
            ["data_prefix"] = "run1_",
            ["rng_seed"] = 12345,
            ["local_num_threads"] = 2,
        });

        var s = _sim.GetKernelStatus();
        Assert.That(s.Get<bool>("overwrite_files"), Is.True);
        Assert.That(s.Get<string>("data_path"), Is.EqualTo(dir));
        Assert.That(s.Get<string>("data_prefix"), Is.EqualTo("run1_"));
        Assert.That(s.Get<long>("rng_seed"), Is.EqualTo(12345));
        Assert.That(s.Get<long>("local_num_threads"), Is.EqualTo(2));
    }

    // NEST's RandomManager accepts 0 < rng_seed < 2^32.
    [TestCase(1L)]
    [TestCase(2147483647L)]
    [TestCase(2147483648L)]
    [TestCase(4294967295L)]
    public void Rng_seed_in_NEST_s_range_is_accepted(long seed)
    {
        _sim.SetKernelStatus(new() { ["rng_seed"] = seed });

        Assert.That(_sim.GetKernelStatus<long>("rng_seed"), Is.EqualTo(seed));
    }

    [TestCase("biological_time", 5.0)]
    [TestCase("num_connections", 3L)]
    [TestCase("network_size", 10L)]
    [TestCase("min_delay", 1.0)]
    [TestCase("max_delay", 1.0)]
    [TestCase("tics_per_ms", 1000.0)]
    [TestCase("ms_per_tic", 0.001)]
    public void Setting_a_read_only_key_throws_BadProperty(string key, object value)
    {
        Assert.That(() => _sim.SetKernelStatus(new() { [key] = value }),
            Throws.TypeOf<BadPropertyException>().With.Message.Contains(key).And.Property(nameof(BadPropertyException.Property)).EqualTo(key));
        AssertNestDefaults(_sim.GetKernelStatus());
    }

    [TestCase("resolutoin")]
    [TestCase("rng_seeds")]
    [TestCase("Resolution")]
    public void Setting_an_unknown_key_throws_BadProperty(string key)
    {
        Assert.That(() => _sim.SetKernelStatus(new() { [key] = 0.2 }),
            Throws.TypeOf<BadPropertyException>().With.Message.Contains(key));
        AssertNestDefaults(_sim.GetKernelStatus());
    }

    [TestCase("resolution", 0.0)]
    [TestCase("resolution", -0.1)]
    [TestCase("resolution", double.NaN)]
    [TestCase("resolution", double.PositiveInfinity)]
    [TestCase("resolution", 0.0001)]
    [TestCase("resolution", "0.1")]
    [TestCase("local_num_threads", 0)]
    [TestCase("local_num_threads", -2)]
    [TestCase("local_num_threads", 1.5)]
    [TestCase("rng_seed", 0)]
    [TestCase("rng_seed", -5)]
    [TestCase("rng_seed", 4294967296L)]
    [TestCase("print_time", 1)]
    [TestCase("overwrite_files", "yes")]
    [TestCase("data_prefix", 3)]
    public void Bad_value_throws_BadProperty_and_changes_nothing(string key, object value)
    {
        Assert.That(() => _sim.SetKernelStatus(new() { [key] = value }),
            Throws.TypeOf<BadPropertyException>().With.Message.Contains(key));
        AssertNestDefaults(_sim.GetKernelStatus());
    }

    [TestCase("rng_seed", 7, "local_num_threads", 0)]
    [TestCase("local_num_threads", 2, "rng_seed", 0)]
    [TestCase("resolution", 0.2, "rng_seed", 0)]
    [TestCase("overwrite_files", true, "resolution", -1.0)]
    [TestCase("print_time", true, "no_such_key", 1)]
    [TestCase("data_prefix", "x_", "network_size", 5)]
    public void Dictionary_with_one_good_and_one_bad_entry_changes_nothing(string goodKey, object goodValue, string badKey, object badValue)
    {
        Assert.That(() => _sim.SetKernelStatus(new() { [goodKey] = goodValue, [badKey] = badValue }),
            Throws.TypeOf<BadPropertyException>());
        AssertNestDefaults(_sim.GetKernelStatus());
    }

    [Test]
    public void ResetKernel_returns_to_defaults_and_removes_nodes_models_and_connections()
    {
        _sim.SetKernelStatus(new() { ["resolution"] = 0.2, ["rng_seed"] = 99, ["overwrite_files"] = true, ["data_prefix"] = "p_" });
        _sim.SetDefaults("iaf_psc_alpha", new() { ["tau_m"] = 20.0 });
        _sim.SetDefaults("static_synapse", new() { ["weight"] = 5.0 });
        _sim.CopyModel("iaf_psc_alpha", "my_neuron");
        _sim.CopyModel("static_synapse", "my_synapse", new() { ["delay"] = 2.0 });
        var n = _sim.Create("my_neuron", 5);
        _sim.Connect(n, n, syn: "my_synapse");
        _sim.Simulate(10.0);

        _sim.ResetKernel();

        AssertNestDefaults(_sim.GetKernelStatus());
        Assert.That(() => _sim.GetDefaults("my_neuron"), Throws.TypeOf<UnknownModelNameException>());
        Assert.That(() => _sim.GetDefaults("my_synapse"), Throws.TypeOf<UnknownModelNameException>());
        Assert.That(() => _sim.GetStatus(1), Throws.TypeOf<UnknownNodeException>());
        Assert.That(_sim.GetDefaults("iaf_psc_alpha").Get<double>("tau_m"), Is.EqualTo(10.0));
        Assert.That(_sim.GetDefaults("static_synapse").Get<double>("weight"), Is.EqualTo(1.0));
        Assert.That(_sim.GetDefaults("static_synapse").Get<long>("num_connections"), Is.EqualTo(0));

        // The names are free again, ids start over and the resolution may change.
        _sim.SetKernelStatus(new() { ["resolution"] = 0.05 });
        _sim.CopyModel("iaf_psc_alpha", "my_neuron");
        Assert.That(_sim.Create("my_neuron", 2).ToArray(), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(_sim.GetKernelStatus<long>("num_connections"), Is.EqualTo(0));
    }
}
