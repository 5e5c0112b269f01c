#pragma warning disable CA1861 // Expected values are clearer inline, and each test runs once.

namespace NeuroKernel.Tests.Kernel;

[TestFixture]
public class ConnectTests
{
    private Simulator _sim = null!;

    [SetUp]
    public void SetUp() => _sim = new Simulator();

    [TearDown]
    public void TearDown() => _sim.Dispose();

    private long Count(string synapseModel) => _sim.GetDefaults(synapseModel).Get<long>("num_connections");

    private long Total => _sim.GetKernelStatus<long>("num_connections");

    [TestCase(1, 1)]
    [TestCase(3, 4)]
    [TestCase(7, 2)]
    [TestCase(20, 30)]
    public void All_to_all_makes_n_times_m_connections(int n, int m)
    {
        var pre = _sim.Create("iaf_psc_alpha", n);
        var post = _sim.Create("iaf_psc_alpha", m);

        _sim.Connect(pre, post);

        Assert.That(Count("static_synapse"), Is.EqualTo(n * m));
        Assert.That(Total, Is.EqualTo(n * m));
    }

    [Test]
    public void All_to_all_is_the_default_rule_and_counts_in_the_synapse_model_used()
    {
        _sim.CopyModel("static_synapse", "excitatory", new() { ["weight"] = 10.0 });
        var pre = _sim.Create("iaf_psc_alpha", 3);
        var post = _sim.Create("iaf_psc_alpha", 5);

        _sim.Connect(pre, post, "all_to_all", "excitatory");
        _sim.Connect(post, pre, new StatusDictionary { ["rule"] = "all_to_all" }, new StatusDictionary { ["synapse_model"] = "excitatory", ["weight"] = 2.0 });
        _sim.Connect(pre, pre);

        Assert.That(Count("excitatory"), Is.EqualTo(30));
        Assert.That(Count("static_synapse"), Is.EqualTo(9));
        Assert.That(Total, Is.EqualTo(39));
    }

    [Test]
    public void Device_connections_are_counted()
    {
        var neurons = _sim.Create("iaf_psc_alpha", 6);
        var noise = _sim.Create("poisson_generator", 2, new() { ["rate"] = 100.0 });
        var gen = _sim.Create("spike_generator");
        var rec = _sim.Create("spike_recorder");
        _sim.CopyModel("static_synapse", "rec_syn");

        _sim.Connect(noise, neurons);            // 2 × 6
        _sim.Connect(gen, neurons[..3]);         // 3
        _sim.Connect(neurons, rec, syn: "rec_syn"); // 6
        _sim.Connect(gen, rec, syn: "rec_syn");     // 1

        Assert.That(Count("static_synapse"), Is.EqualTo(15));
        Assert.That(Count("rec_syn"), Is.EqualTo(7));
        Assert.That(Total, Is.EqualTo(22));
    }

    [Test]
    public void One_to_one_connects_pairs()
    {
        var pre = _sim.Create("iaf_psc_alpha", 8);
        var post = _sim.Create("iaf_psc_alpha", 8);

        _sim.Connect(pre, post, "one_to_one");

        Assert.That(Count("static_synapse"), Is.EqualTo(8));
        Assert.That(Total, Is.EqualTo(8));
    }

    [Test]
    public void One_to_one_delivers_to_the_paired_target_only()
    {
        // Two generators fire at different times into two neurons; each neuron sees only its partner's spike.
        var gens = _sim.Create("spike_generator", 2);
        _sim.SetStatus(gens, [new() { ["spike_times"] = new[] { 1.0 } }, new() { ["spike_times"] = new[] { 5.0 } }]);
        var neurons = _sim.Create("iaf_psc_alpha", 2);

        _sim.Connect(gens, neurons, "one_to_one", new SynSpec("static_synapse", weight: 1000.0, delay: 1.0));
        _sim.Simulate(4.0);
        double[] v = _sim.GetStatus<double>(neurons, "V_m");

        Assert.That(v[0], Is.GreaterThan(-70.0), "neuron 1 got generator 1's spike (arrives at 2 ms)");
        Assert.That(v[1], Is.EqualTo(-70.0), "neuron 2 waits for generator 2's spike at 5 ms");
    }

    [Test]
    public void Explicit_sources_connect_each_source_to_the_target()
    {
        _sim.CopyModel("static_synapse", "excitatory", new() { ["weight"] = 5.0, ["delay"] = 1.5 });
        var neurons = _sim.Create("iaf_psc_alpha", 10);

        _sim.Connect([1, 2, 2, 3], 7, "excitatory");
        _sim.Connect((int[])[4, 5], 8, new SynSpec("excitatory", weight: -3.0));
        _sim.Connect([9], 9);

        Assert.That(Count("excitatory"), Is.EqualTo(6), "repeated sources make repeated connections");
        Assert.That(Count("static_synapse"), Is.EqualTo(1));
        Assert.That(Total, Is.EqualTo(7));
        Assert.That(neurons, Has.Count.EqualTo(10));
    }

    [Test]
    public void Explicit_sources_deliver_to_the_given_target_only()
    {
        var gen = _sim.Create("spike_generator", 1, new() { ["spike_times"] = new[] { 1.0 } });
        var neurons = _sim.Create("iaf_psc_alpha", 3);

        _sim.Connect([gen[0], gen[0]], neurons[1], new SynSpec("static_synapse", weight: 500.0, delay: 1.0));
        _sim.Simulate(5.0);
        double[] v = _sim.GetStatus<double>(neurons, "V_m");

        Assert.That(v[0], Is.EqualTo(-70.0));
        Assert.That(v[1], Is.GreaterThan(-70.0));
        Assert.That(v[2], Is.EqualTo(-70.0));
    }

    [Test]
    public void Explicit_source_and_target_arrays_connect_pairs()
    {
        _sim.Create("iaf_psc_alpha", 6);

        _sim.Connect([1, 2, 3], [4, 5, 6]);

        Assert.That(Total, Is.EqualTo(3));
    }

    [Test]
    public void All_to_all_without_autapses_skips_self_connections()
    {
        var n = _sim.Create("iaf_psc_alpha", 10);

        _sim.Connect(n, n, new StatusDictionary { ["rule"] = "all_to_all", ["allow_autapses"] = false });

        Assert.That(Count("static_synapse"), Is.EqualTo(90));
        Assert.That(Total, Is.EqualTo(90));
    }

    [Test]
    public void All_to_all_without_autapses_on_overlapping_collections_skips_only_common_ids()
    {
        var n = _sim.Create("iaf_psc_alpha", 10);

        // pre 1..6, post 5..10: ids 5 and 6 are in both.
        _sim.Connect(n[..6], n[4..], new ConnSpec("all_to_all", new() { ["allow_autapses"] = false }));

        Assert.That(Total, Is.EqualTo(6 * 6 - 2));
    }

    [Test]
    public void All_to_all_with_autapses_allowed_connects_every_pair()
    {
        var n = _sim.Create("iaf_psc_alpha", 10);

        _sim.Connect(n, n, new StatusDictionary { ["rule"] = "all_to_all", ["allow_autapses"] = true });

        Assert.That(Total, Is.EqualTo(100));
    }

    [Test]
    public void One_to_one_without_autapses_onto_itself_makes_nothing()
    {
        var n = _sim.Create("iaf_psc_alpha", 10);

        _sim.Connect(n, n, new StatusDictionary { ["rule"] = "one_to_one", ["allow_autapses"] = false });

        Assert.That(Total, Is.EqualTo(0));
    }

    /// <summary>
    /// NEST converts a delay to steps with ld_round(ms × steps_per_ms) = floor(ms × (1/h) + 0.5), where
    /// steps_per_ms = 1 / ms_per_step is exactly 10 at h = 0.1. So 0.15 ms → 1.5 → 2 steps, 0.35 ms → 3.5 → 4 steps,
    /// 1.45 → 15 steps (ms / h would give 1.4999…, 3.4999…, 14.4999…, one step less).
    /// </summary>
    [TestCase(0.06, 1)]
    [TestCase(0.24, 2)]
    [TestCase(0.26, 3)]
    [TestCase(0.25, 3)]
    [TestCase(1.04, 10)]
    [TestCase(1.06, 11)]
    [TestCase(2.25, 23)]
    [TestCase(0.15, 2)]
    [TestCase(0.35, 4)]
    [TestCase(0.95, 10)]
    [TestCase(1.45, 15)]
    public void Delay_off_the_grid_is_rounded_half_up_as_NEST_does(double delay, int steps)
    {
        var gen = _sim.Create("spike_generator");
        var n = _sim.Create("iaf_psc_alpha");

        _sim.Connect(gen, n, syn: new SynSpec("static_synapse", delay: delay));

        Assert.That(_sim.GetKernelStatus<double>("min_delay"), Is.EqualTo(steps * 0.1).Within(1e-9));
        Assert.That(_sim.GetKernelStatus<double>("max_delay"), Is.EqualTo(steps * 0.1).Within(1e-9));
    }

    [Test]
    public void Rounded_delay_sets_the_arrival_time()
    {
        // delay 0.26 ms → 3 steps: a spike at 1.0 ms arrives at 1.3 ms, so V_m first moves in the step ending at 1.4.
        var gen = _sim.Create("spike_generator", 1, new() { ["spike_times"] = new[] { 1.0 } });
        var n = _sim.Create("iaf_psc_alpha");
        _sim.Connect(gen, n, syn: new SynSpec("static_synapse", weight: 1000.0, delay: 0.26));

        _sim.Simulate(1.3);
        double atArrival = _sim.GetStatus(n[0]).Get<double>("V_m");
        _sim.Simulate(0.1);
        double after = _sim.GetStatus(n[0]).Get<double>("V_m");

        Assert.That(atArrival, Is.EqualTo(-70.0));
        Assert.That(after, Is.GreaterThan(-70.0));
    }

    [TestCase(0.04)]
    [TestCase(0.0)]
    [TestCase(-1.0)]
    [TestCase(double.NaN)]
    public void Delay_below_resolution_throws_BadDelay(double delay)
    {
        var n = _sim.Create("iaf_psc_alpha", 2);

        Assert.That(() => _sim.Connect(n, n, syn: new SynSpec("static_synapse", delay: delay)), Throws.TypeOf<BadDelayException>());
        Assert.That(() => _sim.Connect([1], 2, new SynSpec("static_synapse", delay: delay)), Throws.TypeOf<BadDelayException>());
        Assert.That(Total, Is.EqualTo(0));
    }

    [Test]
    public void Delay_below_a_coarser_resolution_throws_BadDelay()
    {
        _sim.SetKernelStatus(new() { ["resolution"] = 1.0 });
        var n = _sim.Create("iaf_psc_alpha", 2);

        Assert.That(() => _sim.Connect(n, n, syn: new SynSpec("static_synapse", delay: 0.4)), Throws.TypeOf<BadDelayException>());
        Assert.That(() => _sim.Connect(n, n, syn: new SynSpec("static_synapse", delay: 0.6)), Throws.Nothing);
    }

    // ---- Errors: each case throws the expected exception and changes no counter and no delay extremum. ----

    /// <summary>A small network with existing connections, for the error cases.</summary>
    public sealed record Net(Simulator Sim, NodeCollection A, NodeCollection B, NodeCollection Noise, NodeCollection Rec, NodeCollection Gen);

    private static Net BuildNet(Simulator sim)
    {
        var a = sim.Create("iaf_psc_alpha", 5);                               // 1..5
        var b = sim.Create("iaf_psc_alpha", 4);                               // 6..9
        var noise = sim.Create("poisson_generator", 1, new() { ["rate"] = 40000.0 }); // 10
        var rec = sim.Create("spike_recorder");                              // 11
        var gen = sim.Create("spike_generator", 1, new() { ["spike_times"] = new[] { 2.0, 4.0 } }); // 12
        sim.Connect(noise, a + b, syn: new SynSpec("static_synapse", weight: 30.0, delay: 1.0));
        sim.Connect(a, b, syn: new SynSpec("static_synapse", weight: 50.0, delay: 2.0));
        sim.Connect(a + b, rec);
        return new Net(sim, a, b, noise, rec, gen);
    }

    private static IEnumerable<TestCaseData> FailingConnects()
    {
        static TestCaseData Case(string name, Type error, Action<Net> connect) =>
            new TestCaseData(error, connect).SetArgDisplayNames(name);

        yield return Case("one_to_one with unequal sizes", typeof(DimensionMismatchException), n => n.Sim.Connect(n.A, n.B, "one_to_one"));
        yield return Case("explicit arrays of unequal length", typeof(DimensionMismatchException), n => n.Sim.Connect([1, 2], [6]));
        yield return Case("unknown rule", typeof(UnknownConnectionRuleException), n => n.Sim.Connect(n.A, n.B, "all_to_some"));
        yield return Case("unknown synapse model", typeof(UnknownSynapseTypeException), n => n.Sim.Connect(n.A, n.B, syn: "no_such_synapse"));
        yield return Case("unknown synapse model, dict", typeof(UnknownSynapseTypeException),
            n => n.Sim.Connect(n.A, n.B, syn: new StatusDictionary { ["synapse_model"] = "no_such_synapse" }));
        yield return Case("unknown synapse model, explicit", typeof(UnknownSynapseTypeException), n => n.Sim.Connect([1, 2], 6, "no_such_synapse"));
        yield return Case("delay below resolution", typeof(BadDelayException),
            n => n.Sim.Connect(n.A, n.B, syn: new StatusDictionary { ["delay"] = 0.0 }));
        yield return Case("delay below resolution, explicit", typeof(BadDelayException),
            n => n.Sim.Connect([1, 2], 6, new SynSpec("static_synapse", delay: 0.01)));
        yield return Case("misspelled conn_spec key", typeof(BadPropertyException),
            n => n.Sim.Connect(n.A, n.A, new StatusDictionary { ["rule"] = "all_to_all", ["allow_autapse"] = false }));
        yield return Case("into a poisson_generator", typeof(IllegalConnectionException), n => n.Sim.Connect(n.A, n.Noise));
        yield return Case("into a poisson_generator after valid targets", typeof(IllegalConnectionException), n => n.Sim.Connect(n.A, n.B + n.Noise));
        yield return Case("into a spike_generator", typeof(IllegalConnectionException), n => n.Sim.Connect(n.A, n.Gen));
        yield return Case("into a poisson_generator, explicit", typeof(IllegalConnectionException), n => n.Sim.Connect([1, 2], n.Noise[0]));
        yield return Case("from a spike_recorder", typeof(IllegalConnectionException), n => n.Sim.Connect(n.Rec, n.B));
        yield return Case("from a spike_recorder among neurons", typeof(IllegalConnectionException), n => n.Sim.Connect(n.A + n.Rec, n.B));
        yield return Case("from a spike_recorder, explicit", typeof(IllegalConnectionException), n => n.Sim.Connect([1, n.Rec[0], 6], 7));
        yield return Case("unknown source id", typeof(UnknownNodeException), n => n.Sim.Connect(NodeCollection.FromIds([99]), n.B));
        yield return Case("unknown target id", typeof(UnknownNodeException), n => n.Sim.Connect(n.A, NodeCollection.FromIds([6, 99])));
        yield return Case("unknown source id, explicit", typeof(UnknownNodeException), n => n.Sim.Connect([1, 99], 6));
        yield return Case("source id 0, explicit", typeof(UnknownNodeException), n => n.Sim.Connect([0, 1], 6));
        yield return Case("unknown target id, explicit", typeof(UnknownNodeException), n => n.Sim.Connect([1, 2], 13));
    }

    [TestCaseSource(nameof(FailingConnects))]
    public void Failed_Connect_throws_and_changes_no_counter(Type error, Action<Net> connect)
    {
        var net = BuildNet(_sim);
        long staticCount = Count("static_synapse"), total = Total;
        double minDelay = _sim.GetKernelStatus<double>("min_delay"), maxDelay = _sim.GetKernelStatus<double>("max_delay");

        Assert.That(() => connect(net), Throws.TypeOf(error));

        Assert.That(Count("static_synapse"), Is.EqualTo(staticCount));
        Assert.That(Total, Is.EqualTo(total));
        Assert.That(_sim.GetKernelStatus<double>("min_delay"), Is.EqualTo(minDelay));
        Assert.That(_sim.GetKernelStatus<double>("max_delay"), Is.EqualTo(maxDelay));
    }

    [TestCaseSource(nameof(FailingConnects))]
    public void Failed_Connect_leaves_the_network_s_activity_unchanged(Type error, Action<Net> connect)
    {
        using var reference = new Simulator();
        var refNet = BuildNet(reference);
        reference.Simulate(30.0);
        var net = BuildNet(_sim);

        Assert.That(() => connect(net), Throws.TypeOf(error));
        _sim.Simulate(30.0);

        var expected = reference.GetStatus(refNet.Rec).Get<StatusDictionary>("events");
        var actual = _sim.GetStatus(net.Rec).Get<StatusDictionary>("events");
        Assert.That(expected.Get<int[]>("senders"), Is.Not.Empty, "the network must be active for this test to mean anything");
        Assert.That(actual.Get<int[]>("senders"), Is.EqualTo(expected.Get<int[]>("senders")));
        Assert.That(actual.Get<double[]>("times"), Is.EqualTo(expected.Get<double[]>("times")));
        Assert.That(_sim.GetStatus<double>(net.A + net.B, "V_m"), Is.EqualTo(reference.GetStatus<double>(refNet.A + refNet.B, "V_m")));
    }
}
