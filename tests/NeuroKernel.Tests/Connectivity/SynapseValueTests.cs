#pragma warning disable CA1861 // Arrays in the tests are clearer inline, and each test runs once.

using MathNet.Numerics.Distributions;
using NeuroKernel.Tests.Integration;

namespace NeuroKernel.Tests.Connectivity;

/// <summary>
/// Weights and delays given per connection in a syn_spec (numbers, arrays in NEST's shapes, distributions), as
/// <see cref="Simulator.GetConnections"/> reports them and as the neurons feel them.
/// </summary>
[TestFixture]
public class SynapseValueTests
{
    private const double Alpha = 0.01;

    private static Simulator Seeded(long seed = 2024, double resolution = 0.1)
    {
        var sim = new Simulator();
        sim.SetKernelStatus(new() { ["rng_seed"] = seed, ["resolution"] = resolution });
        return sim;
    }

    private static StatusDictionary Indegree(int k) => new() { ["rule"] = "fixed_indegree", ["indegree"] = k };

    /// <summary>10,000 connections (100 targets × indegree 100) with the given syn_spec.</summary>
    private static ConnectionTable TenThousand(StatusDictionary syn, long seed = 2024, double resolution = 0.1)
    {
        using var sim = Seeded(seed, resolution);
        var pre = sim.Create("iaf_psc_alpha", 100);
        var post = sim.Create("iaf_psc_alpha", 100);
        sim.Connect(pre, post, Indegree(100), syn);
        return sim.GetConnections();
    }

    // ---- Distributions ----

    private static IEnumerable<TestCaseData> WeightDistributions()
    {
        static TestCaseData Case(string name, StatusDictionary dist, Func<double, double> cdf) =>
            new TestCaseData(dist, cdf).SetArgDisplayNames(name);

        yield return Case("uniform(-1, 3)", Distributions.Uniform(-1.0, 3.0), x => ContinuousUniform.CDF(-1.0, 3.0, x));
        yield return Case("normal(1, 0.5)", Distributions.Normal(1.0, 0.5), x => Normal.CDF(1.0, 0.5, x));
        yield return Case("lognormal(0.2, 0.4)", Distributions.Lognormal(0.2, 0.4), x => LogNormal.CDF(0.2, 0.4, x));
        yield return Case("exponential(beta 2)", Distributions.Exponential(2.0), x => Exponential.CDF(0.5, x));
        yield return Case("normal(0, 1) within [-0.5, 1)", Distributions.Normal(0.0, 1.0, -0.5, 1.0), x => TruncatedNormalCdf(0.0, 1.0, -0.5, 1.0, x));
        yield return Case("normal(-65, 5) within [-80, -60)", Distributions.Normal(-65.0, 5.0, -80.0, -60.0), x => TruncatedNormalCdf(-65.0, 5.0, -80.0, -60.0, x));
        yield return Case("NEST 2 names: normal_clipped(mu, sigma, low, high)",
            new StatusDictionary { ["distribution"] = "normal_clipped", ["mu"] = 2.0, ["sigma"] = 1.0, ["low"] = 1.5 },
            x => TruncatedNormalCdf(2.0, 1.0, 1.5, double.PositiveInfinity, x));
    }

    private static double TruncatedNormalCdf(double mean, double std, double min, double max, double x)
    {
        double lo = Normal.CDF(mean, std, min), hi = Normal.CDF(mean, std, max);
        return Math.Clamp((Normal.CDF(mean, std, x) - lo) / (hi - lo), 0.0, 1.0);
    }

    [TestCaseSource(nameof(WeightDistributions))]
    [Category("Statistical")]
    public void Drawn_weights_follow_their_distribution(StatusDictionary distribution, Func<double, double> cdf)
    {
        var c = TenThousand(new StatusDictionary { ["weight"] = distribution });

        Assert.That(c, Has.Count.EqualTo(10_000));
        Assert.That(c.Weight.Distinct().Count(), Is.GreaterThan(9_900), "one draw per connection");
        Assert.That(GoodnessOfFit.KolmogorovSmirnovPValue(c.Weight, cdf), Is.GreaterThan(Alpha));
    }

    [TestCase(1.02, 0.5)]
    [TestCase(1.0, 0.52)]
    [Category("Statistical")]
    public void Drawn_weights_fail_the_test_against_a_neighbouring_normal(double mean, double std)
    {
        // The largest CDF difference to a normal 2 % off in mean or 4 % in std is about 0.016 and 0.0097; KS rejects at
        // 1 % above 1.63/√n, so the test needs n = 100,000 (0.0052) to tell them apart reliably (10,000 gives 0.016).
        using var sim = Seeded();
        var pre = sim.Create("iaf_psc_alpha", 100);
        var post = sim.Create("iaf_psc_alpha", 1000);
        sim.Connect(pre, post, Indegree(100), new StatusDictionary { ["weight"] = Distributions.Normal(1.0, 0.5) });
        var c = sim.GetConnections();

        Assert.That(GoodnessOfFit.KolmogorovSmirnovPValue(c.Weight, x => Normal.CDF(mean, std, x)), Is.LessThan(Alpha));
    }

    [TestCase(-0.5, 1.0)]
    [TestCase(2.0, double.PositiveInfinity)]
    [TestCase(double.NegativeInfinity, -1.0)]
    public void Normal_with_bounds_stays_within_them(double min, double max)
    {
        var c = TenThousand(new StatusDictionary { ["weight"] = Distributions.Normal(0.0, 1.0, min, max) });

        Assert.That(c.Weight, Is.All.GreaterThanOrEqualTo(min).And.All.LessThanOrEqualTo(max));
    }

    [TestCase(0.1, 0.06, 3.0)]
    [TestCase(0.25, 0.13, 4.0)]
    [TestCase(1.0, 0.5, 8.0)]
    public void Drawn_delays_are_on_the_grid_and_at_least_the_resolution(double resolution, double min, double max)
    {
        var c = TenThousand(new StatusDictionary { ["delay"] = Distributions.Uniform(min, max) }, resolution: resolution);

        Assert.That(c.Delay, Is.All.GreaterThanOrEqualTo(resolution - 1e-12));
        Assert.That(c.Delay.Select(d => Math.Abs(d / resolution - Math.Round(d / resolution))), Is.All.LessThan(1e-9));
        Assert.That(c.Delay.Distinct().Count(), Is.GreaterThan(5), "delays are drawn, not one value");
    }

    [Test]
    [Category("Statistical")]
    public void Drawn_delays_are_rounded_half_up_to_the_grid()
    {
        // Uniform on [0.5, 2.5) at h = 0.1, rounded half up: 5 and 25 steps take half a cell each
        // ([0.5, 0.55) and [2.45, 2.5)), 6 … 24 steps a whole cell. Rounding down would give 5 … 24 evenly.
        var c = TenThousand(new StatusDictionary { ["delay"] = Distributions.Uniform(0.5, 2.5) });
        var observed = new double[26];
        foreach (double d in c.Delay)
        {
            observed[(int)Math.Round(d * 10.0)]++;
        }

        double chi2 = 0.0;
        for (int steps = 5; steps <= 25; steps++)
        {
            double expected = c.Count * (steps is 5 or 25 ? 0.025 : 0.05);
            chi2 += (observed[steps] - expected) * (observed[steps] - expected) / expected;
        }

        Assert.That(observed.Take(5).Sum(), Is.Zero);
        Assert.That(1.0 - ChiSquared.CDF(20, chi2), Is.GreaterThan(Alpha));
    }

    [Test]
    public void Drawn_delays_set_min_delay_and_max_delay()
    {
        using var sim = Seeded();
        var pre = sim.Create("iaf_psc_alpha", 50);
        var post = sim.Create("iaf_psc_alpha", 50);
        sim.Connect(pre, post, Indegree(20), new StatusDictionary { ["delay"] = Distributions.Uniform(0.5, 2.5) });

        // Read before anything finalizes the connections (Simulate or GetConnections), as NEST reports them at once.
        double minDelay = sim.GetKernelStatus<double>("min_delay"), maxDelay = sim.GetKernelStatus<double>("max_delay");
        var delays = sim.GetConnections().Delay;

        Assert.That(minDelay, Is.EqualTo(delays.Min()).Within(1e-9));
        Assert.That(maxDelay, Is.EqualTo(delays.Max()).Within(1e-9));
        Assert.That(sim.GetKernelStatus<double>("min_delay"), Is.EqualTo(delays.Min()).Within(1e-9));
        Assert.That(sim.GetKernelStatus<double>("max_delay"), Is.EqualTo(delays.Max()).Within(1e-9));
    }

    [Test]
    public void Array_delays_set_min_delay_and_max_delay()
    {
        using var sim = new Simulator();
        var n = sim.Create("iaf_psc_alpha", 4);
        sim.Connect(n, n, "one_to_one", new StatusDictionary { ["delay"] = new[] { 1.0, 0.3, 4.2, 2.0 } });

        Assert.That(sim.GetKernelStatus<double>("min_delay"), Is.EqualTo(0.3).Within(1e-9));
        Assert.That(sim.GetKernelStatus<double>("max_delay"), Is.EqualTo(4.2).Within(1e-9));
    }

    // ---- Arrays in NEST's shapes ----

    [TestCase(false)]
    [TestCase(true)]
    public void All_to_all_arrays_are_indexed_targets_by_sources(bool onePopulationWithoutAutapses)
    {
        using var sim = new Simulator();
        var pre = sim.Create("iaf_psc_alpha", 7);
        var post = onePopulationWithoutAutapses ? pre : sim.Create("iaf_psc_alpha", 5);
        var weights = new double[post.Count, pre.Count];
        var delays = new double[post.Count][];
        for (int t = 0; t < post.Count; t++)
        {
            delays[t] = new double[pre.Count];
            for (int s = 0; s < pre.Count; s++)
            {
                weights[t, s] = 100.0 * t + s;
                delays[t][s] = 0.1 * (1 + ((3 * t) + s) % 20);
            }
        }

        sim.Connect(pre, post, new StatusDictionary { ["rule"] = "all_to_all", ["allow_autapses"] = !onePopulationWithoutAutapses },
            new StatusDictionary { ["weight"] = weights, ["delay"] = delays });
        var c = sim.GetConnections();

        int expected = onePopulationWithoutAutapses ? pre.Count * (pre.Count - 1) : pre.Count * post.Count;
        Assert.That(c, Has.Count.EqualTo(expected));
        for (int i = 0; i < c.Count; i++)
        {
            int s = c.Source[i] - pre.First, t = c.Target[i] - post.First;
            Assert.That(c.Weight[i], Is.EqualTo(weights[t, s]), $"weight of {c.Source[i]} → {c.Target[i]}");
            Assert.That(c.Delay[i], Is.EqualTo(delays[t][s]).Within(1e-9), $"delay of {c.Source[i]} → {c.Target[i]}");
        }
    }

    [Test]
    public void Fixed_indegree_arrays_give_row_t_to_target_t()
    {
        // weight[t, c] = 1000 t + c and delay[t, c] = 0.1 (c + 1): each target gets exactly its row, and the
        // c-th connection's weight and delay come from the same column.
        const int K = 6;
        using var sim = Seeded();
        var pre = sim.Create("iaf_psc_alpha", 20);
        var post = sim.Create("iaf_psc_alpha", 9);
        var weights = new double[post.Count, K];
        var delays = new double[post.Count, K];
        for (int t = 0; t < post.Count; t++)
        {
            for (int k = 0; k < K; k++)
            {
                weights[t, k] = 1000.0 * t + k;
                delays[t, k] = 0.1 * (k + 1);
            }
        }

        sim.Connect(pre, post, Indegree(K), new StatusDictionary { ["weight"] = weights, ["delay"] = delays });
        var c = sim.GetConnections();

        for (int t = 0; t < post.Count; t++)
        {
            var mine = Enumerable.Range(0, c.Count).Where(i => c.Target[i] == post[t]).ToList();
            Assert.That(mine.Select(i => c.Weight[i]), Is.EquivalentTo(Enumerable.Range(0, K).Select(k => weights[t, k])), $"target {post[t]}");
            Assert.That(mine.Select(i => c.Delay[i] - 0.1 * (c.Weight[i] - 1000.0 * t + 1)), Is.All.EqualTo(0.0).Within(1e-9));
        }
    }

    [Test]
    public void Fixed_outdegree_arrays_give_row_s_to_source_s()
    {
        const int K = 4;
        using var sim = Seeded();
        var pre = sim.Create("iaf_psc_alpha", 8);
        var post = sim.Create("iaf_psc_alpha", 15);
        var weights = new double[pre.Count][];
        var delays = new double[pre.Count][];
        for (int s = 0; s < pre.Count; s++)
        {
            weights[s] = [.. Enumerable.Range(0, K).Select(k => -(1000.0 * s) - k)];
            delays[s] = [.. Enumerable.Range(0, K).Select(k => 0.5 * (k + 1))];
        }

        sim.Connect(pre, post, new StatusDictionary { ["rule"] = "fixed_outdegree", ["outdegree"] = K },
            new StatusDictionary { ["weight"] = weights, ["delay"] = delays });
        var c = sim.GetConnections();

        for (int s = 0; s < pre.Count; s++)
        {
            var mine = Enumerable.Range(0, c.Count).Where(i => c.Source[i] == pre[s]).ToList();
            Assert.That(mine.Select(i => c.Weight[i]), Is.EquivalentTo(weights[s]), $"source {pre[s]}");
            Assert.That(mine.Select(i => c.Delay[i] - 0.5 * (-c.Weight[i] - 1000.0 * s + 1)), Is.All.EqualTo(0.0).Within(1e-9));
        }
    }

    [Test]
    public void One_to_one_arrays_give_value_i_to_pair_i_with_delays_rounded_half_up()
    {
        using var sim = new Simulator();
        var pre = sim.Create("iaf_psc_alpha", 5);
        var post = sim.Create("iaf_psc_alpha", 5);

        sim.Connect(pre, post, "one_to_one", new StatusDictionary
        {
            ["weight"] = new[] { 1.5, -2.5, 3.5, 0.0, 10.0 },
            ["delay"] = new[] { 0.15, 0.35, 1.45, 0.06, 2.25 },
        });
        var c = sim.GetConnections();
        var bySource = Enumerable.Range(0, c.Count).OrderBy(i => c.Source[i]).ToList();

        Assert.That(bySource.Select(i => c.Target[i] - c.Source[i]), Is.All.EqualTo(5));
        Assert.That(bySource.Select(i => c.Weight[i]), Is.EqualTo(new[] { 1.5, -2.5, 3.5, 0.0, 10.0 }));
        Assert.That(bySource.Select(i => c.Delay[i]), Is.EqualTo(new[] { 0.2, 0.4, 1.5, 0.1, 2.3 }).Within(1e-9));
    }

    [Test]
    public void Fixed_total_number_arrays_give_one_value_per_connection()
    {
        const int N = 40;
        using var sim = Seeded();
        var pre = sim.Create("iaf_psc_alpha", 6);
        var post = sim.Create("iaf_psc_alpha", 7);
        double[] weights = [.. Enumerable.Range(0, N).Select(i => 10.0 + i)];
        double[] delays = [.. Enumerable.Range(0, N).Select(i => 0.1 * (i + 1))];

        sim.Connect(pre, post, new StatusDictionary { ["rule"] = "fixed_total_number", ["N"] = N },
            new StatusDictionary { ["weight"] = weights, ["delay"] = delays });
        var c = sim.GetConnections();

        Assert.That(c.Weight, Is.EquivalentTo(weights));
        Assert.That(Enumerable.Range(0, c.Count).Select(i => c.Delay[i] - 0.1 * (c.Weight[i] - 9.0)), Is.All.EqualTo(0.0).Within(1e-9));
    }

    [Test]
    public void Explicit_sources_take_their_weights_in_order()
    {
        using var sim = new Simulator();
        sim.Create("iaf_psc_alpha", 5);

        sim.Connect([3, 1, 3, 2], 5, new StatusDictionary { ["weight"] = new[] { 1.0, 2.0, 3.0, 4.0 }, ["delay"] = 1.2 });
        var c = sim.GetConnections(target: NodeCollection.FromIds([5]));
        var rows = Enumerable.Range(0, c.Count).Select(i => (c.Source[i], c.Weight[i], c.Delay[i])).Order().ToList();

        Assert.That(rows, Has.Count.EqualTo(4));
        Assert.That(rows.Select(r => (r.Item1, r.Item2)), Is.EqualTo(new[] { (1, 2.0), (2, 4.0), (3, 1.0), (3, 3.0) }));
        Assert.That(rows.Select(r => r.Item3), Is.All.EqualTo(1.2).Within(1e-9));
    }

    // ---- Numbers and model defaults ----

    private static IEnumerable<TestCaseData> Rules()
    {
        static TestCaseData Case(string name, StatusDictionary rule) => new TestCaseData(rule).SetArgDisplayNames(name);
        yield return Case("all_to_all", new() { ["rule"] = "all_to_all" });
        yield return Case("one_to_one", new() { ["rule"] = "one_to_one" });
        yield return Case("fixed_indegree", Indegree(3));
        yield return Case("fixed_outdegree", new() { ["rule"] = "fixed_outdegree", ["outdegree"] = 3 });
        yield return Case("fixed_total_number", new() { ["rule"] = "fixed_total_number", ["N"] = 17 });
        yield return Case("pairwise_bernoulli", new() { ["rule"] = "pairwise_bernoulli", ["p"] = 1.0 });
    }

    [TestCaseSource(nameof(Rules))]
    public void Weight_in_syn_spec_overrides_the_model_default(StatusDictionary rule)
    {
        using var sim = Seeded();
        sim.CopyModel("static_synapse", "syn5", new() { ["weight"] = 5.0, ["delay"] = 2.0 });
        var a = sim.Create("iaf_psc_alpha", 6);
        var b = sim.Create("iaf_psc_alpha", 6);

        sim.Connect(a, b, rule, new StatusDictionary { ["synapse_model"] = "syn5", ["weight"] = -2.5 });
        sim.Connect(b, a, rule, "syn5");
        var overridden = sim.GetConnections(a, b);
        var defaults = sim.GetConnections(b, a);

        Assert.That(overridden.Weight, Is.Not.Empty.And.All.EqualTo(-2.5));
        Assert.That(overridden.Delay, Is.All.EqualTo(2.0).Within(1e-9), "the delay stays the model's");
        Assert.That(defaults.Weight, Is.Not.Empty.And.All.EqualTo(5.0));
        Assert.That(Enumerable.Range(0, overridden.Count).Select(overridden.SynapseModel), Is.All.EqualTo("syn5"));
    }

    [TestCaseSource(nameof(Rules))]
    public void Connections_keep_the_default_weight_they_were_made_with(StatusDictionary rule)
    {
        // NEST copies the model's defaults into each connection at Connect: later SetDefaults changes only new ones.
        using var sim = Seeded();
        var a = sim.Create("iaf_psc_alpha", 6);
        var b = sim.Create("iaf_psc_alpha", 6);
        sim.SetDefaults("static_synapse", new() { ["weight"] = 4.0, ["delay"] = 1.5 });
        sim.Connect(a, b, rule);

        sim.SetDefaults("static_synapse", new() { ["weight"] = 8.0, ["delay"] = 2.5 });
        sim.Connect(b, a, rule);

        Assert.That(sim.GetConnections(a, b).Weight, Is.Not.Empty.And.All.EqualTo(4.0));
        Assert.That(sim.GetConnections(a, b).Delay, Is.All.EqualTo(1.5).Within(1e-9));
        Assert.That(sim.GetConnections(b, a).Weight, Is.Not.Empty.And.All.EqualTo(8.0));
        Assert.That(sim.GetConnections(b, a).Delay, Is.All.EqualTo(2.5).Within(1e-9));
    }

    [TestCaseSource(nameof(Rules))]
    public void Drawn_weight_with_a_number_delay_keeps_the_number(StatusDictionary rule)
    {
        using var sim = Seeded();
        var a = sim.Create("iaf_psc_alpha", 6);
        var b = sim.Create("iaf_psc_alpha", 6);

        sim.Connect(a, b, rule, new StatusDictionary { ["weight"] = Distributions.Uniform(10.0, 20.0), ["delay"] = 3.3 });
        var c = sim.GetConnections();

        Assert.That(c.Weight, Is.Not.Empty.And.All.InRange(10.0, 20.0));
        Assert.That(c.Delay, Is.All.EqualTo(3.3).Within(1e-9));
    }

    // ---- Refused delays ----

    [Test]
    public void Delay_drawn_below_the_resolution_throws_BadDelay_and_adds_nothing()
    {
        using var sim = Seeded();
        var pre = sim.Create("iaf_psc_alpha", 30);
        var post = sim.Create("iaf_psc_alpha", 30);
        sim.Connect(pre, post, Indegree(5), new StatusDictionary { ["weight"] = Distributions.Normal(1.0, 0.1), ["delay"] = Distributions.Uniform(1.0, 2.0) });
        var before = Degrees.Sorted(sim.GetConnections());
        sim.Connect(post, pre, Indegree(4), new StatusDictionary { ["delay"] = Distributions.Uniform(1.0, 2.0) }); // pending

        // Uniform on [0, 1): about 5 % of 900 draws fall below 0.05 ms and round to 0 steps.
        Assert.That(() => sim.Connect(pre, post, Indegree(30), new StatusDictionary { ["delay"] = Distributions.Uniform(0.0, 1.0) }),
            Throws.TypeOf<BadDelayException>());
        Assert.That(() => sim.Connect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 40, new StatusDictionary { ["delay"] = Distributions.Exponential(0.02) }),
            Throws.TypeOf<BadDelayException>());

        Assert.That(sim.GetKernelStatus<long>("num_connections"), Is.EqualTo(30 * 5 + 30 * 4));
        Assert.That(sim.GetDefaults("static_synapse").Get<long>("num_connections"), Is.EqualTo(30 * 5 + 30 * 4));
        var after = sim.GetConnections();
        Assert.That(Degrees.Sorted(sim.GetConnections(pre, post)), Is.EqualTo(before));
        Assert.That(after, Has.Count.EqualTo(30 * 5 + 30 * 4));
        Assert.That(after.Delay, Is.All.GreaterThanOrEqualTo(1.0 - 1e-9));
    }

    // ---- The neurons feel the weights ----

    [Test]
    public void Per_connection_weights_scale_the_postsynaptic_potentials()
    {
        // One spike into four neurons with weights w: each V_m − E_L is w times the same PSP (linear, below threshold),
        // inhibitory weights included (tau_syn_in = tau_syn_ex).
        double[] w = [400.0, 100.0, 25.0, -200.0];
        using var sim = new Simulator();
        var gen = sim.Create("spike_generator", 1, new() { ["spike_times"] = new[] { 1.0 } });
        var neurons = sim.Create("iaf_psc_alpha", 4);
        var column = new double[4, 1];
        for (int i = 0; i < 4; i++)
        {
            column[i, 0] = w[i];
        }

        sim.Connect(gen, neurons, "all_to_all", new StatusDictionary { ["weight"] = column, ["delay"] = 1.0 });
        sim.Simulate(6.0);
        double[] psp = [.. sim.GetStatus<double>(neurons, "V_m").Select(v => v + 70.0)];

        Assert.That(psp[0], Is.GreaterThan(0.1), "the spike must have arrived");
        for (int i = 1; i < 4; i++)
        {
            Assert.That(psp[i] / psp[0], Is.EqualTo(w[i] / w[0]).Within(1e-9), $"neuron {i}");
        }
    }

    [Test]
    public void Drawn_weights_drive_each_neuron_by_its_own_weight()
    {
        using var sim = Seeded();
        var gen = sim.Create("spike_generator", 1, new() { ["spike_times"] = new[] { 1.0 } });
        var neurons = sim.Create("iaf_psc_alpha", 20);

        sim.Connect(gen, neurons, "all_to_all", new StatusDictionary { ["weight"] = Distributions.Uniform(50.0, 500.0), ["delay"] = 1.0 });
        var c = sim.GetConnections(gen);
        sim.Simulate(6.0);
        double[] v = sim.GetStatus<double>(neurons, "V_m");

        var ratios = Enumerable.Range(0, c.Count).Select(i => (v[c.Target[i] - neurons.First] + 70.0) / c.Weight[i]).ToList();
        Assert.That(c, Has.Count.EqualTo(20));
        Assert.That(c.Weight.Distinct().Count(), Is.EqualTo(20));
        Assert.That(ratios, Is.All.EqualTo(ratios[0]).Within(1e-9).Percent);
        Assert.That(ratios[0], Is.GreaterThan(0.0));
    }

    // ---- Size ----

    [Test]
    [Category("Slow")]
    public void GetConnections_lists_the_15_million_connections_of_the_order_2500_Brunel_network()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var net = BrunelNetwork.Build(2500);
        var built = watch.Elapsed;
        long total = net.Sim.GetKernelStatus<long>("num_connections");

        watch.Restart();
        var c = net.Sim.GetConnections();
        var queried = watch.Elapsed;
        TestContext.Out.WriteLine($"build {built.TotalSeconds:F1} s, GetConnections {queried.TotalSeconds:F1} s for {c.Count:N0} connections");

        Assert.That(total, Is.EqualTo(net.SeedSynapseCount));
        Assert.That(c, Has.Count.EqualTo(total));
        Assert.That(net.Sim.GetConnections(synapseModel: "inhibitory"), Has.Count.EqualTo((long)net.CI * (net.NE + net.NI)));
    }
}
