#pragma warning disable CA1861 // Arrays in the case tables are clearer inline, and each case runs once.

namespace NeuroKernel.Tests.Connectivity;

/// <summary>
/// Exact counts of every rule where the rule fixes them (NEST's <c>test_connect_*.py</c> count tests and
/// <c>testAutapses*</c>/<c>testMultapses*</c>), and NEST's refusals, each of which must leave the network as it was.
/// </summary>
[TestFixture]
public class ConnectionRuleCountTests
{
    private const int Seeds = 50;

    private static long ModelCount(Simulator sim, string model) => sim.GetDefaults(model).Get<long>("num_connections");

    private static long KernelCount(Simulator sim) => sim.GetKernelStatus<long>("num_connections");

    private static StatusDictionary Rule(string rule, params (string Key, object Value)[] parameters)
    {
        var d = new StatusDictionary { ["rule"] = rule };
        foreach (var (key, value) in parameters)
        {
            d[key] = value;
        }

        return d;
    }

    private static Simulator Seeded(long seed)
    {
        var sim = new Simulator();
        sim.SetKernelStatus(new() { ["rng_seed"] = seed });
        return sim;
    }

    // ---- Exact counts ----

    [TestCase(true, true)]
    [TestCase(false, false)]
    [TestCase(true, false)]
    [TestCase(false, true)]
    public void Fixed_indegree_89_on_100_neurons_makes_exactly_8900_connections(bool autapses, bool multapses)
    {
        using var sim = new Simulator();
        var n = sim.Create("iaf_psc_alpha", 100);

        sim.Connect(n, n, Rule("fixed_indegree", ("indegree", 89), ("allow_autapses", autapses), ("allow_multapses", multapses)));
        var c = sim.GetConnections();

        Assert.That(ModelCount(sim, "static_synapse"), Is.EqualTo(8900));
        Assert.That(KernelCount(sim), Is.EqualTo(8900));
        Assert.That(c, Has.Count.EqualTo(8900));
        Assert.That(Degrees.In(c, n), Is.All.EqualTo(89));
    }

    [Test]
    public void Fixed_indegree_counts_in_the_synapse_model_used()
    {
        using var sim = new Simulator();
        sim.CopyModel("static_synapse", "excitatory", new() { ["weight"] = 2.0 });
        var pre = sim.Create("iaf_psc_alpha", 60);
        var post = sim.Create("iaf_psc_alpha", 40);

        sim.Connect(pre, post, Rule("fixed_indegree", ("indegree", 25)), "excitatory");
        sim.Connect(post, pre, Rule("fixed_indegree", ("indegree", 7)));

        Assert.That(ModelCount(sim, "excitatory"), Is.EqualTo(40 * 25));
        Assert.That(ModelCount(sim, "static_synapse"), Is.EqualTo(60 * 7));
        Assert.That(KernelCount(sim), Is.EqualTo(40 * 25 + 60 * 7));
        Assert.That(sim.GetConnections(synapseModel: "excitatory"), Has.Count.EqualTo(40 * 25));
        Assert.That(sim.GetConnections(synapseModel: "static_synapse"), Has.Count.EqualTo(60 * 7));
        Assert.That(Degrees.In(sim.GetConnections(pre, post), post), Is.All.EqualTo(25));
        Assert.That(Degrees.In(sim.GetConnections(post, pre), pre), Is.All.EqualTo(7));
    }

    [TestCase(50, 70, 12, true, true)]
    [TestCase(50, 70, 70, true, false)]
    [TestCase(30, 30, 29, false, false)]
    [TestCase(30, 30, 60, false, true)]
    [TestCase(5, 200, 0, true, true)]
    public void Fixed_outdegree_gives_every_source_exactly_its_outdegree(int nPre, int nPost, int outdegree, bool autapses, bool multapses)
    {
        using var sim = new Simulator();
        var pre = sim.Create("iaf_psc_alpha", nPre);
        var post = nPre == nPost ? pre : sim.Create("iaf_psc_alpha", nPost);

        sim.Connect(pre, post, Rule("fixed_outdegree", ("outdegree", outdegree), ("allow_autapses", autapses), ("allow_multapses", multapses)));
        var c = sim.GetConnections();

        Assert.That(KernelCount(sim), Is.EqualTo(nPre * outdegree));
        Assert.That(ModelCount(sim, "static_synapse"), Is.EqualTo(nPre * outdegree));
        Assert.That(c, Has.Count.EqualTo(nPre * outdegree));
        Assert.That(Degrees.Out(c, pre), Is.All.EqualTo(outdegree));
    }

    [TestCase(50, 70, 100, true)]
    [TestCase(20, 20, 1000, false)]
    [TestCase(3, 4, 12, true)]
    [TestCase(10, 10, 0, true)]
    public void Fixed_total_number_makes_exactly_N_connections(int nPre, int nPost, int total, bool autapses)
    {
        using var sim = new Simulator();
        var pre = sim.Create("iaf_psc_alpha", nPre);
        var post = nPre == nPost ? pre : sim.Create("iaf_psc_alpha", nPost);

        sim.Connect(pre, post, Rule("fixed_total_number", ("N", total), ("allow_autapses", autapses)));
        var c = sim.GetConnections();

        Assert.That(KernelCount(sim), Is.EqualTo(total));
        Assert.That(ModelCount(sim, "static_synapse"), Is.EqualTo(total));
        Assert.That(c, Has.Count.EqualTo(total));
        Assert.That(c.Source, Is.All.InRange(pre.First, pre[^1]));
        Assert.That(c.Target, Is.All.InRange(post.First, post[^1]));
    }

    [TestCase(1, 1)]
    [TestCase(7, 13)]
    [TestCase(40, 25)]
    public void All_to_all_connects_every_pair_exactly_once(int nPre, int nPost)
    {
        using var sim = new Simulator();
        var pre = sim.Create("iaf_psc_alpha", nPre);
        var post = sim.Create("iaf_psc_alpha", nPost);

        sim.Connect(pre, post, "all_to_all");
        var pairs = Degrees.Pairs(sim.GetConnections()).ToList();

        Assert.That(KernelCount(sim), Is.EqualTo(nPre * nPost));
        Assert.That(pairs, Has.Count.EqualTo(nPre * nPost));
        Assert.That(pairs, Is.Unique);
        Assert.That(pairs, Is.All.Matches<(int S, int T)>(p => pre.Contains(p.S) && post.Contains(p.T)));
    }

    [Test]
    public void One_to_one_connects_the_i_th_source_to_the_i_th_target()
    {
        using var sim = new Simulator();
        var pre = sim.Create("iaf_psc_alpha", 25);
        var post = sim.Create("iaf_psc_alpha", 25);

        sim.Connect(pre, post, "one_to_one");
        var pairs = Degrees.Pairs(sim.GetConnections()).Order().ToList();

        Assert.That(KernelCount(sim), Is.EqualTo(25));
        Assert.That(pairs, Is.EqualTo(Enumerable.Range(0, 25).Select(i => (pre[i], post[i]))));
    }

    [TestCase(0.0, 0)]
    [TestCase(1.0, 30 * 20)]
    public void Pairwise_bernoulli_at_p_0_or_1_is_exact(double p, int expected)
    {
        using var sim = new Simulator();
        var pre = sim.Create("iaf_psc_alpha", 30);
        var post = sim.Create("iaf_psc_alpha", 20);

        sim.Connect(pre, post, Rule("pairwise_bernoulli", ("p", p)));

        Assert.That(KernelCount(sim), Is.EqualTo(expected));
        Assert.That(Degrees.Pairs(sim.GetConnections()).ToList(), Has.Count.EqualTo(expected).And.Unique);
    }

    [Test]
    public void Counts_add_up_over_rules_and_models()
    {
        using var sim = Seeded(7);
        sim.CopyModel("static_synapse", "excitatory", new() { ["weight"] = 3.0 });
        var a = sim.Create("iaf_psc_alpha", 40);
        var b = sim.Create("iaf_psc_alpha", 30);

        sim.Connect(a, b, Rule("fixed_indegree", ("indegree", 9)), "excitatory");                         // 270
        sim.Connect(b, a, Rule("fixed_outdegree", ("outdegree", 4)));                                     // 120
        sim.Connect(a, a, Rule("fixed_total_number", ("N", 333)), "excitatory");                          // 333
        sim.Connect(b, b, Rule("pairwise_bernoulli", ("p", 0.3)));                                        // random
        sim.Connect(a[..30], b, "one_to_one", new StatusDictionary { ["synapse_model"] = "excitatory" }); // 30
        var bernoulli = sim.GetConnections(b, b).Count;

        Assert.That(ModelCount(sim, "excitatory"), Is.EqualTo(270 + 333 + 30));
        Assert.That(ModelCount(sim, "static_synapse"), Is.EqualTo(120 + bernoulli));
        Assert.That(KernelCount(sim), Is.EqualTo(270 + 333 + 30 + 120 + bernoulli));
        Assert.That(sim.GetConnections(), Has.Count.EqualTo(KernelCount(sim)));
        Assert.That(sim.GetConnections(synapseModel: "excitatory"), Has.Count.EqualTo(ModelCount(sim, "excitatory")));
        Assert.That(bernoulli, Is.InRange(1, 30 * 30 - 1), "p = 0.3 on 900 pairs");
    }

    // ---- Autapses and multapses, across many seeds ----

    private static IEnumerable<TestCaseData> RulesOnOnePopulation()
    {
        yield return new TestCaseData(Rule("fixed_indegree", ("indegree", 9))).SetArgDisplayNames("fixed_indegree");
        yield return new TestCaseData(Rule("fixed_outdegree", ("outdegree", 9))).SetArgDisplayNames("fixed_outdegree");
        yield return new TestCaseData(Rule("fixed_total_number", ("N", 60))).SetArgDisplayNames("fixed_total_number");
        yield return new TestCaseData(Rule("pairwise_bernoulli", ("p", 0.7))).SetArgDisplayNames("pairwise_bernoulli");
        yield return new TestCaseData(Rule("all_to_all")).SetArgDisplayNames("all_to_all");
        yield return new TestCaseData(Rule("one_to_one")).SetArgDisplayNames("one_to_one");
    }

    [TestCaseSource(nameof(RulesOnOnePopulation))]
    public void No_rule_makes_an_autapse_when_autapses_are_disallowed(StatusDictionary rule)
    {
        for (int seed = 1; seed <= Seeds; seed++)
        {
            using var sim = Seeded(seed);
            var n = sim.Create("iaf_psc_alpha", 10);
            var spec = new StatusDictionary(rule) { ["allow_autapses"] = false };

            sim.Connect(n, n, spec, new StatusDictionary { ["weight"] = Distributions.Uniform(1.0, 2.0) });

            Assert.That(Degrees.Pairs(sim.GetConnections()), Has.None.Matches<(int S, int T)>(p => p.S == p.T), $"seed {seed}");
        }
    }

    [TestCase("fixed_indegree", "indegree", true)]
    [TestCase("fixed_indegree", "indegree", false)]
    [TestCase("fixed_outdegree", "outdegree", true)]
    [TestCase("fixed_outdegree", "outdegree", false)]
    public void Fixed_degree_rules_make_no_multapse_when_multapses_are_disallowed(string rule, string key, bool autapses)
    {
        for (int seed = 1; seed <= Seeds; seed++)
        {
            using var sim = Seeded(seed);
            var n = sim.Create("iaf_psc_alpha", 10);

            // 9 of 10 partners: without the check nearly every node would draw a partner twice.
            sim.Connect(n, n, Rule(rule, (key, 9), ("allow_autapses", autapses), ("allow_multapses", false)));
            var pairs = Degrees.Pairs(sim.GetConnections()).ToList();

            Assert.That(pairs, Has.Count.EqualTo(90), $"seed {seed}");
            Assert.That(pairs, Is.Unique, $"seed {seed}");
        }
    }

    [Test]
    public void Fixed_indegree_equal_to_the_population_without_multapses_takes_every_source_once()
    {
        using var sim = new Simulator();
        var pre = sim.Create("iaf_psc_alpha", 12);
        var post = sim.Create("iaf_psc_alpha", 5);

        sim.Connect(pre, post, Rule("fixed_indegree", ("indegree", 12), ("allow_multapses", false)));
        var pairs = Degrees.Pairs(sim.GetConnections()).ToList();

        Assert.That(pairs, Is.EquivalentTo(from t in post from s in pre select (s, t)));
    }

    [TestCase("fixed_indegree", "indegree")]
    [TestCase("fixed_outdegree", "outdegree")]
    [TestCase("fixed_total_number", "N")]
    public void Multapses_and_autapses_happen_when_allowed(string rule, string key)
    {
        // Default flags are both true (NEST). 10 draws with replacement from 10 nodes repeat one with probability
        // 1 − 10!/10¹⁰ ≈ 0.9996, so across seeds both kinds must show up.
        int multapses = 0, autapses = 0;
        for (int seed = 1; seed <= 10; seed++)
        {
            using var sim = Seeded(seed);
            var n = sim.Create("iaf_psc_alpha", 10);
            sim.Connect(n, n, Rule(rule, (key, rule == "fixed_total_number" ? 100 : 10)));
            var pairs = Degrees.Pairs(sim.GetConnections()).ToList();
            multapses += pairs.Count - pairs.Distinct().Count();
            autapses += pairs.Count(p => p.Source == p.Target);
        }

        Assert.That(multapses, Is.GreaterThan(0));
        Assert.That(autapses, Is.GreaterThan(0));
    }

    // ---- NEST's refusals; a refused call changes nothing ----

    /// <summary>The network the error cases start from: a = 1..10, b = 11..18, noise = 19.</summary>
    public sealed record Net(Simulator Sim, NodeCollection A, NodeCollection B, NodeCollection Noise);

    private static Net BuildNet(Simulator sim)
    {
        sim.SetKernelStatus(new() { ["rng_seed"] = 12345 });
        var a = sim.Create("iaf_psc_alpha", 10);
        var b = sim.Create("iaf_psc_alpha", 8);
        var noise = sim.Create("poisson_generator", 1, new() { ["rate"] = 1000.0 });
        sim.Connect(a, b, Rule("fixed_indegree", ("indegree", 3)),
            new StatusDictionary { ["weight"] = Distributions.Normal(2.0, 0.5), ["delay"] = Distributions.Uniform(1.0, 3.0) });
        sim.Connect(b, a, "all_to_all", new SynSpec("static_synapse", weight: -1.0, delay: 2.0));
        sim.Connect(noise, a + b);
        return new Net(sim, a, b, noise);
    }

    /// <summary>A random Connect after the failed one: it must draw what it would have drawn without the failure.</summary>
    private static void ConnectAfter(Net net) =>
        net.Sim.Connect(net.A, net.A, Rule("fixed_outdegree", ("outdegree", 4)),
            new StatusDictionary { ["weight"] = Distributions.Exponential(1.5), ["delay"] = Distributions.Uniform(0.5, 4.0) });

    private static IEnumerable<TestCaseData> RefusedConnects()
    {
        static TestCaseData Case(string name, Type error, string? property, Action<Net> connect) =>
            new TestCaseData(error, property, connect).SetArgDisplayNames(name);

        static Action<Net> Conn(StatusDictionary conn, StatusDictionary? syn = null) =>
            syn is null ? n => n.Sim.Connect(n.A, n.B, conn) : n => n.Sim.Connect(n.A, n.B, conn, syn);
        static StatusDictionary W(object weight) => new() { ["weight"] = weight };
        static StatusDictionary D(object delay) => new() { ["delay"] = delay };

        var indegree3 = Rule("fixed_indegree", ("indegree", 3));
        var outdegree3 = Rule("fixed_outdegree", ("outdegree", 3));
        var total20 = Rule("fixed_total_number", ("N", 20));
        var bernoulli = Rule("pairwise_bernoulli", ("p", 0.5));
        var bad = typeof(BadPropertyException);

        // Degrees NEST refuses.
        yield return Case("indegree larger than the sources without multapses", bad, "indegree",
            Conn(Rule("fixed_indegree", ("indegree", 11), ("allow_multapses", false))));
        yield return Case("outdegree larger than the targets without multapses", bad, "outdegree",
            Conn(Rule("fixed_outdegree", ("outdegree", 9), ("allow_multapses", false))));
        yield return Case("N larger than the pairs without multapses", bad, "N",
            Conn(Rule("fixed_total_number", ("N", 81), ("allow_multapses", false))));
        yield return Case("missing indegree", bad, "indegree", Conn(Rule("fixed_indegree")));
        yield return Case("missing outdegree", bad, "outdegree", Conn(Rule("fixed_outdegree")));
        yield return Case("missing N", bad, "N", Conn(Rule("fixed_total_number")));
        yield return Case("missing p", bad, "p", Conn(Rule("pairwise_bernoulli")));
        yield return Case("negative indegree", bad, "indegree", Conn(Rule("fixed_indegree", ("indegree", -1))));
        yield return Case("negative outdegree", bad, "outdegree", Conn(Rule("fixed_outdegree", ("outdegree", -3))));
        yield return Case("negative N", bad, "N", Conn(Rule("fixed_total_number", ("N", -5))));
        yield return Case("indegree that is not an integer", bad, "indegree", Conn(Rule("fixed_indegree", ("indegree", 2.5))));
        yield return Case("p below 0", bad, "p", Conn(Rule("pairwise_bernoulli", ("p", -0.1))));
        yield return Case("p above 1", bad, "p", Conn(Rule("pairwise_bernoulli", ("p", 1.5))));

        // Names NEST does not know.
        yield return Case("unknown rule", typeof(UnknownConnectionRuleException), null, Conn(Rule("fixed_in_degree", ("indegree", 3))));
        yield return Case("conn_spec key of another rule", bad, "outdegree", Conn(Rule("fixed_indegree", ("indegree", 3), ("outdegree", 3))));
        yield return Case("p for all_to_all", bad, "p", Conn(Rule("all_to_all", ("p", 0.5))));
        yield return Case("misspelled allow_multapses", bad, "allow_multapse", Conn(Rule("fixed_indegree", ("indegree", 3), ("allow_multapse", false))));
        yield return Case("misspelled syn_spec key", bad, "weigth", Conn(indegree3, new StatusDictionary { ["weigth"] = 2.0 }));
        yield return Case("unknown distribution", bad, "weight", Conn(indegree3, W(new StatusDictionary { ["distribution"] = "gamma_2" })));
        yield return Case("unknown key of a distribution", bad, null,
            Conn(indegree3, W(new StatusDictionary { ["distribution"] = "normal", ["mean"] = 1.0, ["sd"] = 0.1 })));
        yield return Case("uniform with min >= max", bad, "weight", Conn(indegree3, W(Distributions.Uniform(2.0, 1.0))));
        yield return Case("normal with negative std", bad, "weight", Conn(indegree3, W(Distributions.Normal(1.0, -0.1))));
        yield return Case("exponential with beta 0", bad, "delay", Conn(indegree3, D(Distributions.Exponential(0.0))));

        // Arrays whose shape does not fit the rule (a = 10 sources, b = 8 targets).
        yield return Case("all_to_all, 1-D weights", bad, "weight", Conn(Rule("all_to_all"), W(new double[80])));
        yield return Case("all_to_all, weights [sources, targets]", bad, "weight", Conn(Rule("all_to_all"), W(new double[10, 8])));
        yield return Case("all_to_all, delays [targets, sources + 1]", bad, "delay", Conn(Rule("all_to_all"), D(Filled(8, 11, 1.0))));
        yield return Case("all_to_all, ragged weight rows", bad, "weight",
            Conn(Rule("all_to_all"), W(Enumerable.Range(0, 8).Select(i => new double[i == 3 ? 9 : 10]).ToArray())));
        yield return Case("fixed_indegree, weights [targets, indegree + 1]", bad, "weight", Conn(indegree3, W(new double[8, 4])));
        yield return Case("fixed_indegree, weights [sources, indegree]", bad, "weight", Conn(indegree3, W(new double[10, 3])));
        yield return Case("fixed_indegree, 1-D delays", bad, "delay", Conn(indegree3, D(Enumerable.Repeat(1.0, 24).ToArray())));
        yield return Case("fixed_outdegree, weights [targets, outdegree]", bad, "weight", Conn(outdegree3, W(new double[8, 3])));
        yield return Case("fixed_outdegree, delays [sources, outdegree - 1]", bad, "delay", Conn(outdegree3, D(Filled(10, 2, 1.0))));
        yield return Case("fixed_total_number, N + 1 weights", bad, "weight", Conn(total20, W(new double[21])));
        yield return Case("fixed_total_number, 2-D delays", bad, "delay", Conn(total20, D(Filled(4, 5, 1.0))));
        yield return Case("pairwise_bernoulli, weight array", bad, "weight", Conn(bernoulli, W(new double[8, 10])));
        yield return Case("pairwise_bernoulli, delay array", bad, "delay", Conn(bernoulli, D(Filled(8, 10, 1.0))));
        yield return Case("one_to_one, n - 1 weights", bad, "weight",
            n => n.Sim.Connect(n.A, n.A, "one_to_one", W(new double[9])));
        yield return Case("one_to_one, 2-D weights", bad, "weight",
            n => n.Sim.Connect(n.A, n.A, "one_to_one", W(new double[10, 1])));
        yield return Case("explicit sources, weights of another length", bad, "weight",
            n => n.Sim.Connect([1, 2, 3], 12, W(new[] { 1.0, 2.0 })));

        // Collections NEST refuses.
        yield return Case("one_to_one with unequal sizes", typeof(DimensionMismatchException), null, n => n.Sim.Connect(n.A, n.B, "one_to_one"));
        yield return Case("empty sources", typeof(IllegalConnectionException), null, n => n.Sim.Connect(NodeCollection.Empty, n.B, indegree3));
        yield return Case("empty targets", typeof(IllegalConnectionException), null, n => n.Sim.Connect(n.A, NodeCollection.Empty, outdegree3));
        yield return Case("empty sources, all_to_all", typeof(IllegalConnectionException), null, n => n.Sim.Connect(NodeCollection.Empty, n.B));
        yield return Case("into a poisson_generator, fixed_indegree", typeof(IllegalConnectionException), null,
            n => n.Sim.Connect(n.A, n.Noise, Rule("fixed_indegree", ("indegree", 2))));
        yield return Case("into a poisson_generator among neurons, fixed_outdegree", typeof(IllegalConnectionException), null,
            n => n.Sim.Connect(n.A, n.B + n.Noise, outdegree3));
        yield return Case("into a poisson_generator, pairwise_bernoulli", typeof(IllegalConnectionException), null,
            n => n.Sim.Connect(n.A, n.Noise, bernoulli));

        // Delays below the resolution, found while connecting.
        yield return Case("drawn delay below the resolution", typeof(BadDelayException), null,
            Conn(Rule("fixed_indegree", ("indegree", 10)), D(Distributions.Uniform(0.0, 0.5))));
        yield return Case("array delay below the resolution", typeof(BadDelayException), null,
            Conn(Rule("all_to_all"), D(Filled(8, 10, 1.0, (7, 9, 0.01)))));
    }

    private static double[,] Filled(int rows, int columns, double value, (int Row, int Column, double Value)? except = null)
    {
        var a = new double[rows, columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                a[r, c] = value;
            }
        }

        if (except is { } e)
        {
            a[e.Row, e.Column] = e.Value;
        }

        return a;
    }

    [TestCaseSource(nameof(RefusedConnects))]
    public void Refused_Connect_throws_NEST_s_error(Type error, string? property, Action<Net> connect)
    {
        using var sim = new Simulator();
        var net = BuildNet(sim);

        var thrown = Assert.Throws(Is.TypeOf(error), () => connect(net));

        if (property is not null)
        {
            Assert.That(((BadPropertyException)thrown!).Property, Is.EqualTo(property), thrown!.Message);
        }
    }

    [TestCaseSource(nameof(RefusedConnects))]
    public void Refused_Connect_changes_no_count_and_no_connection(Type error, string? property, Action<Net> connect)
    {
        using var reference = new Simulator();
        var refNet = BuildNet(reference);
        reference.GetConnections();
        ConnectAfter(refNet);
        using var sim = new Simulator();
        var net = BuildNet(sim);
        long total = KernelCount(sim), model = ModelCount(sim, "static_synapse");

        Assert.That(() => connect(net), Throws.TypeOf(error), property);

        Assert.That(KernelCount(sim), Is.EqualTo(total));
        Assert.That(ModelCount(sim, "static_synapse"), Is.EqualTo(model));
        Assert.That(sim.GetConnections(), Has.Count.EqualTo(total));
        ConnectAfter(net);
        Assert.That(KernelCount(sim), Is.EqualTo(KernelCount(reference)));
        Assert.That(Degrees.Sorted(sim.GetConnections()), Is.EqualTo(Degrees.Sorted(reference.GetConnections())),
            "the refused call must add nothing and must not shift the random streams of the next call");
    }

    [TestCaseSource(nameof(RefusedConnects))]
    public void Refused_Connect_before_any_query_adds_no_pending_connection(Type error, string? property, Action<Net> connect)
    {
        // No GetConnections before the refused call: the network's connections are still pending then.
        using var reference = new Simulator();
        BuildNet(reference);
        using var sim = new Simulator();
        var net = BuildNet(sim);
        double minDelay = sim.GetKernelStatus<double>("min_delay"), maxDelay = sim.GetKernelStatus<double>("max_delay");

        Assert.That(() => connect(net), Throws.TypeOf(error), property);

        Assert.That(sim.GetKernelStatus<double>("min_delay"), Is.EqualTo(minDelay));
        Assert.That(sim.GetKernelStatus<double>("max_delay"), Is.EqualTo(maxDelay));
        Assert.That(Degrees.Sorted(sim.GetConnections()), Is.EqualTo(Degrees.Sorted(reference.GetConnections())));
    }
}
