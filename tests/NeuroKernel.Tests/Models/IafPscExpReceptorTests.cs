namespace NeuroKernel.Tests.Models;

/// <summary>iaf_psc_exp's second current receptor: currents on receptor_type 1 are filtered through the excitatory synapse.</summary>
[TestFixture]
public class IafPscExpReceptorTests
{
    private static readonly string[] Recorded = ["I_syn_ex", "V_m"];

    [Test]
    public void Current_on_receptor_1_charges_the_excitatory_synaptic_current_exponentially()
    {
        using var sim = new Simulator();
        var neuron = sim.Create("iaf_psc_exp");
        var dc = sim.Create("dc_generator", 1, new() { ["amplitude"] = 100.0 });
        var meter = sim.Create("multimeter", 1, new() { ["record_from"] = Recorded, ["interval"] = 0.1 });
        sim.Connect(dc, neuron, syn: new StatusDictionary { ["receptor_type"] = 1, ["delay"] = 0.1 });
        sim.Connect(meter, neuron);
        sim.Simulate(20.0);

        var events = sim.GetStatus(meter).Get<StatusDictionary>("events");
        var times = events.Get<double[]>("times");
        var current = events.Get<double[]>("I_syn_ex");
        double p11 = Math.Exp(-0.1 / 2.0);
        for (int k = 0; k < times.Length; k++)
        {
            // Sample k is taken at the end of step k. Sent in step 0, the current is the receptor's input for
            // step 1 (i_1 after step 1) and enters I_syn_ex from step 2 on: I = 100·(1 − P11^(k−1)).
            int step = k;
            double expected = step < 2 ? 0.0 : 100.0 * (1.0 - Math.Pow(p11, step - 1));
            Assert.That(current[k], Is.EqualTo(expected).Within(1e-9), $"t = {times[k]}");
        }

        Assert.That(sim.GetStatus(neuron[0]).Get<double>("V_m"), Is.GreaterThan(-70.0));
    }

    [Test]
    public void Current_on_receptor_0_leaves_the_synaptic_current_at_zero()
    {
        using var sim = new Simulator();
        var neuron = sim.Create("iaf_psc_exp");
        var dc = sim.Create("dc_generator", 1, new() { ["amplitude"] = 100.0 });
        sim.Connect(dc, neuron, syn: new StatusDictionary { ["receptor_type"] = 0 });
        sim.Simulate(10.0);
        var status = sim.GetStatus(neuron[0]);
        Assert.Multiple(() =>
        {
            Assert.That(status.Get<double>("I_syn_ex"), Is.Zero);
            Assert.That(status.Get<double>("V_m"), Is.GreaterThan(-70.0));
        });
    }

    [TestCase("iaf_psc_exp", 2)]
    [TestCase("iaf_psc_alpha", 1)]
    [TestCase("iaf_psc_delta", 1)]
    public void Unknown_current_receptor_throws_IncompatibleReceptorType(string model, int receptor)
    {
        using var sim = new Simulator();
        var neuron = sim.Create(model);
        var dc = sim.Create("dc_generator");
        Assert.That(() => sim.Connect(dc, neuron, syn: new StatusDictionary { ["receptor_type"] = receptor }),
            Throws.TypeOf<IncompatibleReceptorTypeException>().With.Message.Contains("receptor_type = " + receptor));
        Assert.That(sim.GetKernelStatus<long>("num_connections"), Is.Zero);
    }

    [Test]
    public void Spikes_on_receptor_1_throw_IncompatibleReceptorType()
    {
        using var sim = new Simulator();
        var neuron = sim.Create("iaf_psc_exp");
        var generator = sim.Create("spike_generator");
        Assert.That(() => sim.Connect(generator, neuron, syn: new StatusDictionary { ["receptor_type"] = 1 }),
            Throws.TypeOf<IncompatibleReceptorTypeException>());
    }
}
