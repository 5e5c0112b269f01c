using System.Text.Json;
using NeuroKernel.Tests.Models;

namespace NeuroKernel.Tests.Synapses;

/// <summary>
/// <c>stdp_synapse</c>, <c>stdp_synapse_hom</c>, <c>stdp_pl_synapse_hom</c> and <c>vogels_sprekeler_synapse</c> against NEST 3.9
/// (Reference/plasticity/stdp_cases.json, from the shared reference): a parrot
/// neuron spikes at the wanted presynaptic times into an iaf_psc_alpha (tau_syn_ex 0.1 ms, its tau_minus per case)
/// that a strong input makes fire at the wanted postsynaptic times. Pairs at ±10 and ±2 ms and an irregular train, with
/// NEST's defaults and with other values of every parameter (per connection in the syn_spec, or the hom models' common
/// properties with CopyModel), delay 2 ms and tau_minus 30 ms. The weight after each
/// presynaptic spike (NEST's weight_recorder events) is read from GetConnections and must agree to 1e-12.
/// </summary>
[TestFixture]
public class StdpSynapseTests
{
    private static readonly Lazy<JsonElement> Reference = new(() => ModelProbe.ReadJson(Path.Combine("plasticity", "stdp_cases.json")).GetProperty("cases"));

    private static readonly string[] Protocols = ["pair_p10", "pair_m10", "pair_p2", "pair_m2", "train"];
    private static readonly string[] Variants = ["default", "nondefault"];
    private static readonly string[] Models = ["stdp_synapse", "stdp_synapse_hom", "stdp_pl_synapse_hom"];
    private static readonly string[] DefaultKeys = ["alpha", "delay", "Kplus", "lambda", "mu_minus", "mu_plus", "tau_plus", "Wmax", "weight"];
    private static readonly string[] PowerLawKeys = ["alpha", "delay", "Kplus", "lambda", "mu", "tau_plus", "weight"];
    private static readonly string[] VogelsKeys = ["alpha", "delay", "eta", "Kplus", "tau", "Wmax", "weight"];

    public static IEnumerable<string> Cases() =>
        (from m in Models
         from p in Protocols
         from v in Variants
         select $"{m}_{v}_{p}")
        .Concat(Protocols.Select(p => $"stdp_synapse_parrotpost_{p}"))
        .Append("vogels_sprekeler_synapse_default_train")
        .Concat(Protocols.Select(p => $"vogels_sprekeler_synapse_inh_{p}"));

    private static double[] Doubles(JsonElement e) => [.. e.EnumerateArray().Select(x => x.GetDouble())];

    /// <summary>The case's network; returns the simulator, the pre parrot and the post neuron.</summary>
    private static (Simulator Sim, NodeCollection Pre, NodeCollection Post) Build(JsonElement c, int threads = 1, double? delayMs = null)
    {
        var sim = new Simulator();
        sim.SetKernelStatus(new() { ["local_num_threads"] = threads });
        var preDrive = sim.Create("spike_generator", 1, new() { ["spike_times"] = Doubles(c.GetProperty("pre").GetProperty("spike_generator_times_ms")) });
        var postDrive = sim.Create("spike_generator", 1, new() { ["spike_times"] = Doubles(c.GetProperty("post").GetProperty("spike_generator_times_ms")) });
        var pre = sim.Create("parrot_neuron");
        var postParams = new StatusDictionary();
        foreach (var p in c.GetProperty("post").GetProperty("params_set").EnumerateObject())
        {
            postParams[p.Name] = p.Value.GetDouble();
        }

        // The parrot-post protocol (NEST's own STDP tests): the post parrot repeats the drive on port 0 and takes the
        // plastic connection on receptor 1, whose spikes it does not repeat.
        bool parrotPost = c.GetProperty("post").GetProperty("kind").GetString() == "parrot";
        var post = sim.Create(parrotPost ? "parrot_neuron" : "iaf_psc_alpha", 1, postParams);
        sim.Connect(preDrive, pre, syn: new SynSpec("static_synapse", 1.0, 1.0));
        sim.Connect(postDrive, post, syn: new SynSpec("static_synapse", parrotPost ? 1.0 : 1e5, 1.0));
        // The hom models' common properties go into a copy, as NEST's script set them (without its weight_recorder).
        var copy = new StatusDictionary();
        foreach (var p in c.GetProperty("synapse_model_copy").GetProperty("CopyModel_params").EnumerateObject().Where(p => p.Name != "weight_recorder"))
        {
            copy[p.Name] = p.Value.GetDouble();
        }

        sim.CopyModel(c.GetProperty("synapse_model").GetString()!, "plastic", copy);
        var syn = new StatusDictionary { ["synapse_model"] = "plastic" };
        foreach (var p in c.GetProperty("connection_syn_spec").EnumerateObject())
        {
            syn[p.Name] = p.Name == "receptor_type" ? p.Value.GetInt64() : p.Value.GetDouble();
        }

        if (delayMs is double d)
        {
            syn["delay"] = d;
        }

        sim.Connect(pre, post, syn: syn);
        return (sim, pre, post);
    }

    [TestCaseSource(nameof(Cases))]
    public void Weight_after_every_presynaptic_spike_matches_NEST_to_1e_12(string name)
    {
        var c = Reference.Value.GetProperty(name);
        var recorded = c.GetProperty("weight_recorder");
        double[] times = Doubles(recorded.GetProperty("times_ms"));
        double[] expected = Doubles(recorded.GetProperty("weights"));
        var (sim, pre, post) = Build(c);
        using (sim)
        {
            double now = 0.0;
            for (int k = 0; k < times.Length; k++)
            {
                // The spike at times[k] has passed the synapse 1 ms later; the next one comes at least 1.2 ms later.
                double until = Math.Round((times[k] + 1.0) * 10.0) / 10.0;
                sim.Simulate(Math.Round((until - now) * 10.0) / 10.0);
                now = until;
                double weight = sim.GetConnections(pre, post).Weight.Single();
                Assert.That(weight, Is.EqualTo(expected[k]).Within(1e-12 * Math.Abs(expected[k])), $"{name}: weight after the presynaptic spike at {times[k]} ms");
            }

            double final = c.GetProperty("connection_status_final").GetProperty("weight").GetDouble();
            Assert.That(sim.GetConnections(pre, post).Weight.Single(), Is.EqualTo(final).Within(1e-12 * Math.Abs(final)));
        }
    }

    /// <summary>The delay-2 case connected with delay 1 and set to 2 before the run (SetStatus on the connection): NEST's weights.</summary>
    [Test]
    public void A_delay_set_after_Connect_is_the_dendritic_delay()
    {
        var c = Reference.Value.GetProperty("stdp_synapse_nondefault_train");
        Assert.That(c.GetProperty("connection_syn_spec").GetProperty("delay").GetDouble(), Is.EqualTo(2.0));
        var (sim, pre, post) = Build(c, delayMs: 1.0);
        using (sim)
        {
            sim.SetStatus(sim.GetConnections(pre, post), new StatusDictionary { ["delay"] = 2.0 });
            sim.Simulate(1050.0);
            double final = c.GetProperty("connection_status_final").GetProperty("weight").GetDouble();
            Assert.That(sim.GetConnections(pre, post).Weight.Single(), Is.EqualTo(final).Within(1e-12 * final));
        }
    }

    /// <summary>The train case with the synapse's parameters as model defaults (CopyModel) and on 2 threads: the same weights, bit for bit.</summary>
    [Test]
    public void Defaults_and_threads_give_the_same_weights()
    {
        var c = Reference.Value.GetProperty("stdp_synapse_nondefault_train");
        double Final(int threads)
        {
            var (sim, pre, post) = Build(c, threads);
            using (sim)
            {
                sim.Simulate(1050.0);
                return sim.GetConnections(pre, post).Weight.Single();
            }
        }

        double one = Final(1);
        Assert.That(Final(2), Is.EqualTo(one));
        Assert.That(one, Is.Not.EqualTo(40.0), "the weight changed");
    }

    [TestCase("stdp_synapse")]
    [TestCase("stdp_synapse_hom")]
    [TestCase("stdp_pl_synapse_hom")]
    [TestCase("vogels_sprekeler_synapse")]
    public void Defaults_are_NESTs_and_tau_minus_is_a_neuron_parameter(string model)
    {
        var nest = ModelProbe.ReadJson(Path.Combine("defaults", $"{model}.json"));
        using var sim = new Simulator();
        var ours = sim.GetDefaults(model);
        foreach (string key in model switch { "stdp_pl_synapse_hom" => PowerLawKeys, "vogels_sprekeler_synapse" => VogelsKeys, _ => DefaultKeys })
        {
            Assert.That(ours.Get<double>(key), Is.EqualTo(nest.GetProperty(key).GetDouble()), key);
        }

        Assert.That(sim.GetDefaults("iaf_psc_alpha").Get<double>("tau_minus"), Is.EqualTo(20.0));
        var n = sim.Create("iaf_psc_exp", 1, new() { ["tau_minus"] = 30.0 });
        Assert.That(sim.GetStatus(n).Get<double>("tau_minus"), Is.EqualTo(30.0));
        Assert.That(() => sim.SetStatus(n, new StatusDictionary { ["tau_minus"] = 0.0 }), Throws.TypeOf<BadPropertyException>().With.Message.Contains("tau_minus"));
    }

    [TestCase("tau_plus", 0.0, "tau_plus must be > 0")]
    [TestCase("Wmax", 0.0, "Wmax must not be 0")]
    [TestCase("Kplus", -1.0, "Kplus must be positive")]
    public void Bad_values_are_refused_and_change_nothing(string key, double value, string sentence)
    {
        using var sim = new Simulator();
        var neurons = sim.Create("iaf_psc_alpha", 2);
        var before = sim.GetDefaults("stdp_synapse");
        Assert.That(() => sim.SetDefaults("stdp_synapse", new() { [key] = value }), Throws.TypeOf<BadPropertyException>().With.Message.Contains(sentence));
        Assert.That(() => sim.Connect(neurons[..1], neurons[1..], syn: new StatusDictionary { ["synapse_model"] = "stdp_synapse", [key] = value }),
            Throws.TypeOf<BadPropertyException>().With.Message.Contains(sentence));
        Assert.That(sim.GetDefaults("stdp_synapse"), Is.EqualTo(before));
        Assert.That(sim.GetKernelStatus<long>("num_connections"), Is.Zero);
    }

    /// <summary>The hom models' common properties are the model's: per connection they are refused, as in NEST.</summary>
    [TestCase("stdp_synapse_hom", "Wmax")]
    [TestCase("stdp_pl_synapse_hom", "mu")]
    public void Common_properties_cannot_be_set_per_connection(string model, string key)
    {
        using var sim = new Simulator();
        var neurons = sim.Create("iaf_psc_alpha", 2);
        Assert.That(() => sim.Connect(neurons[..1], neurons[1..], syn: new StatusDictionary { ["synapse_model"] = model, [key] = 0.5 }),
            Throws.TypeOf<BadPropertyException>().With.Message.Contains(key));
        sim.SetDefaults(model, new() { [key] = 0.5 });
        Assert.That(sim.GetDefaults(model).Get<double>(key), Is.EqualTo(0.5));
    }

    /// <summary>NEST's _hpc names (hpc_benchmark.py) are models of their own with the same rule and defaults.</summary>
    [TestCase("static_synapse")]
    [TestCase("stdp_synapse")]
    [TestCase("stdp_synapse_hom")]
    [TestCase("stdp_pl_synapse_hom")]
    public void Hpc_variants_have_the_same_defaults_and_their_own_common_properties(string model)
    {
        using var sim = new Simulator();
        var plain = sim.GetDefaults(model);
        var hpc = sim.GetDefaults(model + "_hpc");
        Assert.That(hpc.Get<string>("synapse_model"), Is.EqualTo(model + "_hpc"));
        foreach (var (key, value) in plain.Where(kv => kv.Value is double))
        {
            Assert.That(hpc.Get<double>(key), Is.EqualTo((double)value), key);
        }

        sim.SetDefaults(model + "_hpc", new() { ["weight"] = 7.0 });
        Assert.That(sim.GetDefaults(model).Get<double>("weight"), Is.EqualTo(plain.Get<double>("weight")), "the plain model keeps its defaults");
    }

    /// <summary>NEST's sign rule, for the model's default weight and for every connection's, also drawn ones; nothing changes.</summary>
    [TestCase("stdp_synapse")]
    [TestCase("stdp_synapse_hom")]
    [TestCase("vogels_sprekeler_synapse")]
    public void Weight_and_Wmax_must_have_the_same_sign(string model)
    {
        using var sim = new Simulator();
        var neurons = sim.Create("iaf_psc_alpha", 10);
        var before = sim.GetDefaults(model);
        const string Sentence = "Weight and Wmax must have same sign";
        Assert.That(() => sim.SetDefaults(model, new() { ["Wmax"] = -50.0 }), Throws.TypeOf<BadPropertyException>().With.Message.Contains(Sentence));
        Assert.That(() => sim.CopyModel(model, "negative", new() { ["weight"] = -2.0 }), Throws.TypeOf<BadPropertyException>().With.Message.Contains(Sentence));
        Assert.That(() => sim.Connect(neurons[..5], neurons[5..], syn: new StatusDictionary { ["synapse_model"] = model, ["weight"] = -3.0 }),
            Throws.TypeOf<BadPropertyException>().With.Message.Contains(Sentence).And.Message.Contains("-3"));
        Assert.That(() => sim.Connect(neurons[..5], neurons[5..], new StatusDictionary { ["rule"] = "fixed_indegree", ["indegree"] = 3L },
            new StatusDictionary { ["synapse_model"] = model, ["weight"] = Distributions.Uniform(-1.0, 1.0) }),
            Throws.TypeOf<BadPropertyException>().With.Message.Contains(Sentence));
        Assert.That(sim.GetDefaults(model), Is.EqualTo(before));
        Assert.That(sim.GetKernelStatus<long>("num_connections"), Is.Zero);
        Assert.That(sim.GetKernelStatus<string[]>("synapse_models"), Does.Not.Contain("negative"));
    }

    /// <summary>
    /// Connections as objects: after the run, GetConnections reads each connection's state as it is now, and it equals
    /// NEST's <c>GetConnections().get()</c> at the end (weight and Kplus, to 1e-12); a table made before the run sees the
    /// new values too, and one made before the connections were rebuilt refuses.
    /// </summary>
    [TestCase("stdp_synapse_nondefault_train")]
    [TestCase("stdp_synapse_hom_default_pair_p10")]
    [TestCase("vogels_sprekeler_synapse_inh_train")]
    public void Connection_state_is_read_live_and_matches_NESTs_final_status(string name)
    {
        var c = Reference.Value.GetProperty(name);
        var final = c.GetProperty("connection_status_final");
        var (sim, pre, post) = Build(c);
        using (sim)
        {
            sim.Simulate(0.1);
            var before = sim.GetConnections(pre, post);
            Assert.That(before.Get("Kplus").Single(), Is.Zero);
            sim.Simulate(1049.9);

            var table = sim.GetConnections(pre, post);
            double kPlus = final.GetProperty("Kplus").GetDouble(), weight = final.GetProperty("weight").GetDouble();
            Assert.That(table.Get("Kplus").Single(), Is.EqualTo(kPlus).Within(1e-12 * kPlus));
            Assert.That(table.Get("weight").Single(), Is.EqualTo(weight).Within(1e-12 * Math.Abs(weight)));
            Assert.That(before.Get("Kplus").Single(), Is.EqualTo(table.Get("Kplus").Single()), "an older table reads the connections as they are now");
            Assert.That(table.GetStatus(0).Get<string>("synapse_model"), Is.EqualTo("plastic"));

            sim.Connect(pre, post, syn: "static_synapse");
            sim.Simulate(1.0);
            Assert.That(() => before.Get("Kplus"), Throws.TypeOf<KernelStateErrorException>().With.Message.Contains("GetConnections again"));
            Assert.That(() => sim.GetConnections(pre, post).Get("Kplus"), Throws.TypeOf<BadPropertyException>().With.Message.Contains("Kplus"),
                "the static connection has no Kplus");
        }
    }
}
