using System.Text.Json;
using NeuroKernel.Tests.Models;

namespace NeuroKernel.Tests.Synapses;

/// <summary>
/// <c>stdp_dopamine_synapse</c> with its <c>volume_transmitter</c> against NEST 3.9 (Reference/plasticity/stdp_cases.json,
/// the two dopamine cases): a parrot neuron spikes at the wanted presynaptic times into an iaf_psc_alpha driven to fire
/// at the wanted postsynaptic times, and a second parrot sends 20 dopamine spikes to the volume transmitter (static, 1 ms
/// each). Every weight_recorder event (the weight each presynaptic spike carried, after the updates by postsynaptic spikes,
/// dopamine spikes and the transmitter's triggers every 1 ms) and the final connection status (weight, Kplus, c, n, which
/// include the triggers after the last presynaptic spike) must agree to 1e-12. The nondefault case clips the weight at
/// Wmin for a while, which makes the result depend on where the pieces of the integration end.
/// </summary>
[TestFixture]
public class StdpDopamineSynapseTests
{
    private static readonly string[] Cases = ["stdp_dopamine_synapse_default_train", "stdp_dopamine_synapse_nondefault_train"];
    private static readonly string[] FinalKeys = ["weight", "Kplus", "c", "n"];
    private static readonly string[] CommonKeys = ["A_plus", "A_minus", "tau_plus", "tau_c", "tau_n", "b", "Wmin", "Wmax", "weight", "delay", "Kplus", "c", "n"];

    private static JsonElement Case(string name) =>
        ModelProbe.ReadJson(Path.Combine("plasticity", "stdp_cases.json")).GetProperty("cases").GetProperty(name);

    private static double[] Doubles(JsonElement e) => [.. e.EnumerateArray().Select(x => x.GetDouble())];

    /// <summary>The case's network; returns the simulator, the weight_recorder, the pre parrot and the post neuron.</summary>
    private static (Simulator Sim, NodeCollection Recorder, NodeCollection Pre, NodeCollection Post) Build(JsonElement c, int threads = 1, long deliverInterval = 1)
    {
        var sim = new Simulator();
        sim.SetKernelStatus(new() { ["local_num_threads"] = threads });
        var recorder = sim.Create("weight_recorder");
        var preDrive = sim.Create("spike_generator", 1, new() { ["spike_times"] = Doubles(c.GetProperty("pre").GetProperty("spike_generator_times_ms")) });
        var postDrive = sim.Create("spike_generator", 1, new() { ["spike_times"] = Doubles(c.GetProperty("post").GetProperty("spike_generator_times_ms")) });
        var dopaDrive = sim.Create("spike_generator", 1, new() { ["spike_times"] = Doubles(c.GetProperty("dopamine").GetProperty("spike_generator_times_ms")) });
        var pre = sim.Create("parrot_neuron");
        var postParams = new StatusDictionary();
        foreach (var p in c.GetProperty("post").GetProperty("params_set").EnumerateObject())
        {
            postParams[p.Name] = p.Value.GetDouble();
        }

        var post = sim.Create("iaf_psc_alpha", 1, postParams);
        var dopa = sim.Create("parrot_neuron");
        var transmitter = sim.Create("volume_transmitter", 1, new() { ["deliver_interval"] = deliverInterval });
        sim.Connect(preDrive, pre, syn: new SynSpec("static_synapse", 1.0, 1.0));
        sim.Connect(postDrive, post, syn: new SynSpec("static_synapse", 1e5, 1.0));
        sim.Connect(dopaDrive, dopa, syn: new SynSpec("static_synapse", 1.0, 1.0));
        sim.Connect(dopa, transmitter, syn: new SynSpec("static_synapse", 1.0, 1.0));
        var copy = new StatusDictionary { ["weight_recorder"] = recorder, ["volume_transmitter"] = transmitter };
        foreach (var p in c.GetProperty("synapse_model_copy").GetProperty("CopyModel_params").EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.Number)
            {
                copy[p.Name] = p.Value.GetDouble();
            }
        }

        sim.CopyModel("stdp_dopamine_synapse", "dopa", copy);
        var syn = new StatusDictionary { ["synapse_model"] = "dopa" };
        foreach (var p in c.GetProperty("connection_syn_spec").EnumerateObject())
        {
            syn[p.Name] = p.Name == "receptor_type" ? p.Value.GetInt64() : p.Value.GetDouble();
        }

        sim.Connect(pre, post, syn: syn);
        return (sim, recorder, pre, post);
    }

    [TestCaseSource(nameof(Cases))]
    public void Weights_and_final_state_match_NEST_to_1e_12(string name)
    {
        var c = Case(name);
        var (sim, recorder, pre, post) = Build(c);
        using (sim)
        {
            sim.Simulate(c.GetProperty("simtime_ms").GetDouble());
            var expected = c.GetProperty("weight_recorder");
            double[] times = Doubles(expected.GetProperty("times_ms")), weights = Doubles(expected.GetProperty("weights"));
            var events = sim.GetStatus(recorder).Get<StatusDictionary>("events");
            Assert.That(events.Get<double[]>("times"), Is.EqualTo(times).Within(1e-9));
            double[] actual = events.Get<double[]>("weights");
            for (int k = 0; k < weights.Length; k++)
            {
                Assert.That(actual[k], Is.EqualTo(weights[k]).Within(1e-12 * Math.Abs(weights[k])), $"{name}: weight at {times[k]} ms");
            }

            var final = c.GetProperty("connection_status_final");
            var status = sim.GetConnections(pre, post).GetStatus(0);
            foreach (string key in FinalKeys)
            {
                double want = final.GetProperty(key).GetDouble();
                Assert.That(status.Get<double>(key), Is.EqualTo(want).Within(1e-12 * Math.Abs(want)), $"{name}: final {key}");
            }
        }
    }

    /// <summary>The final weight includes the triggers after the last presynaptic spike: stopping at other times shows it (NEST's values from the reference README).</summary>
    [TestCase(1005.0, 55.2310)]
    [TestCase(1020.0, 54.7143)]
    [TestCase(1050.0, 54.0595)]
    [TestCase(1050.5, 54.0595)]
    public void Triggers_move_the_weight_between_presynaptic_spikes(double until, double weight)
    {
        var (sim, _, pre, post) = Build(Case("stdp_dopamine_synapse_nondefault_train"));
        using (sim)
        {
            sim.Simulate(until);
            Assert.That(sim.GetConnections(pre, post).Weight.Single(), Is.EqualTo(weight).Within(5e-5));
        }
    }

    [Test]
    public void Results_are_the_same_for_any_number_of_threads_and_simulate_calls()
    {
        var c = Case("stdp_dopamine_synapse_nondefault_train");
        double[] Final(int threads, int calls)
        {
            var (sim, _, pre, post) = Build(c, threads);
            using (sim)
            {
                for (int k = 0; k < calls; k++)
                {
                    sim.Simulate(1050.0 / calls);
                }

                var s = sim.GetConnections(pre, post).GetStatus(0);
                return [.. FinalKeys.Select(s.Get<double>)];
            }
        }

        double[] one = Final(1, 1);
        Assert.That(Final(2, 1), Is.EqualTo(one));
        Assert.That(Final(1, 3), Is.EqualTo(one).Within(1e-9));
    }

    /// <summary>A longer deliver_interval changes only where the pieces end (clipping aside, the same weights to rounding).</summary>
    [Test]
    public void Deliver_interval_sets_how_often_the_transmitter_triggers()
    {
        var c = Case("stdp_dopamine_synapse_default_train");
        var (sim, recorder, _, _) = Build(c, deliverInterval: 7);
        using (sim)
        {
            sim.Simulate(1050.0);
            double[] weights = sim.GetStatus(recorder).Get<StatusDictionary>("events").Get<double[]>("weights");
            double[] nest = Doubles(c.GetProperty("weight_recorder").GetProperty("weights"));
            int firstClipped = Array.FindIndex(nest, w => w == 0.0);
            for (int k = 0; k < (firstClipped < 0 ? nest.Length : firstClipped); k++)
            {
                Assert.That(weights[k], Is.EqualTo(nest[k]).Within(1e-9 * Math.Max(1.0, Math.Abs(nest[k]))), $"weight {k}");
            }
        }
    }

    [Test]
    public void Defaults_are_NESTs_and_the_transmitter_is_a_model_property()
    {
        var nest = ModelProbe.ReadJson(Path.Combine("defaults", "stdp_dopamine_synapse.json"));
        using var sim = new Simulator();
        var ours = sim.GetDefaults("stdp_dopamine_synapse");
        foreach (string key in CommonKeys)
        {
            Assert.That(ours.Get<double>(key), Is.EqualTo(nest.GetProperty(key).GetDouble()), key);
        }

        Assert.That(ours.Get<NodeCollection>("volume_transmitter").Count, Is.Zero);
        var vtDefaults = ModelProbe.ReadJson(Path.Combine("defaults", "volume_transmitter.json"));
        Assert.That(sim.GetDefaults("volume_transmitter").Get<long>("deliver_interval"), Is.EqualTo(vtDefaults.GetProperty("deliver_interval").GetInt64()));
        Assert.That(sim.GetDefaults("volume_transmitter").Get<string>("element_type"), Is.EqualTo("other"));

        var n = sim.Create("iaf_psc_alpha", 2);
        Assert.That(() => sim.Connect(n[..1], n[1..], syn: new StatusDictionary { ["synapse_model"] = "stdp_dopamine_synapse" }),
            Throws.TypeOf<BadPropertyException>().With.Message.Contains("No volume transmitter has been assigned"));
        Assert.That(() => sim.SetDefaults("stdp_dopamine_synapse", new() { ["volume_transmitter"] = n[..1] }),
            Throws.TypeOf<BadPropertyException>().With.Message.Contains("volume_transmitter"));
        Assert.That(() => sim.SetDefaults("stdp_synapse", new() { ["volume_transmitter"] = n[..1] }),
            Throws.TypeOf<BadPropertyException>().With.Message.Contains("volume_transmitter"));
        Assert.That(() => sim.SetDefaults("stdp_dopamine_synapse", new() { ["tau_c"] = 0.0 }),
            Throws.TypeOf<BadPropertyException>().With.Message.Contains("tau_c"));
        Assert.That(() => sim.SetDefaults("stdp_dopamine_synapse", new() { ["Wmin"] = 300.0 }),
            Throws.TypeOf<BadPropertyException>().With.Message.Contains("Wmin"));
        Assert.That(() => sim.Create("volume_transmitter", 1, new() { ["deliver_interval"] = 0L }),
            Throws.TypeOf<BadPropertyException>().With.Message.Contains("deliver_interval"));
        var vt = sim.Create("volume_transmitter");
        sim.CopyModel("stdp_dopamine_synapse", "dopa", new() { ["volume_transmitter"] = vt });
        Assert.That(sim.GetDefaults("dopa").Get<NodeCollection>("volume_transmitter").ToArray(), Is.EqualTo(vt.ToArray()));
        Assert.That(() => sim.Connect(n[..1], n[1..], syn: new StatusDictionary { ["synapse_model"] = "dopa", ["tau_c"] = 5.0 }),
            Throws.TypeOf<BadPropertyException>().With.Message.Contains("tau_c"));
        sim.Connect(n[..1], n[1..], syn: new StatusDictionary { ["synapse_model"] = "dopa", ["c"] = 2.0 });
        Assert.That(sim.GetConnections(n[..1], n[1..]).Get("c").Single(), Is.EqualTo(2.0));
    }
}
