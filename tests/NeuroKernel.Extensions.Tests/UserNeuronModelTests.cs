#pragma warning disable CA1861 // Expected values are clearer inline, and each test runs once.

namespace NeuroKernel.Extensions.Tests;

/// <summary>
/// A neuron model defined outside the library (<see cref="UserIafPscDelta"/>), registered and then used as a built-in
/// one: in a recurrent network with Poisson, DC and spike-generator input it gives the built-in <c>iaf_psc_delta</c>'s
/// spikes and V_m bit for bit, for 1 and 2 threads; its defaults, copies, status and checks behave as a model's do.
/// </summary>
[TestFixture]
public class UserNeuronModelTests
{
    private const string User = "user_iaf_psc_delta";
    private const string BuiltIn = "iaf_psc_delta";

    // E_L = 0 makes the user's V_m − E_L and V + E_L exact, so both models do the same operations.
    private static StatusDictionary Shifted() => new()
    {
        ["E_L"] = 0.0, ["V_th"] = 15.0, ["V_reset"] = 0.0, ["V_m"] = 0.0, ["t_ref"] = 2.0, ["tau_m"] = 20.0, ["I_e"] = 100.0,
    };

    private static Simulator NewSimulator(int threads = 1)
    {
        var sim = new Simulator();
        sim.RegisterNeuronModel(new UserIafPscDelta());
        sim.SetKernelStatus(new() { ["rng_seed"] = 4321, ["local_num_threads"] = threads });
        return sim;
    }

    /// <summary>Spike times, senders and the V_m samples of a small Brunel-like network of <paramref name="model"/>.</summary>
    private static (double[] Times, int[] Senders, double[] Vm) RunNetwork(string model, int threads)
    {
        using var sim = NewSimulator(threads);
        var neurons = sim.Create(model, 300, Shifted());
        sim.SetStatus(neurons, "V_m", [.. Enumerable.Range(0, 300).Select(i => i % 15 * 1.0)]);
        var excitatory = neurons[..240];
        var inhibitory = neurons[240..];
        var noise = sim.Create(ModelNames.PoissonGenerator, 1, new() { ["rate"] = 8000.0 });
        var dc = sim.Create("dc_generator", 1, new() { ["amplitude"] = 30.0, ["start"] = 20.0, ["stop"] = 60.0 });
        var kick = sim.Create(ModelNames.SpikeGenerator, 1, new() { [ParameterNames.SpikeTimes] = new[] { 5.0, 5.5, 40.0 } });
        sim.Connect(excitatory, neurons, new ConnSpec("fixed_indegree", new() { ["indegree"] = 24 }), new SynSpec("static_synapse", 0.2, 1.5));
        sim.Connect(inhibitory, neurons, new ConnSpec("fixed_indegree", new() { ["indegree"] = 6 }), new SynSpec("static_synapse", -1.0, 1.5));
        sim.Connect(noise, neurons, null, new SynSpec("static_synapse", 0.2, 1.5));
        sim.Connect(dc, neurons[..100]);
        sim.Connect(kick, neurons[50..150], null, new SynSpec("static_synapse", 5.0, 1.0));
        var recorder = sim.Create(ModelNames.SpikeRecorder);
        sim.Connect(neurons, recorder);
        var meter = sim.Create("multimeter", 1, new() { ["interval"] = 0.1, ["record_from"] = new[] { "V_m" } });
        sim.Connect(meter, neurons[..20]);
        sim.Simulate(100.0);

        var spikes = sim.GetStatus(recorder).Get<StatusDictionary>(ParameterNames.Events);
        var samples = sim.GetStatus(meter).Get<StatusDictionary>(ParameterNames.Events);
        return (spikes.Get<double[]>(ParameterNames.Times), spikes.Get<int[]>(ParameterNames.Senders), samples.Get<double[]>("V_m"));
    }

    [TestCase(1)]
    [TestCase(2)]
    public void Network_of_the_user_model_equals_the_built_in_model_bit_for_bit(int threads)
    {
        var builtIn = RunNetwork(BuiltIn, threads);
        var user = RunNetwork(User, threads);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(builtIn.Times, Has.Length.GreaterThan(500), "the network is active");
            Assert.That(user.Times, Is.EqualTo(builtIn.Times), "spike times");
            Assert.That(user.Senders, Is.EqualTo(builtIn.Senders), "senders");
            Assert.That(user.Vm, Is.EqualTo(builtIn.Vm), "V_m samples");
        }
    }

    [Test]
    public void Results_do_not_depend_on_the_number_of_threads()
    {
        var one = RunNetwork(User, 1);
        var two = RunNetwork(User, 2);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(two.Times, Is.EqualTo(one.Times));
            Assert.That(two.Senders, Is.EqualTo(one.Senders));
            Assert.That(two.Vm, Is.EqualTo(one.Vm));
        }
    }

    [Test]
    public void Defaults_list_the_declared_keys_and_the_receptors()
    {
        using var sim = NewSimulator();
        var defaults = sim.GetDefaults(User);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(defaults.Get<double>("tau_m"), Is.EqualTo(10.0));
            Assert.That(defaults.Get<double>("V_m"), Is.EqualTo(-70.0));
            Assert.That(defaults.Get<double>("y0"), Is.Zero);
            Assert.That(defaults.Get<string>("element_type"), Is.EqualTo("neuron"));
            Assert.That(defaults.Get<string[]>("recordables"), Is.EqualTo(new[] { "V_m", "refractory_steps", "y0" }));
            Assert.That(defaults.ContainsKey("receptor_types"), Is.True);
            Assert.That(sim.GetKernelStatus<string[]>("node_models"), Does.Contain(User));
        }
    }

    [Test]
    public void SetDefaults_CopyModel_Create_and_SetStatus_change_what_they_name()
    {
        using var sim = NewSimulator();
        sim.SetDefaults(User, new() { ["tau_m"] = 15.0 });
        sim.CopyModel(User, "user_fast", new() { ["tau_m"] = 5.0, ["V_m"] = -65.0 });
        var plain = sim.Create(User, 2);
        var fast = sim.Create("user_fast", 1, new() { ["C_m"] = 100.0 });
        sim.SetStatus(plain[1..], new StatusDictionary { ["V_m"] = -60.0 });
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sim.GetStatus<double>(plain, "tau_m"), Is.EqualTo(new[] { 15.0, 15.0 }));
            Assert.That(sim.GetStatus<double>(plain, "V_m"), Is.EqualTo(new[] { -70.0, -60.0 }));
            Assert.That(sim.GetStatus<double>(fast, "tau_m"), Is.EqualTo(new[] { 5.0 }));
            Assert.That(sim.GetStatus<double>(fast, "V_m"), Is.EqualTo(new[] { -65.0 }));
            Assert.That(sim.GetStatus<double>(fast, "C_m"), Is.EqualTo(new[] { 100.0 }));
            Assert.That(sim.GetStatus(fast).Get<string>("model"), Is.EqualTo("user_fast"));
        }
    }

    [Test]
    public void Bad_values_are_refused_by_the_models_check_and_change_nothing()
    {
        using var sim = NewSimulator();
        var neuron = sim.Create(User);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => sim.SetDefaults(User, new() { ["tau_m"] = 12.0, ["C_m"] = -1.0 }),
                Throws.TypeOf<BadPropertyException>().With.Message.Contains("C_m = -1").And.Property("Property").EqualTo("C_m"));
            Assert.That(sim.GetDefaults(User).Get<double>("tau_m"), Is.EqualTo(10.0), "SetDefaults changed nothing");
            Assert.That(() => sim.SetStatus(neuron, new StatusDictionary { ["V_m"] = -50.0, ["V_reset"] = -40.0 }),
                Throws.TypeOf<BadPropertyException>().With.Message.Contains("V_reset"));
            Assert.That(sim.GetStatus<double>(neuron, "V_m"), Is.EqualTo(new[] { -70.0 }), "SetStatus changed nothing");
            Assert.That(() => sim.Create(User, 1, new() { ["tau_syn"] = 2.0 }),
                Throws.TypeOf<BadPropertyException>().With.Message.Contains("tau_syn"));
            Assert.That(() => sim.CopyModel(User, "bad_copy", new() { ["t_ref"] = -1.0 }), Throws.TypeOf<BadPropertyException>());
            Assert.That(sim.GetKernelStatus<string[]>("node_models"), Does.Not.Contain("bad_copy"));
            Assert.That(() => sim.RegisterNeuronModel(new UserIafPscDelta()), Throws.TypeOf<NewModelNameExistsException>());
        }
    }

    [Test]
    public void Registration_survives_ResetKernel_with_the_original_defaults()
    {
        using var sim = NewSimulator();
        sim.SetDefaults(User, new() { ["tau_m"] = 15.0 });
        sim.CopyModel(User, "user_copy");
        sim.ResetKernel();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sim.GetDefaults(User).Get<double>("tau_m"), Is.EqualTo(10.0));
            Assert.That(sim.GetKernelStatus<string[]>("node_models"), Does.Not.Contain("user_copy"));
            Assert.That(sim.Create(User, 3), Has.Count.EqualTo(3));
        }
    }

    [Test]
    public void Current_from_a_dc_generator_drives_the_next_step_as_in_NEST()
    {
        // 1000 pA for C_m = 250 pF, tau_m = 10 ms: V_m approaches E_L + 40 mV; the first sample after the current's
        // arrival is still E_L, the next one moves (y0 takes effect from the following step).
        using var sim = NewSimulator();
        var neuron = sim.Create(User, 1, new() { ["V_th"] = 100.0 });
        var dc = sim.Create("dc_generator", 1, new() { ["amplitude"] = 1000.0 });
        sim.Connect(dc, neuron);
        var meter = sim.Create("multimeter", 1, new() { ["interval"] = 0.1, ["record_from"] = new[] { "V_m", "y0" } });
        sim.Connect(meter, neuron);
        sim.Simulate(200.0);
        var events = sim.GetStatus(meter).Get<StatusDictionary>(ParameterNames.Events);
        double[] vm = events.Get<double[]>("V_m"), y0 = events.Get<double[]>("y0");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(y0[^1], Is.EqualTo(1000.0));
            Assert.That(vm[^1], Is.EqualTo(-30.0).Within(1e-6));
            Assert.That(vm[0], Is.EqualTo(-70.0));
        }
    }
}
