namespace NeuroKernel.Tests.Connectivity;

/// <summary>
/// The degree statistics of the random rules, tested as NEST's <c>connect_test_base.py</c> tests them: one
/// network per rng_seed, a χ² goodness-of-fit test of its degrees, then a Kolmogorov–Smirnov test that the
/// χ² p-values of all networks are uniform. A rule that picks partners unevenly, or ignores p, pushes the
/// p-values towards 0 and fails the KS test.
/// </summary>
[TestFixture]
[Category("Statistical")]
public class ConnectionRuleStatisticsTests
{
    /// <summary>Networks per two-level test.</summary>
    private const int Runs = 25;

    /// <summary>Significance of the KS test on the p-values.</summary>
    private const double Alpha = 0.01;

    private static ConnectionTable Build(long seed, int nPre, int nPost, StatusDictionary rule, out NodeCollection pre, out NodeCollection post, int threads = 1)
    {
        using var sim = new Simulator();
        sim.SetKernelStatus(new() { ["rng_seed"] = seed, ["local_num_threads"] = threads });
        pre = sim.Create("iaf_psc_alpha", nPre);
        post = sim.Create("iaf_psc_alpha", nPost);
        sim.Connect(pre, post, rule);
        return sim.GetConnections();
    }

    private static double[] PValues(Func<long, double> run) => [.. Enumerable.Range(1, Runs).Select(seed => run(seed))];

    private static void AssertUniform(double[] pValues)
    {
        double ks = GoodnessOfFit.UniformPValue(pValues);
        TestContext.Out.WriteLine($"KS p-value of {pValues.Length} χ² p-values: {ks:F4}");
        Assert.That(ks, Is.GreaterThan(Alpha), $"χ² p-values not uniform: {string.Join(", ", pValues.Select(p => p.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)))}");
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Fixed_indegree_out_degrees_are_multinomial(bool multapses)
    {
        // Each of 100 targets draws 50 of 100 sources: a source's out-degree is Binomial(100·50, 1/100) with
        // multapses, Binomial(100, 1/2) without, and the out-degrees together are the cells of one multinomial.
        const int NPre = 100, NPost = 100, K = 50;
        double expected = NPost * K / (double)NPre;
        double factor = multapses ? 1.0 : (1.0 - (double)K / NPre) * NPre / (NPre - 1.0);
        var rule = new StatusDictionary { ["rule"] = "fixed_indegree", ["indegree"] = K, ["allow_multapses"] = multapses };

        var p = PValues(seed =>
        {
            var c = Build(seed, NPre, NPost, rule, out var pre, out var post);
            Assert.That(Degrees.In(c, post), Is.All.EqualTo(K));
            return GoodnessOfFit.PerNodePValue(Degrees.Out(c, pre), expected, factor);
        });

        AssertUniform(p);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Fixed_outdegree_in_degrees_are_multinomial(bool multapses)
    {
        const int NPre = 80, NPost = 120, K = 30;
        double expected = NPre * K / (double)NPost;
        double factor = multapses ? 1.0 : (1.0 - (double)K / NPost) * NPost / (NPost - 1.0);
        var rule = new StatusDictionary { ["rule"] = "fixed_outdegree", ["outdegree"] = K, ["allow_multapses"] = multapses };

        var p = PValues(seed =>
        {
            var c = Build(seed, NPre, NPost, rule, out var pre, out var post);
            Assert.That(Degrees.Out(c, pre), Is.All.EqualTo(K));
            return GoodnessOfFit.PerNodePValue(Degrees.In(c, post), expected, factor);
        });

        AssertUniform(p);
    }

    [TestCase("in")]
    [TestCase("out")]
    public void Fixed_total_number_degrees_are_multinomial(string fan)
    {
        // N pairs drawn uniformly: in-degrees are Multinomial(N, 1/nPost), out-degrees Multinomial(N, 1/nPre).
        const int NPre = 60, NPost = 90, N = 1800;
        var rule = new StatusDictionary { ["rule"] = "fixed_total_number", ["N"] = N };

        var p = PValues(seed =>
        {
            var c = Build(seed, NPre, NPost, rule, out var pre, out var post);
            Assert.That(c, Has.Count.EqualTo(N));
            return fan == "in"
                ? GoodnessOfFit.PerNodePValue(Degrees.In(c, post), N / (double)NPost)
                : GoodnessOfFit.PerNodePValue(Degrees.Out(c, pre), N / (double)NPre);
        });

        AssertUniform(p);
    }

    [TestCase("in", 0.1)]
    [TestCase("out", 0.1)]
    [TestCase("in", 0.5)]
    [TestCase("out", 0.9)]
    public void Pairwise_bernoulli_degrees_are_binomial(string fan, double prob)
    {
        // In-degrees are Binomial(nPre, p), out-degrees Binomial(nPost, p), independent from node to node.
        const int NPre = 300, NPost = 400;
        var rule = new StatusDictionary { ["rule"] = "pairwise_bernoulli", ["p"] = prob };

        var p = PValues(seed =>
        {
            var c = Build(seed, NPre, NPost, rule, out var pre, out var post);
            return fan == "in"
                ? GoodnessOfFit.BinomialHistogramPValue(Degrees.In(c, post), NPre, prob)
                : GoodnessOfFit.BinomialHistogramPValue(Degrees.Out(c, pre), NPost, prob);
        });

        AssertUniform(p);
    }

    [Test]
    public void Pairwise_bernoulli_without_autapses_gives_Binomial_n_minus_1_in_degrees()
    {
        const int N = 300;
        const double Prob = 0.2;

        var p = PValues(seed =>
        {
            using var sim = new Simulator();
            sim.SetKernelStatus(new() { ["rng_seed"] = seed });
            var n = sim.Create("iaf_psc_alpha", N);
            sim.Connect(n, n, new StatusDictionary { ["rule"] = "pairwise_bernoulli", ["p"] = Prob, ["allow_autapses"] = false });
            return GoodnessOfFit.BinomialHistogramPValue(Degrees.In(sim.GetConnections(), n), N - 1, Prob);
        });

        AssertUniform(p);
    }

    /// <summary>The two-level test has power: the same networks fail against a neighbouring hypothesis.</summary>
    [TestCase(0.3, 0.32)]
    [TestCase(0.3, 0.28)]
    public void Two_level_test_rejects_a_wrong_p(double actual, double tested)
    {
        const int NPre = 300, NPost = 400;
        var rule = new StatusDictionary { ["rule"] = "pairwise_bernoulli", ["p"] = actual };

        var p = PValues(seed => GoodnessOfFit.BinomialHistogramPValue(Degrees.In(Build(seed, NPre, NPost, rule, out _, out var post), post), NPre, tested));

        Assert.That(GoodnessOfFit.UniformPValue(p), Is.LessThan(Alpha));
    }

    [Test]
    public void Two_level_test_rejects_a_source_choice_that_skips_a_node()
    {
        // fixed_indegree from 100 sources tested as if one source could never be chosen (99 sources):
        // the per-node test must notice the empty node.
        const int K = 50;
        var rule = new StatusDictionary { ["rule"] = "fixed_indegree", ["indegree"] = K };

        var p = PValues(seed =>
        {
            var c = Build(seed, 100, 100, rule, out var pre, out _);
            int[] outDegrees = Degrees.Out(c, pre);
            outDegrees[0] = 0;
            return GoodnessOfFit.PerNodePValue(outDegrees, 100 * K / 100.0);
        });

        Assert.That(GoodnessOfFit.UniformPValue(p), Is.LessThan(Alpha));
    }

    [Test]
    public void Kolmogorov_Smirnov_p_value_matches_tabulated_critical_values()
    {
        // Tabulated two-sided critical values of D for α = 0.05 and 0.01 (Massey 1951): n = 25 → 0.264, 0.317.
        Assert.That(GoodnessOfFit.KolmogorovQ((5.0 + 0.12 + 0.11 / 5.0) * 0.264), Is.EqualTo(0.05).Within(0.005));
        Assert.That(GoodnessOfFit.KolmogorovQ((5.0 + 0.12 + 0.11 / 5.0) * 0.317), Is.EqualTo(0.01).Within(0.002));
    }

    // ---- Reproducibility ----

    private static IEnumerable<TestCaseData> RandomRules()
    {
        static TestCaseData Case(string name, StatusDictionary rule) => new TestCaseData(rule).SetArgDisplayNames(name);
        yield return Case("fixed_indegree", new() { ["rule"] = "fixed_indegree", ["indegree"] = 20 });
        yield return Case("fixed_indegree, no multapses", new() { ["rule"] = "fixed_indegree", ["indegree"] = 20, ["allow_multapses"] = false });
        yield return Case("fixed_outdegree", new() { ["rule"] = "fixed_outdegree", ["outdegree"] = 15, ["allow_autapses"] = false });
        yield return Case("fixed_total_number", new() { ["rule"] = "fixed_total_number", ["N"] = 900 });
        yield return Case("pairwise_bernoulli", new() { ["rule"] = "pairwise_bernoulli", ["p"] = 0.2 });
    }

    private static List<(int, int, int, double, double)> Network(StatusDictionary rule, int threads, long seed = 4321)
    {
        using var sim = new Simulator();
        sim.SetKernelStatus(new() { ["rng_seed"] = seed, ["local_num_threads"] = threads });
        var a = sim.Create("iaf_psc_alpha", 70);
        var b = sim.Create("iaf_psc_alpha", 50);
        var syn = new StatusDictionary { ["weight"] = Distributions.Normal(1.0, 0.3), ["delay"] = Distributions.Uniform(0.5, 3.0) };
        sim.Connect(a, b, rule, syn);
        sim.Simulate(1.0); // the store is then split by thread; the next call adds to it
        sim.Connect(a + b, a + b, rule, syn);
        return Degrees.Sorted(sim.GetConnections());
    }

    [TestCaseSource(nameof(RandomRules))]
    public void Connections_from_an_rng_seed_do_not_depend_on_local_num_threads(StatusDictionary rule)
    {
        var one = Network(rule, threads: 1);

        Assert.That(Network(rule, threads: 2), Is.EqualTo(one));
        Assert.That(Network(rule, threads: 3), Is.EqualTo(one));
    }

    [TestCaseSource(nameof(RandomRules))]
    public void Another_rng_seed_gives_another_network(StatusDictionary rule)
    {
        Assert.That(Network(rule, threads: 1, seed: 4322), Is.Not.EqualTo(Network(rule, threads: 1, seed: 4321)));
    }

    [Test]
    public void Two_Connect_calls_with_the_same_rule_draw_different_connections()
    {
        using var sim = new Simulator();
        var pre = sim.Create("iaf_psc_alpha", 50);
        var post = sim.Create("iaf_psc_alpha", 50);
        var rule = new StatusDictionary { ["rule"] = "fixed_indegree", ["indegree"] = 10 };
        sim.CopyModel("static_synapse", "second");

        sim.Connect(pre, post, rule);
        sim.Connect(pre, post, rule, "second");
        var first = sim.GetConnections(synapseModel: "static_synapse");
        var second = sim.GetConnections(synapseModel: "second");

        Assert.That(Degrees.Pairs(second).Order(), Is.Not.EqualTo(Degrees.Pairs(first).Order()));
    }
}
