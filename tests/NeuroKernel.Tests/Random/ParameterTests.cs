#pragma warning disable CA1861 // inline arrays are the readable form of test inputs
using MathNet.Numerics.Distributions;
using NeuroKernel.Tests.Connectivity;

namespace NeuroKernel.Tests.Random;

/// <summary>
/// <see cref="Parameter"/> expressions (NEST 3's nest.random, nest.math and nest.logic): drawn per node in Create and
/// SetStatus and per connection as weights and delays; the random leaves' distributions (KS), the arithmetic exactly,
/// comparisons and conditionals, redraw, thread independence and the refusal in SetDefaults.
/// </summary>
[TestFixture]
public class ParameterTests
{
    private static Simulator Seeded(long seed = 5, int threads = 1)
    {
        var sim = new Simulator();
        sim.SetKernelStatus(new StatusDictionary { ["rng_seed"] = seed, ["local_num_threads"] = (long)threads });
        return sim;
    }

    private static double[] CreateVm(object vm, int n = 4000, long seed = 5, int threads = 1)
    {
        using var sim = Seeded(seed, threads);
        var nodes = sim.Create("iaf_psc_alpha", n, new StatusDictionary { ["V_m"] = vm });
        return sim.GetStatus<double>(nodes, "V_m");
    }

    private static IEnumerable<TestCaseData> Leaves()
    {
        yield return new TestCaseData(Parameter.Uniform(-70.0, -55.0), (Func<double, double>)(x => ContinuousUniform.CDF(-70.0, -55.0, x))).SetArgDisplayNames("uniform");
        yield return new TestCaseData(Parameter.Normal(-65.0, 2.0), (Func<double, double>)(x => Normal.CDF(-65.0, 2.0, x))).SetArgDisplayNames("normal");
        yield return new TestCaseData(-70.0 + Parameter.Lognormal(0.5, 0.3), (Func<double, double>)(x => LogNormal.CDF(0.5, 0.3, x + 70.0))).SetArgDisplayNames("lognormal");
        yield return new TestCaseData(-70.0 + Parameter.Exponential(2.0), (Func<double, double>)(x => Exponential.CDF(0.5, x + 70.0))).SetArgDisplayNames("exponential");
    }

    [TestCaseSource(nameof(Leaves))]
    [Category("Statistical")]
    public void Each_node_draws_from_the_distribution(Parameter vm, Func<double, double> cdf)
    {
        double[] values = CreateVm(vm);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(values.Distinct().Count(), Is.GreaterThan(values.Length * 0.99));
            Assert.That(GoodnessOfFit.KolmogorovSmirnovPValue(values, cdf), Is.GreaterThan(1e-3));
        }
    }

    [Test]
    public void Uniform_int_draws_each_integer_about_equally_often()
    {
        double[] values = CreateVm(Parameter.UniformInt(4) - 70.0);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(values.Distinct().Order(), Is.EqualTo(new[] { -70.0, -69.0, -68.0, -67.0 }));
            Assert.That(values.GroupBy(v => v).Select(g => g.Count()), Has.All.InRange(900, 1100), "4000 draws, 1000 each ± 3σ");
        }
    }

    [Test]
    public void Arithmetic_is_exact_and_draws_from_the_same_stream()
    {
        // 5 + 10·u and (u·10) + 5 from the same draw u: the same numbers; a constant expression is one number for all.
        double[] direct = CreateVm(Parameter.Uniform(-75.0, -65.0));
        double[] composed = CreateVm((Parameter.Uniform(0.0, 1.0) * 10.0) - 75.0);
        double[] constant = CreateVm(Parameter.Exp(Parameter.Constant(0.0)) * -65.0 + Parameter.Pow(2.0, 3.0) - Parameter.Max(Parameter.Min(9.0, 8.0), 7.0));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(composed.Zip(direct, (a, b) => Math.Abs(a - b)).Max(), Is.LessThan(1e-12));
            Assert.That(constant, Is.All.EqualTo(-65.0));
            Assert.That(CreateVm(Parameter.Sin(Parameter.Constant(Math.PI / 2.0)) + Parameter.Cos(0.0) - 72.0), Is.All.EqualTo(-70.0));
        }
    }

    [Test]
    public void Comparisons_and_conditionals_choose_per_node()
    {
        double[] values = CreateVm(Parameter.Conditional(Parameter.Uniform() < 0.3, -70.0, -60.0));
        double lower = values.Count(v => v == -70.0) / (double)values.Length;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(values, Has.All.EqualTo(-70.0).Or.EqualTo(-60.0));
            Assert.That(lower, Is.EqualTo(0.3).Within(0.03), "P(u < 0.3)");
            Assert.That(CreateVm(Parameter.AreEqual(1.0, 1.0) - 71.0), Has.All.EqualTo(-70.0));
            Assert.That(CreateVm(Parameter.AreNotEqual(1.0, 1.0) - 70.0), Has.All.EqualTo(-70.0));
            Assert.That(CreateVm((Parameter.Constant(2.0) >= 2.0) + (Parameter.Constant(2.0) > 2.0) + (Parameter.Constant(1.0) <= 2.0) - 72.0), Has.All.EqualTo(-70.0));
        }
    }

    [Test]
    public void Redraw_keeps_values_in_its_bounds_and_gives_up_like_NEST()
    {
        double[] values = CreateVm(Parameter.Redraw(Parameter.Normal(-65.0, 5.0), -66.0, -64.0));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(values, Has.All.InRange(-66.0, -64.0));
            Assert.Throws<BadParameterException>(() => CreateVm(Parameter.Redraw(Parameter.Normal(0.0, 1.0), 50.0, 60.0), n: 1));
            Assert.Throws<BadParameterException>(() => Parameter.Uniform(1.0, 0.0));
            Assert.Throws<BadParameterException>(() => Parameter.Normal(0.0, -1.0));
        }
    }

    [Test]
    public void Nodes_draw_the_same_values_for_any_thread_count_and_a_new_seed_draws_others()
    {
        var p = Parameter.Normal(-65.0, 3.0) + (Parameter.Uniform() * 2.0);
        double[] one = CreateVm(p);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(CreateVm(p, threads: 2), Is.EqualTo(one));
            Assert.That(CreateVm(p, seed: 6), Is.Not.EqualTo(one));
        }
    }

    [Test]
    [Category("Statistical")]
    public void Weights_and_delays_are_drawn_per_connection()
    {
        (double[] Weights, double[] Delays) Run(int threads)
        {
            using var sim = Seeded(9, threads);
            var pre = sim.Create("iaf_psc_alpha", 100);
            var post = sim.Create("iaf_psc_alpha", 100);
            sim.Connect(pre, post, new StatusDictionary { ["rule"] = "fixed_indegree", ["indegree"] = 100 },
                new StatusDictionary { ["weight"] = Parameter.Uniform(1.0, 2.0) * 2.0, ["delay"] = 1.0 + (Parameter.UniformInt(3) * 0.5) });
            var c = sim.GetConnections();
            return ([.. c.Weight], [.. c.Delay]);
        }

        var (weights, delays) = Run(1);
        var (weights2, delays2) = Run(2);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(weights, Has.Length.EqualTo(10000));
            Assert.That(GoodnessOfFit.KolmogorovSmirnovPValue(weights, x => ContinuousUniform.CDF(2.0, 4.0, x)), Is.GreaterThan(1e-3));
            Assert.That(delays.Distinct().Order(), Is.EqualTo(new[] { 1.0, 1.5, 2.0 }));
            Assert.That(weights2, Is.EqualTo(weights), "the same for 2 threads");
            Assert.That(delays2, Is.EqualTo(delays));
        }
    }

    [Test]
    [Category("Statistical")]
    public void Pairwise_bernoulli_draws_its_probability_per_pair()
    {
        long Count(object p, long seed = 9)
        {
            using var sim = Seeded(seed);
            var pre = sim.Create("iaf_psc_alpha", 300);
            var post = sim.Create("iaf_psc_alpha", 300);
            sim.Connect(pre, post, new StatusDictionary { ["rule"] = "pairwise_bernoulli", ["p"] = p });
            return sim.GetKernelStatus().Get<long>("num_connections");
        }

        long fixedP = Count(0.1);
        // 90,000 pairs with mean probability 0.1: 9,000 connections, σ ≈ 90.
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Count(Parameter.Constant(0.1)), Is.EqualTo(fixedP), "a constant parameter is the number");
            Assert.That(Count(Parameter.Uniform(0.0, 0.2)), Is.InRange(9000 - 450, 9000 + 450));
            Assert.That(Count(Parameter.Conditional(Parameter.Uniform() < 0.5, 0.0, 0.2)), Is.InRange(9000 - 450, 9000 + 450));
            Assert.That(Count(Parameter.Uniform(0.0, 0.2), seed: 10), Is.Not.EqualTo(Count(Parameter.Uniform(0.0, 0.2))));
        }
    }

    [Test]
    public void A_parameter_in_SetDefaults_is_refused_with_a_hint()
    {
        using var sim = new Simulator();
        var e = Assert.Throws<BadPropertyException>(() => sim.SetDefaults("iaf_psc_alpha", new StatusDictionary { ["V_m"] = Parameter.Uniform(-70.0, -60.0) }))!;
        Assert.That(e.Message, Does.Contain("V_m").And.Contain("drawn per node in Create and SetStatus").And.Contain("the parameter uniform"));
    }
}
