namespace NeuroKernel.Tests.Kernel;

/// <summary>
/// <c>GetStatus&lt;T&gt;(nodes, key)</c> reads a neuron's V_m, I_e and recordables directly instead of building each
/// node's dictionary: the values must be those of the dictionaries, for every model and across blocks.
/// </summary>
[TestFixture]
public class StatusArrayTests
{
    [TestCase("V_m")]
    [TestCase("I_e")]
    [TestCase("I_syn_ex")]
    [TestCase("C_m")]
    public void One_key_of_many_nodes_equals_each_nodes_dictionary(string key)
    {
        using var sim = new Simulator();
        var alpha = sim.Create("iaf_psc_alpha", 20, new() { ["I_e"] = 400.0 });
        var exp = sim.Create("iaf_psc_exp", 7, new() { ["I_e"] = 420.0, ["tau_syn_ex"] = 1.5 });
        var noise = sim.Create("poisson_generator", 1, new() { ["rate"] = 20000.0 });
        sim.Connect(noise, alpha + exp, syn: new SynSpec("static_synapse", weight: 30.0, delay: 1.0));
        sim.SetStatus(alpha[3], new StatusDictionary { ["I_e"] = 0.0, ["V_m"] = -58.5 });
        sim.Simulate(25.3);

        var nodes = alpha + exp;
        double[] direct = sim.GetStatus<double>(nodes, key);
        double[] viaDictionaries = [.. nodes.Select(id => sim.GetStatus(id).Get<double>(key))];
        Assert.That(direct, Is.EqualTo(viaDictionaries));
        if (key != "C_m")
        {
            Assert.That(direct.Distinct().Count(), Is.GreaterThan(1), "the neurons' values differ, so the comparison means something");
        }
    }

    [Test]
    public void A_key_a_node_lacks_throws_as_the_dictionary_does()
    {
        using var sim = new Simulator();
        var nodes = sim.Create("iaf_psc_alpha", 3) + sim.Create("iaf_psc_delta", 2);
        Assert.That(() => sim.GetStatus<double>(nodes, "I_syn_ex"), Throws.TypeOf<BadPropertyException>().With.Message.Contains("I_syn_ex"));
    }
}
