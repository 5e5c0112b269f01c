#pragma warning disable CA1861 // inline arrays are the readable form of test inputs
using MathNet.Numerics.Distributions;

namespace NeuroKernel.Tests.Models;

/// <summary>
/// Node parameters given as distributions in Create and SetStatus (issue 19's first example): one draw per node, from
/// the kernel's seed, the same for the same script, new for a new call or seed.
/// </summary>
[TestFixture]
public class NodeParameterDrawTests
{
    private static double[] Vm(Simulator sim, NodeCollection nodes) => sim.GetStatus<double>(nodes, "V_m");

    private static double KolmogorovSmirnov(double[] sample, Func<double, double> cdf)
    {
        int n = sample.Length;
        return sample.Order().Select((x, i) => Math.Max(Math.Abs(cdf(x) - (double)i / n), Math.Abs(cdf(x) - (i + 1.0) / n))).Max();
    }

    [Test]
    public void Create_draws_each_nodes_value_from_the_distribution()
    {
        using var sim = new Simulator();
        var nodes = sim.Create("iaf_psc_exp", 5000, new() { ["V_m"] = Distributions.Uniform(-70.0, -55.0), ["I_e"] = 10.0 });
        double[] vm = Vm(sim, nodes);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(vm, Is.All.InRange(-70.0, -55.0));
            Assert.That(vm.Distinct().Count(), Is.EqualTo(vm.Length));
            Assert.That(KolmogorovSmirnov(vm, x => (x + 70.0) / 15.0), Is.LessThan(1.63 / Math.Sqrt(vm.Length)), "KS against U(-70, -55), p > 0.01");
            Assert.That(sim.GetStatus<double>(nodes, "I_e"), Is.All.EqualTo(10.0), "plain values still apply to all");
        }
    }

    [Test]
    public void SetStatus_draws_afresh_and_the_script_replays()
    {
        double[][] Run(long seed)
        {
            using var sim = new Simulator();
            sim.SetKernelStatus(new StatusDictionary { ["rng_seed"] = seed });
            var nodes = sim.Create("aeif_cond_alpha", 3000);
            sim.SetStatus(nodes, new StatusDictionary { ["V_m"] = Distributions.Normal(-65.0, 3.0) });
            double[] first = Vm(sim, nodes);
            sim.SetStatus(nodes, new StatusDictionary { ["V_m"] = Distributions.Normal(-65.0, 3.0) });
            return [first, Vm(sim, nodes)];
        }

        var a = Run(1);
        var b = Run(1);
        var c = Run(2);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(b[0], Is.EqualTo(a[0]), "same seed, same values");
            Assert.That(a[1], Is.Not.EqualTo(a[0]), "a second call draws afresh");
            Assert.That(c[0], Is.Not.EqualTo(a[0]), "another seed, other values");
            Assert.That(KolmogorovSmirnov(a[0], x => Normal.CDF(-65.0, 3.0, x)), Is.LessThan(1.63 / Math.Sqrt(a[0].Length)), "KS against N(-65, 3)");
        }
    }

    [Test]
    public void A_bad_distribution_or_draw_is_refused_and_changes_nothing()
    {
        using var sim = new Simulator();
        var nodes = sim.Create("iaf_psc_alpha", 10);
        using (Assert.EnterMultipleScope())
        {
            Assert.Throws<BadPropertyException>(() => sim.Create("iaf_psc_alpha", 10, new() { ["V_m"] = Distributions.Uniform(-50.0, -70.0) }));
            // C_m drawn from a distribution that reaches 0 or below fails NEST's check for some node: no node changes.
            Assert.Throws<BadPropertyException>(() => sim.SetStatus(nodes, new StatusDictionary { ["C_m"] = Distributions.Uniform(-10.0, 10.0) }));
            Assert.That(sim.GetStatus<double>(nodes, "C_m"), Is.All.EqualTo(250.0));
            Assert.That(sim.GetKernelStatus().Get<long>("network_size"), Is.EqualTo(10));
        }
    }
}

/// <summary>One value per node from an array (NEST 3's <c>Create(model, n, params={"V_m": [...]})</c> and <c>nodes.set(V_m=[...])</c>).</summary>
[TestFixture]
public class PerNodeArrayTests
{
    [Test]
    public void Create_and_SetStatus_take_one_number_per_node_from_an_array()
    {
        using var sim = new Simulator();
        var nodes = sim.Create("iaf_psc_alpha", 3, new StatusDictionary { ["V_m"] = new[] { -70.0, -65.0, -60.0 }, ["I_e"] = 5.0 });
        sim.SetStatus(nodes, new StatusDictionary { ["I_e"] = new[] { 1.0, 2.0, 3.0 }, ["V_th"] = Parameter.Constant(-50.0) });
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sim.GetStatus<double>(nodes, "V_m"), Is.EqualTo(new[] { -70.0, -65.0, -60.0 }));
            Assert.That(sim.GetStatus<double>(nodes, "I_e"), Is.EqualTo(new[] { 1.0, 2.0, 3.0 }));
            Assert.That(sim.GetStatus<double>(nodes, "V_th"), Is.All.EqualTo(-50.0));
        }
    }

    [Test]
    public void An_array_valued_parameter_keeps_its_array_and_a_wrong_length_is_refused()
    {
        using var sim = new Simulator();
        var generators = sim.Create("spike_generator", 3, new StatusDictionary { ["spike_times"] = new[] { 1.0, 2.0, 3.0 } });
        var neurons = sim.Create("iaf_psc_alpha", 3);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sim.GetStatus(generators[1]).Get<double[]>("spike_times"), Is.EqualTo(new[] { 1.0, 2.0, 3.0 }), "each generator gets the whole array");
            Assert.Throws<BadPropertyException>(() => sim.SetStatus(neurons, new StatusDictionary { ["V_m"] = new[] { -70.0, -65.0 } }), "two values for three nodes");
            Assert.That(sim.GetStatus<double>(neurons, "V_m"), Is.All.EqualTo(-70.0), "nothing changed");
        }
    }
}
