#pragma warning disable CA1861 // Expected values are clearer inline, and each test runs once.

namespace NeuroKernel.Tests.Kernel;

/// <summary>SetDefaults, GetDefaults and CopyModel for node and synapse models (NEST's model prototypes).</summary>
[TestFixture]
public class SimulatorModelsTests
{
    private Simulator _sim = null!;

    [SetUp]
    public void SetUp() => _sim = new Simulator();

    [TearDown]
    public void TearDown() => _sim.Dispose();

    [Test]
    public void GetDefaults_of_iaf_psc_alpha_are_NEST_s()
    {
        var d = _sim.GetDefaults("iaf_psc_alpha");

        Assert.Multiple(() =>
        {
            Assert.That(d.Get<double>("C_m"), Is.EqualTo(250.0));
            Assert.That(d.Get<double>("tau_m"), Is.EqualTo(10.0));
            Assert.That(d.Get<double>("V_th"), Is.EqualTo(-55.0));
            Assert.That(d.Get<double>("V_reset"), Is.EqualTo(-70.0));
            Assert.That(d.Get<double>("E_L"), Is.EqualTo(-70.0));
            Assert.That(d.Get<double>("V_m"), Is.EqualTo(-70.0));
            Assert.That(d.Get<double>("t_ref"), Is.EqualTo(2.0));
            Assert.That(d.Get<double>("tau_syn_ex"), Is.EqualTo(2.0));
            Assert.That(d.Get<double>("tau_syn_in"), Is.EqualTo(2.0));
            Assert.That(d.Get<double>("I_e"), Is.EqualTo(0.0));
            Assert.That(d.Get<double>("V_min"), Is.EqualTo(double.NegativeInfinity));
            Assert.That(d.Get<string>("model"), Is.EqualTo("iaf_psc_alpha"));
            Assert.That(d.Get<string>("element_type"), Is.EqualTo("neuron"));
        });
    }

    [Test]
    public void SetDefaults_of_a_neuron_model_changes_the_defaults_and_later_nodes_only()
    {
        var before = _sim.Create("iaf_psc_alpha");

        _sim.SetDefaults("iaf_psc_alpha", new() { ["C_m"] = 200.0, ["tau_m"] = 20.0, ["I_e"] = 50.0 });
        var after = _sim.Create("iaf_psc_alpha");

        var d = _sim.GetDefaults("iaf_psc_alpha");
        Assert.That(d.Get<double>("C_m"), Is.EqualTo(200.0));
        Assert.That(d.Get<double>("tau_m"), Is.EqualTo(20.0));
        Assert.That(d.Get<double>("I_e"), Is.EqualTo(50.0));
        Assert.That(d.Get<double>("V_th"), Is.EqualTo(-55.0), "keys not set keep their values");
        Assert.That(_sim.GetStatus(after[0]).Get<double>("tau_m"), Is.EqualTo(20.0));
        Assert.That(_sim.GetStatus(after[0]).Get<double>("I_e"), Is.EqualTo(50.0));
        Assert.That(_sim.GetStatus(before[0]).Get<double>("tau_m"), Is.EqualTo(10.0), "Create snapshots the defaults");
        Assert.That(_sim.GetStatus(before[0]).Get<double>("I_e"), Is.EqualTo(0.0));
    }

    [Test]
    public void SetDefaults_of_a_device_model_changes_its_defaults()
    {
        _sim.SetDefaults("poisson_generator", new() { ["rate"] = 1234.5, ["start"] = 10.0 });
        _sim.SetDefaults("spike_recorder", new() { ["label"] = "spikes" });

        Assert.That(_sim.GetDefaults("poisson_generator").Get<double>("rate"), Is.EqualTo(1234.5));
        Assert.That(_sim.GetDefaults("poisson_generator").Get<double>("start"), Is.EqualTo(10.0));
        Assert.That(_sim.GetDefaults("poisson_generator").Get<string>("element_type"), Is.EqualTo("stimulator"));
        var g = _sim.Create("poisson_generator");
        Assert.That(_sim.GetStatus(g[0]).Get<double>("rate"), Is.EqualTo(1234.5));
        var r = _sim.Create("spike_recorder");
        Assert.That(_sim.GetStatus(r[0]).Get<string>("label"), Is.EqualTo("spikes"));
        Assert.That(_sim.GetDefaults("spike_recorder").Get<string>("element_type"), Is.EqualTo("recorder"));
    }

    [Test]
    public void SetDefaults_of_a_synapse_model_changes_weight_and_delay()
    {
        Assert.That(_sim.GetDefaults("static_synapse").Get<double>("weight"), Is.EqualTo(1.0));
        Assert.That(_sim.GetDefaults("static_synapse").Get<double>("delay"), Is.EqualTo(1.0));

        _sim.SetDefaults("static_synapse", new() { ["weight"] = -2.5, ["delay"] = 1.5 });

        var d = _sim.GetDefaults("static_synapse");
        Assert.That(d.Get<double>("weight"), Is.EqualTo(-2.5));
        Assert.That(d.Get<double>("delay"), Is.EqualTo(1.5));
        Assert.That(d.Get<long>("num_connections"), Is.EqualTo(0));
        Assert.That(d.Get<string>("synapse_model"), Is.EqualTo("static_synapse"));

        var n = _sim.Create("iaf_psc_alpha", 2);
        _sim.Connect(n[..1], n[1..]);
        Assert.That(_sim.GetKernelStatus<double>("min_delay"), Is.EqualTo(1.5).Within(1e-12), "connections use the new default delay");
    }

    /// <summary>
    /// NEST stores a synapse's delay in steps (SynIdDelay::set_delay_ms rounds with ld_round(ms × steps_per_ms))
    /// and reports steps × ms_per_step, so an off-grid default delay is reported on the grid.
    /// </summary>
    [TestCase(0.26, 0.3)]
    [TestCase(0.24, 0.2)]
    [TestCase(1.52, 1.5)]
    [TestCase(0.06, 0.1)]
    public void Off_grid_synapse_delay_is_reported_on_the_grid(double delay, double reported)
    {
        _sim.SetDefaults("static_synapse", new() { ["delay"] = delay });
        _sim.CopyModel("static_synapse", "copy", new() { ["delay"] = delay });

        Assert.That(_sim.GetDefaults("static_synapse").Get<double>("delay"), Is.EqualTo(reported).Within(1e-12));
        Assert.That(_sim.GetDefaults("copy").Get<double>("delay"), Is.EqualTo(reported).Within(1e-12));
    }

    // Invalid neuron parameters (NEST's checks); each table row also sets a valid C_m that must not stick.
    [TestCase("C_m", 0.0)]
    [TestCase("C_m", -1.0)]
    [TestCase("tau_m", 0.0)]
    [TestCase("tau_syn_ex", -2.0)]
    [TestCase("tau_syn_in", 0.0)]
    [TestCase("t_ref", -0.1)]
    [TestCase("V_reset", -50.0)]
    [TestCase("V_th", -80.0)]
    [TestCase("V_min", -50.0)]
    [TestCase("tau_m", double.NaN)]
    [TestCase("tau_m", "ten")]
    [TestCase("tau_mem", 10.0)]
    [TestCase("I_syn_ex", 1.0)]
    public void Failed_SetDefaults_of_a_neuron_model_leaves_defaults_unchanged(string key, object value)
    {
        var before = _sim.GetDefaults("iaf_psc_alpha");

        Assert.That(() => _sim.SetDefaults("iaf_psc_alpha", new() { ["C_m"] = 100.0, ["I_e"] = 3.0, [key] = value }),
            Throws.TypeOf<BadPropertyException>().With.Message.Contains(key));

        Assert.That(_sim.GetDefaults("iaf_psc_alpha"), Is.EqualTo(before));
    }

    [TestCase("rate", -1.0)]
    [TestCase("rate", double.PositiveInfinity)]
    [TestCase("stop", -5.0)]
    [TestCase("rates", 10.0)]
    public void Failed_SetDefaults_of_a_device_model_leaves_defaults_unchanged(string key, object value)
    {
        var before = _sim.GetDefaults("poisson_generator");

        Assert.That(() => _sim.SetDefaults("poisson_generator", new() { ["start"] = 5.0, [key] = value }),
            Throws.TypeOf<BadPropertyException>().With.Message.Contains(key));

        Assert.That(_sim.GetDefaults("poisson_generator"), Is.EqualTo(before));
    }

    [TestCase("weight", double.NaN, typeof(BadPropertyException))]
    [TestCase("weight", "heavy", typeof(BadPropertyException))]
    [TestCase("delay", 0.0, typeof(BadDelayException))]
    [TestCase("delay", 0.04, typeof(BadDelayException))]
    [TestCase("delay", -1.0, typeof(BadDelayException))]
    [TestCase("num_connections", 5L, typeof(BadPropertyException))]
    [TestCase("wieght", 1.0, typeof(BadPropertyException))]
    public void Failed_SetDefaults_of_a_synapse_model_leaves_defaults_unchanged(string key, object value, Type error)
    {
        _sim.CopyModel("static_synapse", "syn");
        var before = _sim.GetDefaults("syn");

        Assert.That(() => _sim.SetDefaults("syn", new() { ["weight"] = 7.0, ["delay"] = 2.0, [key] = value }),
            Throws.TypeOf(error));

        Assert.That(_sim.GetDefaults("syn"), Is.EqualTo(before));
    }

    [Test]
    public void CopyModel_of_a_neuron_model_keeps_its_own_defaults()
    {
        _sim.CopyModel("iaf_psc_alpha", "slow", new() { ["tau_m"] = 30.0 });

        _sim.SetDefaults("iaf_psc_alpha", new() { ["tau_m"] = 5.0 });
        _sim.SetDefaults("slow", new() { ["C_m"] = 100.0 });

        Assert.That(_sim.GetDefaults("slow").Get<double>("tau_m"), Is.EqualTo(30.0));
        Assert.That(_sim.GetDefaults("slow").Get<double>("C_m"), Is.EqualTo(100.0));
        Assert.That(_sim.GetDefaults("slow").Get<string>("model"), Is.EqualTo("slow"));
        Assert.That(_sim.GetDefaults("iaf_psc_alpha").Get<double>("tau_m"), Is.EqualTo(5.0));
        Assert.That(_sim.GetDefaults("iaf_psc_alpha").Get<double>("C_m"), Is.EqualTo(250.0));
        var n = _sim.Create("slow");
        Assert.That(_sim.GetStatus(n[0]).Get<double>("tau_m"), Is.EqualTo(30.0));
        Assert.That(_sim.GetStatus(n[0]).Get<string>("model"), Is.EqualTo("slow"));
        Assert.That(_sim.GetKernelStatus<string[]>("node_models"), Does.Contain("slow"));
    }

    [Test]
    public void CopyModel_copies_the_current_defaults()
    {
        _sim.SetDefaults("iaf_psc_alpha", new() { ["V_th"] = -50.0 });

        _sim.CopyModel("iaf_psc_alpha", "copy");
        _sim.CopyModel("copy", "copy_of_copy", new() { ["I_e"] = 10.0 });

        Assert.That(_sim.GetDefaults("copy").Get<double>("V_th"), Is.EqualTo(-50.0));
        Assert.That(_sim.GetDefaults("copy_of_copy").Get<double>("V_th"), Is.EqualTo(-50.0));
        Assert.That(_sim.GetDefaults("copy_of_copy").Get<double>("I_e"), Is.EqualTo(10.0));
        Assert.That(_sim.GetDefaults("copy").Get<double>("I_e"), Is.EqualTo(0.0));
    }

    [Test]
    public void CopyModel_of_a_device_model_keeps_its_own_defaults()
    {
        _sim.CopyModel("poisson_generator", "noise", new() { ["rate"] = 8000.0 });
        _sim.CopyModel("spike_recorder", "my_recorder", new() { ["label"] = "mine" });

        _sim.SetDefaults("poisson_generator", new() { ["rate"] = 10.0 });

        Assert.That(_sim.GetDefaults("noise").Get<double>("rate"), Is.EqualTo(8000.0));
        Assert.That(_sim.GetDefaults("poisson_generator").Get<double>("rate"), Is.EqualTo(10.0));
        Assert.That(_sim.GetDefaults("my_recorder").Get<string>("label"), Is.EqualTo("mine"));
        Assert.That(_sim.GetDefaults("spike_recorder").Get<string>("label"), Is.Empty);
        var g = _sim.Create("noise");
        Assert.That(_sim.GetStatus(g[0]).Get<double>("rate"), Is.EqualTo(8000.0));
    }

    [Test]
    public void CopyModel_of_a_synapse_model_keeps_its_own_defaults_and_counter()
    {
        _sim.CopyModel("static_synapse", "excitatory", new() { ["weight"] = 20.0, ["delay"] = 1.5 });
        _sim.CopyModel("excitatory", "strong", new() { ["weight"] = 40.0 });
        var pre = _sim.Create("iaf_psc_alpha", 3);
        var post = _sim.Create("iaf_psc_alpha", 4);

        _sim.Connect(pre, post, syn: "excitatory");
        _sim.Connect(pre[..1], post[..2], syn: "strong");
        _sim.Connect(pre[..2], post[..2]);
        _sim.SetDefaults("static_synapse", new() { ["weight"] = 3.0 });

        var exc = _sim.GetDefaults("excitatory");
        var strong = _sim.GetDefaults("strong");
        Assert.That(exc.Get<double>("weight"), Is.EqualTo(20.0));
        Assert.That(exc.Get<double>("delay"), Is.EqualTo(1.5));
        Assert.That(exc.Get<long>("num_connections"), Is.EqualTo(12));
        Assert.That(exc.Get<string>("synapse_model"), Is.EqualTo("excitatory"));
        Assert.That(strong.Get<double>("weight"), Is.EqualTo(40.0));
        Assert.That(strong.Get<double>("delay"), Is.EqualTo(1.5), "copied from the copy");
        Assert.That(strong.Get<long>("num_connections"), Is.EqualTo(2));
        Assert.That(_sim.GetDefaults("static_synapse").Get<long>("num_connections"), Is.EqualTo(4));
        Assert.That(_sim.GetDefaults("static_synapse").Get<double>("weight"), Is.EqualTo(3.0));
        Assert.That(_sim.GetKernelStatus<long>("num_connections"), Is.EqualTo(18));
        Assert.That(_sim.GetKernelStatus<string[]>("synapse_models"), Does.Contain("excitatory").And.Contain("strong"));
    }

    [Test]
    public void CopyModel_of_a_synapse_model_starts_its_counter_at_zero()
    {
        var n = _sim.Create("iaf_psc_alpha", 2);
        _sim.Connect(n, n);

        _sim.CopyModel("static_synapse", "fresh");

        Assert.That(_sim.GetDefaults("fresh").Get<long>("num_connections"), Is.EqualTo(0));
        Assert.That(_sim.GetDefaults("static_synapse").Get<long>("num_connections"), Is.EqualTo(4));
    }

    [TestCase("iaf_psc_alpha", "iaf_psc_alpha")]
    [TestCase("iaf_psc_alpha", "poisson_generator")]
    [TestCase("iaf_psc_alpha", "static_synapse")]
    [TestCase("static_synapse", "static_synapse")]
    [TestCase("static_synapse", "iaf_psc_alpha")]
    [TestCase("spike_recorder", "spike_detector")]
    public void CopyModel_to_an_existing_name_throws_NewModelNameExists(string existing, string newName) =>
        Assert.That(() => _sim.CopyModel(existing, newName),
            Throws.TypeOf<NewModelNameExistsException>().With.Message.Contains(newName));

    [Test]
    public void CopyModel_to_the_name_of_an_earlier_copy_throws_NewModelNameExists()
    {
        _sim.CopyModel("iaf_psc_alpha", "mine", new() { ["tau_m"] = 15.0 });
        _sim.CopyModel("static_synapse", "mysyn");

        Assert.That(() => _sim.CopyModel("iaf_psc_alpha", "mine"), Throws.TypeOf<NewModelNameExistsException>());
        Assert.That(() => _sim.CopyModel("static_synapse", "mine"), Throws.TypeOf<NewModelNameExistsException>());
        Assert.That(() => _sim.CopyModel("iaf_psc_alpha", "mysyn"), Throws.TypeOf<NewModelNameExistsException>());
        Assert.That(_sim.GetDefaults("mine").Get<double>("tau_m"), Is.EqualTo(15.0), "the first copy is untouched");
    }

    [Test]
    public void Failed_CopyModel_registers_nothing()
    {
        Assert.That(() => _sim.CopyModel("iaf_psc_alpha", "bad", new() { ["C_m"] = -1.0 }), Throws.TypeOf<BadPropertyException>());
        Assert.That(() => _sim.CopyModel("static_synapse", "badsyn", new() { ["delay"] = 0.0 }), Throws.TypeOf<BadDelayException>());

        Assert.That(() => _sim.GetDefaults("bad"), Throws.TypeOf<UnknownModelNameException>());
        Assert.That(() => _sim.GetDefaults("badsyn"), Throws.TypeOf<UnknownModelNameException>());
        Assert.That(() => _sim.CopyModel("iaf_psc_alpha", "bad"), Throws.Nothing);
        Assert.That(() => _sim.CopyModel("static_synapse", "badsyn"), Throws.Nothing);
    }

    [Test]
    public void Unknown_model_throws_UnknownModelName_naming_it()
    {
        const string name = "iaf_psc_alpha2";

        Assert.That(() => _sim.GetDefaults(name), Throws.TypeOf<UnknownModelNameException>().With.Message.Contains(name));
        Assert.That(() => _sim.SetDefaults(name, new() { ["C_m"] = 1.0 }), Throws.TypeOf<UnknownModelNameException>().With.Message.Contains(name));
        Assert.That(() => _sim.CopyModel(name, "copy"), Throws.TypeOf<UnknownModelNameException>().With.Message.Contains(name));
        Assert.That(() => _sim.Create(name), Throws.TypeOf<UnknownModelNameException>().With.Message.Contains(name));
        Assert.That(() => _sim.CopyModel("copy", "copy2"), Throws.TypeOf<UnknownModelNameException>().With.Message.Contains("copy"));
    }

    [Test]
    public void Create_with_a_synapse_model_throws_UnknownModelName() =>
        Assert.That(() => _sim.Create("static_synapse"), Throws.TypeOf<UnknownModelNameException>().With.Message.Contains("static_synapse"));

    [Test]
    public void Spike_detector_is_an_alias_of_spike_recorder()
    {
        var d = _sim.GetDefaults("spike_detector");
        Assert.That(d.Get<long>("n_events"), Is.EqualTo(0));
        Assert.That(d.Get<string>("record_to"), Is.EqualTo("memory"));
        Assert.That(_sim.GetKernelStatus<string[]>("node_models"), Does.Contain("spike_detector").And.Contain("spike_recorder"));

        var gen = _sim.Create("spike_generator", 1, new() { ["spike_times"] = new[] { 1.0, 2.0 } });
        var det = _sim.Create("spike_detector");
        _sim.Connect(gen, det);
        _sim.Simulate(5.0);

        Assert.That(_sim.GetStatus(det).Get<long>("n_events"), Is.EqualTo(2));
        Assert.That(_sim.GetStatus(det[0]).Get<string>("element_type"), Is.EqualTo("recorder"));
    }
}
