#pragma warning disable CA1861 // Expected values are clearer inline, and each test runs once.

namespace NeuroKernel.Extensions.Tests;

/// <summary>
/// A connection rule defined outside the library (<see cref="RingRule"/>), registered and used through conn_spec: the
/// connections it makes, per-source weight arrays, its parameter checks, its listing and its registration after
/// ResetKernel.
/// </summary>
[TestFixture]
public class UserConnectionRuleTests
{
    private static Simulator NewSimulator()
    {
        var sim = new Simulator();
        sim.RegisterConnectionRule(new RingRule());
        return sim;
    }

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(0)]
    public void Ring_connects_each_node_to_the_one_shift_places_on(int shift)
    {
        using var sim = NewSimulator();
        var nodes = sim.Create("iaf_psc_alpha", 5);
        sim.Connect(nodes, nodes, new ConnSpec("ring", new() { ["shift"] = shift }));
        var table = sim.GetConnections();
        var pairs = Enumerable.Range(0, table.Count).Select(k => (table.Source[k], table.Target[k])).Order().ToArray();
        var expected = Enumerable.Range(0, 5).Select(i => (nodes[i], nodes[(i + shift) % 5])).Order().ToArray();
        Assert.That(pairs, Is.EqualTo(expected));
    }

    [Test]
    public void Ring_takes_one_weight_per_source_and_honours_allow_autapses()
    {
        using var sim = NewSimulator();
        var nodes = sim.Create("iaf_psc_alpha", 4);
        sim.Connect(nodes, nodes, new ConnSpec("ring", new() { ["shift"] = 0, ["allow_autapses"] = false }));
        Assert.That(sim.GetConnections().Count, Is.Zero, "shift 0 makes only autapses");

        sim.Connect(nodes, nodes, new ConnSpec("ring", new() { ["shift"] = 2 }), new StatusDictionary { ["weight"] = new[] { 1.0, 2.0, 3.0, 4.0 } });
        var table = sim.GetConnections();
        var bySource = Enumerable.Range(0, table.Count).ToDictionary(k => table.Source[k], k => table.Weight[k]);
        Assert.That(nodes.Select(n => bySource[n]), Is.EqualTo(new[] { 1.0, 2.0, 3.0, 4.0 }));
    }

    [Test]
    public void Bad_parameters_are_refused_naming_the_key_and_nothing_is_connected()
    {
        using var sim = NewSimulator();
        var nodes = sim.Create("iaf_psc_alpha", 4);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => sim.Connect(nodes, nodes, new ConnSpec("ring", new() { ["shift"] = 4 })),
                Throws.TypeOf<BadPropertyException>().With.Message.Contains("shift = 4"));
            Assert.That(() => sim.Connect(nodes, nodes, new ConnSpec("ring", new() { ["shift"] = -1 })),
                Throws.TypeOf<BadPropertyException>().With.Message.Contains("shift = -1"));
            Assert.That(() => sim.Connect(nodes, nodes, new ConnSpec("ring", new() { ["shfit"] = 1 })),
                Throws.TypeOf<BadPropertyException>().With.Message.Contains("shfit"));
            Assert.That(() => sim.Connect(nodes, nodes[..3], new ConnSpec("ring")), Throws.TypeOf<DimensionMismatchException>());
            Assert.That(sim.GetConnections().Count, Is.Zero);
        }
    }

    [Test]
    public void Rule_is_listed_refused_twice_and_kept_after_ResetKernel()
    {
        using var sim = NewSimulator();
        Assert.That(() => sim.RegisterConnectionRule(new RingRule()), Throws.ArgumentException);
        sim.ResetKernel();
        var nodes = sim.Create("iaf_psc_alpha", 3);
        sim.Connect(nodes, nodes, new ConnSpec("ring"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sim.GetKernelStatus<string[]>("connection_rules"), Does.Contain("ring").And.Contain("fixed_indegree"));
            Assert.That(sim.GetConnections().Count, Is.EqualTo(3));
        }
    }

    [Test]
    public void A_simulator_without_the_registration_does_not_know_the_rule()
    {
        using var sim = new Simulator();
        var nodes = sim.Create("iaf_psc_alpha", 3);
        Assert.That(() => sim.Connect(nodes, nodes, new ConnSpec("ring")), Throws.InstanceOf<NeuroKernelException>().With.Message.Contains("ring"));
    }
}
