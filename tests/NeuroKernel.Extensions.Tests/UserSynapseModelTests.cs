#pragma warning disable CA1861 // Expected values are clearer inline, and each test runs once.

namespace NeuroKernel.Extensions.Tests;

/// <summary>
/// A plastic synapse model defined outside the library (<see cref="UserStdpSynapse"/>), registered and used with
/// Connect, CopyModel, SetDefaults and GetConnections: its weights follow the pair rule's closed form for spike pairs at
/// known times, the postsynaptic spikes reach it with the dendritic delay, each presynaptic spike carries the weight
/// the connection has after it, and the results do not depend on the number of threads.
/// </summary>
[TestFixture]
public class UserSynapseModelTests
{
    private const string Stdp = "user_stdp_synapse";
    private const string Neuron = "user_iaf_psc_delta";
    private const double Delay = 1.0;
    private const double W0 = 1.0, Wmax = 10.0, Lambda = 0.01, Alpha = 1.0, TauPlus = 20.0, TauMinus = 20.0;

    private static Simulator NewSimulator(int threads = 1)
    {
        var sim = new Simulator();
        sim.RegisterNeuronModel(new UserIafPscDelta());
        sim.RegisterSynapseModel<UserStdpSynapse, UserStdpCommon>(Stdp);
        sim.SetKernelStatus(new() { ["local_num_threads"] = threads });
        return sim;
    }

    /// <summary>
    /// A parrot firing at <paramref name="preTimes"/>, connected by the plastic synapse to a neuron that a strong input
    /// makes fire at <paramref name="postTimes"/> (the plastic input alone is far below threshold).
    /// </summary>
    private static (Simulator Sim, NodeCollection Pre, NodeCollection Post, NodeCollection Meter) Pair(double[] preTimes, double[] postTimes,
        int threads = 1, StatusDictionary? synapse = null)
    {
        var sim = NewSimulator(threads);
        sim.SetDefaults(Stdp, new() { ["lambda"] = Lambda, ["alpha"] = Alpha, ["tau_plus"] = TauPlus, ["tau_minus"] = TauMinus, ["Wmax"] = Wmax });
        var pre = sim.Create("parrot_neuron");
        var post = sim.Create(Neuron);
        var preDrive = sim.Create(ModelNames.SpikeGenerator, 1, new() { [ParameterNames.SpikeTimes] = preTimes.Select(t => t - 1.0).ToArray() });
        var postDrive = sim.Create(ModelNames.SpikeGenerator, 1, new() { [ParameterNames.SpikeTimes] = postTimes.Select(t => t - 1.0).ToArray() });
        sim.Connect(preDrive, pre, null, new SynSpec("static_synapse", 1.0, 1.0));
        sim.Connect(postDrive, post, null, new SynSpec("static_synapse", 100.0, 1.0));
        var spec = new StatusDictionary { ["synapse_model"] = Stdp, ["weight"] = W0, ["delay"] = Delay };
        foreach (var (key, value) in synapse ?? [])
        {
            spec[key] = value;
        }

        sim.Connect(pre, post, null, spec);
        var meter = sim.Create("multimeter", 1, new() { ["interval"] = 0.1, ["record_from"] = new[] { "V_m" } });
        sim.Connect(meter, post);
        return (sim, pre, post, meter);
    }

    private static double WeightOf(Simulator sim, NodeCollection pre, NodeCollection post)
    {
        var table = sim.GetConnections(pre, post, Stdp);
        Assert.That(table.Count, Is.EqualTo(1));
        return table.Weight[0];
    }

    [Test]
    public void Pre_then_post_then_pre_potentiates_then_depresses_by_the_closed_form()
    {
        // Pre at 10 ms, post at 20 ms, pre at 100 ms, delay 1 ms (dendritic, as in NEST): the post spike reaches the
        // synapse at 21 ms, 11 ms after the pre spike; the second pre spike sees K− at 100 − 1 = 99 ms, 79 ms after it.
        var (sim, pre, post, _) = Pair([10.0, 100.0], [20.0]);
        using var _s = sim;
        sim.Simulate(50.0);
        Assert.That(WeightOf(sim, pre, post), Is.EqualTo(W0), "the weight changes only when a presynaptic spike passes");
        sim.Simulate(100.0);
        double potentiated = W0 + (Lambda * Wmax * Math.Exp(-11.0 / TauPlus));
        double expected = potentiated - (Alpha * Lambda * Wmax * Math.Exp(-79.0 / TauMinus));
        Assert.That(WeightOf(sim, pre, post), Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void Post_then_pre_depresses_by_the_closed_form()
    {
        // Post at 5 ms, pre at 10 ms: K− at 10 − 1 = 9 ms is exp(−4/τ−); K+ was 0 when the post spike passed.
        var (sim, pre, post, _) = Pair([10.0], [5.0]);
        using var _s = sim;
        sim.Simulate(30.0);
        Assert.That(WeightOf(sim, pre, post), Is.EqualTo(W0 - (Alpha * Lambda * Wmax * Math.Exp(-4.0 / TauMinus))).Within(1e-12));
    }

    [Test]
    public void A_post_spike_reaches_the_synapse_only_after_the_dendritic_delay()
    {
        // Post at 9.5 ms reaches the synapse at 10.5 ms, after the pre spike at 10 ms, which therefore sees neither a
        // potentiation nor K− (9.5 is after 10 − 1): the weight stays W0 until the pre spike at 60 ms, which first
        // potentiates by K+ at 10.5 ms, exp(−0.5/τ+), then depresses by K− at 59 ms, exp(−49.5/τ−).
        var (sim, pre, post, _) = Pair([10.0, 60.0], [9.5]);
        using var _s = sim;
        sim.Simulate(30.0);
        Assert.That(WeightOf(sim, pre, post), Is.EqualTo(W0));
        sim.Simulate(40.0);
        double expected = W0 + (Lambda * Wmax * Math.Exp(-0.5 / TauPlus)) - (Alpha * Lambda * Wmax * Math.Exp(-49.5 / TauMinus));
        Assert.That(WeightOf(sim, pre, post), Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void The_spike_carries_the_weight_after_the_update()
    {
        // V_m of the post neuron jumps, in the step in which the second pre spike arrives (100 + 1 ms), by the new weight.
        var (sim, pre, post, meter) = Pair([10.0, 100.0], [20.0]);
        using var _s = sim;
        sim.Simulate(150.0);
        double weight = WeightOf(sim, pre, post);
        double[] vm = sim.GetStatus(meter).Get<StatusDictionary>(ParameterNames.Events).Get<double[]>("V_m");
        int arrival = 1010 - 1; // the sample stamped 101.0 ms
        double decay = Math.Exp(-0.1 / 10.0);
        double jump = (vm[arrival] + 70.0) - (decay * (vm[arrival - 1] + 70.0));
        Assert.That(jump, Is.EqualTo(weight).Within(1e-9));
        Assert.That(weight, Is.Not.EqualTo(W0));
    }

    [Test]
    public void Per_connection_parameters_come_from_the_syn_spec_and_common_ones_from_the_model()
    {
        // Wmax scales the pair rule's changes; lambda (common) too. A CopyModel copy has its own common properties.
        var (sim, pre, post, _) = Pair([10.0, 100.0], [20.0], synapse: new() { ["Wmax"] = 2 * Wmax });
        using var _s = sim;
        sim.Simulate(150.0);
        double change = 2 * ((Lambda * Wmax * Math.Exp(-11.0 / TauPlus)) - (Alpha * Lambda * Wmax * Math.Exp(-79.0 / TauMinus)));
        Assert.That(WeightOf(sim, pre, post), Is.EqualTo(W0 + change).Within(1e-12));

        sim.CopyModel(Stdp, "slow_stdp", new() { ["lambda"] = 0.5 * Lambda });
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sim.GetDefaults("slow_stdp").Get<double>("lambda"), Is.EqualTo(0.5 * Lambda));
            Assert.That(sim.GetDefaults(Stdp).Get<double>("lambda"), Is.EqualTo(Lambda));
            Assert.That(sim.GetDefaults(Stdp).Get<double>("Wmax"), Is.EqualTo(Wmax));
            Assert.That(sim.GetKernelStatus<string[]>("synapse_models"), Does.Contain(Stdp).And.Contain("slow_stdp"));
        }
    }

    [Test]
    public void Bad_values_are_refused_and_change_nothing()
    {
        using var sim = NewSimulator();
        var a = sim.Create(Neuron, 2);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => sim.SetDefaults(Stdp, new() { ["lambda"] = 0.5, ["tau_plus"] = -1.0 }),
                Throws.TypeOf<BadPropertyException>().With.Message.Contains("tau_plus = -1"));
            Assert.That(sim.GetDefaults(Stdp).Get<double>("lambda"), Is.EqualTo(0.01), "SetDefaults changed nothing");
            Assert.That(() => sim.Connect(a, a, null, new StatusDictionary { ["synapse_model"] = Stdp, ["Kplus"] = -1.0 }),
                Throws.TypeOf<BadPropertyException>().With.Message.Contains("Kplus"));
            Assert.That(() => sim.Connect(a, a, null, new StatusDictionary { ["synapse_model"] = Stdp, ["tau_psc"] = 1.0 }),
                Throws.TypeOf<BadPropertyException>().With.Message.Contains("tau_psc"));
            Assert.That(sim.GetConnections().Count, Is.Zero, "no connection was made");
            Assert.That(() => sim.RegisterSynapseModel<UserStdpSynapse, UserStdpCommon>("static_synapse"), Throws.TypeOf<NewModelNameExistsException>());
        }
    }

    [Test]
    public void Weights_of_a_plastic_network_do_not_depend_on_the_number_of_threads()
    {
        static double[] Run(int threads)
        {
            using var sim = NewSimulator(threads);
            sim.SetKernelStatus(new() { ["rng_seed"] = 99 });
            var neurons = sim.Create(Neuron, 200, new() { ["I_e"] = 300.0 });
            sim.SetStatus(neurons, "V_m", [.. Enumerable.Range(0, 200).Select(i => -70.0 + (i % 13))]);
            var noise = sim.Create(ModelNames.PoissonGenerator, 1, new() { ["rate"] = 5000.0 });
            sim.Connect(noise, neurons, null, new SynSpec("static_synapse", 0.5, 1.0));
            sim.Connect(neurons, neurons, new ConnSpec("fixed_indegree", new() { ["indegree"] = 20 }),
                new StatusDictionary { ["synapse_model"] = Stdp, ["weight"] = 0.3, ["delay"] = 1.5, ["Wmax"] = 1.0 });
            sim.Simulate(200.0);
            var table = sim.GetConnections(synapseModel: Stdp);
            return [.. table.Weight];
        }

        double[] one = Run(1), two = Run(2);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(two, Is.EqualTo(one));
            Assert.That(one.Distinct().Count(), Is.GreaterThan(1000), "the weights changed");
        }
    }
}
