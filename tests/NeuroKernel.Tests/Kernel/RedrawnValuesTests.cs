#pragma warning disable CA1861 // Arrays in the tests are clearer inline, and each test runs once.

using MathNet.Numerics.Distributions;
using NeuroKernel.Kernel;
using NeuroKernel.Tests.Connectivity;

namespace NeuroKernel.Tests.Kernel;

/// <summary>
/// A large Connect call keeps no drawn weights and delays until the store is built: each run gets a seed and its values
/// are drawn again from it (<see cref="LazyValues"/>). The threshold is lowered here so that small calls take that path.
/// The values must follow their distributions, be the same for any thread count and whenever they are read, and a call
/// that fails half-way must leave nothing behind.
/// </summary>
[TestFixture]
[NonParallelizable]
public class RedrawnValuesTests
{
    private double _saved;

    [SetUp]
    public void RedrawEverything()
    {
        _saved = ConnectionManager.RedrawFromConnections;
        ConnectionManager.RedrawFromConnections = 0;
    }

    [TearDown]
    public void Restore() => ConnectionManager.RedrawFromConnections = _saved;

    private static StatusDictionary Syn() => new()
    {
        ["weight"] = Distributions.Normal(1.0, 0.5),
        ["delay"] = Distributions.Uniform(0.5, 3.0),
    };

    [Test]
    [Category("Statistical")]
    public void Redrawn_weights_and_delays_follow_their_distributions()
    {
        using var sim = new Simulator();
        sim.SetKernelStatus(new() { ["rng_seed"] = 11L });
        var pre = sim.Create("iaf_psc_alpha", 100);
        var post = sim.Create("iaf_psc_alpha", 1000);
        sim.Connect(pre, post, new StatusDictionary { ["rule"] = "fixed_indegree", ["indegree"] = 100 }, Syn());
        var c = sim.GetConnections();

        Assert.That(c, Has.Count.EqualTo(100_000));
        Assert.That(GoodnessOfFit.KolmogorovSmirnovPValue(c.Weight, x => Normal.CDF(1.0, 0.5, x)), Is.GreaterThan(0.001));
        Assert.That(GoodnessOfFit.KolmogorovSmirnovPValue(c.Weight, x => Normal.CDF(1.0, 0.52, x)), Is.LessThan(0.001));
        // Delays: uniform on [0.5, 3) ms rounded half up to 0.1 ms: 0.5 and 3.0 have half the mass of the 24 steps between.
        var steps = c.Delay.GroupBy(d => (int)Math.Round(d * 10)).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(steps.Keys.Min(), Is.EqualTo(5));
        Assert.That(steps.Keys.Max(), Is.EqualTo(30));
        double chi2 = 0;
        for (int k = 6; k <= 29; k++)
        {
            double expected = c.Count / 25.0;
            chi2 += (steps[k] - expected) * (steps[k] - expected) / expected;
        }

        Assert.That(1.0 - ChiSquared.CDF(23, chi2), Is.GreaterThan(0.001));
    }

    private static (double[] Values, double[] Times) Network(int threads)
    {
        using var sim = new Simulator();
        sim.SetKernelStatus(new() { ["rng_seed"] = 3L, ["local_num_threads"] = threads });
        var n = sim.Create("iaf_psc_exp", 200, new() { ["I_e"] = 450.0 });
        sim.Connect(n, n, new StatusDictionary { ["rule"] = "fixed_total_number", ["N"] = 4000L },
            new StatusDictionary { ["weight"] = Distributions.Normal(-20.0, 5.0, double.NegativeInfinity, 0.0), ["delay"] = Distributions.Normal(1.5, 0.75, 0.1) });
        var before = sim.GetConnections(n, n);
        var rec = sim.Create("spike_recorder");
        sim.Connect(n, rec);
        sim.Simulate(200.0);
        var after = sim.GetConnections(n, n);
        Assert.That(after.Weight, Is.EqualTo(before.Weight), "the same values whenever they are read");
        Assert.That(after.Delay, Is.EqualTo(before.Delay));
        var ev = sim.GetStatus(rec).Get<StatusDictionary>("events");
        var sorted = Degrees.Sorted(after);
        return ([.. sorted.Select(x => x.Item4), .. sorted.Select(x => x.Item5)], [.. ev.Get<double[]>("times").Order()]);
    }

    [Test]
    public void Redrawn_values_do_not_depend_on_local_num_threads()
    {
        var one = Network(1);
        var two = Network(2);

        Assert.That(one.Times, Has.Length.GreaterThan(100));
        Assert.That(two.Values, Is.EqualTo(one.Values));
        Assert.That(two.Times, Is.EqualTo(one.Times));
    }

    [Test]
    public void The_delay_extrema_are_known_before_the_store_is_built()
    {
        using var sim = new Simulator();
        var n = sim.Create("iaf_psc_alpha", 50);
        sim.Connect(n, n, new StatusDictionary { ["rule"] = "fixed_indegree", ["indegree"] = 20 }, Syn());
        double min = sim.GetKernelStatus<double>("min_delay"), max = sim.GetKernelStatus<double>("max_delay");
        var c = sim.GetConnections();

        Assert.That(min, Is.EqualTo(c.Delay.Min()).Within(1e-12));
        Assert.That(max, Is.EqualTo(c.Delay.Max()).Within(1e-12));
    }

    [Test]
    public void A_call_that_draws_a_bad_delay_leaves_nothing_behind()
    {
        using var sim = new Simulator();
        var n = sim.Create("iaf_psc_alpha", 50);
        sim.Connect(n, n, new StatusDictionary { ["rule"] = "fixed_indegree", ["indegree"] = 5 }, Syn());
        long before = sim.GetKernelStatus().Get<long>("num_connections");
        double maxBefore = sim.GetKernelStatus<double>("max_delay");

        Assert.Throws<BadDelayException>(() => sim.Connect(n, n, new StatusDictionary { ["rule"] = "fixed_indegree", ["indegree"] = 20 },
            new StatusDictionary { ["weight"] = Distributions.Normal(1.0, 0.5), ["delay"] = Distributions.Normal(0.3, 1.0) }));

        Assert.That(sim.GetKernelStatus().Get<long>("num_connections"), Is.EqualTo(before));
        Assert.That(sim.GetKernelStatus<double>("max_delay"), Is.EqualTo(maxBefore));
        Assert.That(sim.GetConnections(), Has.Count.EqualTo(before));
        Assert.DoesNotThrow(() => sim.Simulate(10.0));
    }

    [Test]
    public void Kept_and_redrawn_values_share_a_group()
    {
        // One call with a weight array (kept) and one with distributions (drawn again) feed the same group: the kept
        // values stay with their connections.
        using var sim = new Simulator();
        var pre = sim.Create("iaf_psc_alpha", 3);
        var post = sim.Create("iaf_psc_alpha", 2);
        sim.Connect(pre, post, new StatusDictionary { ["rule"] = "fixed_indegree", ["indegree"] = 2 }, Syn());
        sim.Connect(pre, post, "all_to_all", new StatusDictionary
        {
            ["weight"] = new double[,] { { 11.0, 12.0, 13.0 }, { 21.0, 22.0, 23.0 } },
            ["delay"] = Distributions.Uniform(0.5, 3.0),
        });
        sim.Connect(pre, post, new StatusDictionary { ["rule"] = "fixed_indegree", ["indegree"] = 2 }, Syn());
        var c = sim.GetConnections();

        Assert.That(c, Has.Count.EqualTo(14));
        var kept = c.Weight.Where(w => w > 5).Order().ToArray();
        Assert.That(kept, Is.EqualTo(new[] { 11.0, 12.0, 13.0, 21.0, 22.0, 23.0 }));
        for (int k = 0; k < c.Count; k++)
        {
            if (c.Weight[k] > 5)
            {
                Assert.That(c.Weight[k], Is.EqualTo((10 * (c.Target[k] - 3)) + c.Source[k]), "weight [j, i] of pre[i] → post[j]");
            }
        }
    }
}
