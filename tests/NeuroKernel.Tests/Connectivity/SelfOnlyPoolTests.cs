namespace NeuroKernel.Tests.Connectivity;

/// <summary>Rules whose only candidate partner is the node itself must refuse without autapses, not loop forever.</summary>
[TestFixture]
public class SelfOnlyPoolTests
{
    [TestCase("fixed_indegree", "indegree")]
    [TestCase("fixed_outdegree", "outdegree")]
    [TestCase("fixed_total_number", "N")]
    public void Only_self_partner_without_autapses_throws_BadProperty(string rule, string key)
    {
        using var sim = new Simulator();
        var node = sim.Create("iaf_psc_alpha");
        var conn = new StatusDictionary { ["rule"] = rule, [key] = 1, ["allow_autapses"] = false };
        Assert.That(() => sim.Connect(node, node, conn), Throws.TypeOf<BadPropertyException>().With.Property("Property").EqualTo(key));
        Assert.That(sim.GetKernelStatus<long>("num_connections"), Is.Zero);
    }
}
