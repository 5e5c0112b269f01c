using System.Text.Json;
using NeuroKernel.Tests.Models;

namespace NeuroKernel.Tests.Synapses;

/// <summary>
/// <c>tsodyks_synapse</c> and <c>tsodyks2_synapse</c> against NEST 3.9 (Reference/plasticity, copied from the shared
/// reference: 10 presynaptic spikes at 20 Hz and a recovery spike at 1050 ms, through the plastic synapse into an
/// iaf_psc_exp with tau_syn_ex = tau_psc = 3 ms): the target's V_m every 0.1 ms, which integrates every weight the
/// synapse sent, to 1e-12 relative; the defaults; NEST's errors for bad values; the same result for SetDefaults as for
/// syn_spec keys, and for any number of threads.
/// </summary>
[TestFixture]
public class TsodyksSynapseTests
{
    private static readonly string[] Cases = ["tsodyks_synapse_dep", "tsodyks_synapse_fac", "tsodyks2_synapse_dep", "tsodyks2_synapse_fac"];

    private static readonly Lazy<JsonElement> Reference = new(() => ModelProbe.ReadJson(Path.Combine("plasticity", "tsodyks_cases.json")).GetProperty("cases"));

    /// <summary>The syn_spec of a case (weight, delay and the model's keys), as NEST's script gave it.</summary>
    private static StatusDictionary SynSpecOf(JsonElement c)
    {
        var spec = new StatusDictionary { ["synapse_model"] = c.GetProperty("synapse_model").GetString()! };
        foreach (var p in c.GetProperty("connection_syn_spec").EnumerateObject())
        {
            spec[p.Name] = p.Value.GetDouble();
        }

        return spec;
    }

    /// <summary>
    /// The case's network: a spike generator drives a parrot neuron (static, 1 ms) that spikes at the wanted times; the
    /// parrot connects to the iaf_psc_exp target with <paramref name="syn"/>. Returns V_m every 0.1 ms up to 1100 ms.
    /// </summary>
    private static double[] RunCase(JsonElement c, StatusDictionary syn, int threads = 1, Action<Simulator>? setup = null)
    {
        using var sim = new Simulator();
        sim.SetKernelStatus(new() { ["local_num_threads"] = threads });
        setup?.Invoke(sim);
        double[] generatorTimes = [.. c.GetProperty("pre").GetProperty("spike_generator_times_ms").EnumerateArray().Select(e => e.GetDouble())];
        var generator = sim.Create("spike_generator", 1, new() { ["spike_times"] = generatorTimes });
        var pre = sim.Create("parrot_neuron");
        var post = sim.Create("iaf_psc_exp", 1, new() { ["tau_syn_ex"] = 3.0 });
        sim.Connect(generator, pre, syn: new SynSpec("static_synapse", 1.0, 1.0));
        sim.Connect(pre, post, syn: syn);
        var voltmeter = MeterProbe.CreateVoltmeter(sim, post, 0.1);
        sim.Simulate(c.GetProperty("actually_simulated_ms").GetDouble());
        return [.. MeterProbe.Values(sim, voltmeter).Take(11000)];
    }

    [TestCaseSource(nameof(Cases))]
    public void Target_V_m_matches_NEST_to_1e_12(string name)
    {
        var c = Reference.Value.GetProperty(name);
        var (times, expected) = ModelProbe.ReadTrace(Path.Combine("plasticity", $"{name}_vm.csv"));
        Assert.That(times, Has.Length.EqualTo(11000));

        double[] actual = RunCase(c, SynSpecOf(c));

        Assert.That(actual, Has.Length.EqualTo(expected.Length));
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.That(actual[k], Is.EqualTo(expected[k]).Within(1e-12 * Math.Abs(expected[k])), $"V_m at {times[k]} ms");
        }

        // The synapse did something: the first PSP's peak differs from the recovery spike's, and from a static synapse's.
        Assert.That(expected.Max(), Is.GreaterThan(-69.0));
    }

    /// <summary>The same model set up with CopyModel (the model's defaults) gives the same trace as the syn_spec keys.</summary>
    [TestCaseSource(nameof(Cases))]
    public void CopyModel_defaults_act_as_syn_spec_keys(string name)
    {
        var c = Reference.Value.GetProperty(name);
        var spec = SynSpecOf(c);
        var defaults = new StatusDictionary();
        foreach (var (key, value) in spec.Where(kv => kv.Key is not ("synapse_model" or "delay" or "weight")))
        {
            defaults[key] = value;
        }

        double[] viaSynSpec = RunCase(c, spec);
        double[] viaCopy = RunCase(c, new StatusDictionary { ["synapse_model"] = "stp", ["weight"] = spec["weight"], ["delay"] = spec["delay"] },
            setup: sim => sim.CopyModel(spec.Get<string>("synapse_model"), "stp", defaults));

        Assert.That(viaCopy, Is.EqualTo(viaSynSpec));
    }

    /// <summary>Many plastic connections, each with its own state: the traces are bit-identical for 1 and 2 threads.</summary>
    [TestCase("tsodyks_synapse")]
    [TestCase("tsodyks2_synapse")]
    public void Results_are_the_same_for_any_number_of_threads(string model)
    {
        double[][] Run(int threads)
        {
            using var sim = new Simulator();
            sim.SetKernelStatus(new() { ["local_num_threads"] = threads, ["rng_seed"] = 17L });
            var noise = sim.Create("poisson_generator", 1, new() { ["rate"] = 40.0 });
            var pre = sim.Create("parrot_neuron", 30);
            var post = sim.Create("iaf_psc_exp", 12, new() { ["tau_syn_ex"] = 3.0 });
            sim.Connect(noise, pre);
            sim.Connect(pre, post, new StatusDictionary { ["rule"] = "fixed_indegree", ["indegree"] = 8L },
                new StatusDictionary { ["synapse_model"] = model, ["weight"] = 300.0, ["U"] = 0.2, ["tau_fac"] = 500.0, ["tau_rec"] = 200.0 });
            var meter = MeterProbe.CreateVoltmeter(sim, post, 1.0);
            sim.Simulate(500.0);
            return [.. post.ToArray().Select(id => MeterProbe.ValuesOf(sim, meter, id))];
        }

        var one = Run(1);
        Assert.That(one.SelectMany(v => v).Max(), Is.GreaterThan(-69.0), "the input moves V_m");
        Assert.That(Run(2), Is.EqualTo(one));
    }

    [TestCase("tsodyks_synapse")]
    [TestCase("tsodyks2_synapse")]
    public void Defaults_are_NESTs(string model)
    {
        var nest = ModelProbe.ReadJson(Path.Combine("defaults", $"{model}.json"));
        using var sim = new Simulator();
        var ours = sim.GetDefaults(model);
        string[] keys = model == "tsodyks_synapse" ? ["U", "delay", "tau_fac", "tau_psc", "tau_rec", "u", "weight", "x", "y"] : ["U", "delay", "tau_fac", "tau_rec", "u", "weight", "x"];
        foreach (string key in keys)
        {
            Assert.That(ours.Get<double>(key), Is.EqualTo(nest.GetProperty(key).GetDouble()), key);
        }

        Assert.That(ours.Get<string>("synapse_model"), Is.EqualTo(model));
        Assert.That(sim.GetKernelStatus<string[]>("synapse_models"), Does.Contain(model));
    }

    [TestCase("tsodyks_synapse", "U", 1.5, "U must be in [0,1]")]
    [TestCase("tsodyks_synapse", "U", -0.1, "U must be in [0,1]")]
    [TestCase("tsodyks_synapse", "tau_psc", 0.0, "tau_psc must be > 0")]
    [TestCase("tsodyks_synapse", "tau_psc", 800.0, "tau_psc must differ from tau_rec")]
    [TestCase("tsodyks_synapse", "tau_rec", -5.0, "tau_rec must be > 0")]
    [TestCase("tsodyks_synapse", "tau_fac", -1.0, "tau_fac must be >= 0")]
    [TestCase("tsodyks_synapse", "y", 0.5, "x + y must be <= 1.0")]
    [TestCase("tsodyks2_synapse", "U", 2.0, "U must be in [0,1]")]
    [TestCase("tsodyks2_synapse", "u", 1.2, "u must be in [0,1]")]
    [TestCase("tsodyks2_synapse", "tau_rec", 0.0, "tau_rec must be > 0")]
    [TestCase("tsodyks2_synapse", "tau_fac", -2.0, "tau_fac must be >= 0")]
    public void Bad_values_are_refused_with_NESTs_sentence_and_change_nothing(string model, string key, double value, string sentence)
    {
        using var sim = new Simulator();
        var neurons = sim.Create("iaf_psc_exp", 2);
        var before = sim.GetDefaults(model);

        Assert.That(() => sim.SetDefaults(model, new() { [key] = value }),
            Throws.TypeOf<BadPropertyException>().With.Message.Contains(sentence).And.Message.Contains(key));
        Assert.That(() => sim.CopyModel(model, "bad_copy", new() { [key] = value }), Throws.TypeOf<BadPropertyException>().With.Message.Contains(sentence));
        Assert.That(() => sim.Connect(neurons[..1], neurons[1..], syn: new StatusDictionary { ["synapse_model"] = model, [key] = value }),
            Throws.TypeOf<BadPropertyException>().With.Message.Contains(sentence));

        Assert.That(sim.GetDefaults(model), Is.EqualTo(before));
        Assert.That(sim.GetKernelStatus<long>("num_connections"), Is.Zero);
        Assert.That(sim.GetKernelStatus<string[]>("synapse_models"), Does.Not.Contain("bad_copy"));
    }

    /// <summary>After the run, GetConnections reads u, x (and y) of the connection as NEST's final status has them, to 1e-12.</summary>
    [TestCaseSource(nameof(Cases))]
    public void Final_state_read_through_GetConnections_is_NESTs(string name)
    {
        var c = Reference.Value.GetProperty(name);
        var final = c.GetProperty("connection_status_final");
        using var sim = new Simulator();
        double[] generatorTimes = [.. c.GetProperty("pre").GetProperty("spike_generator_times_ms").EnumerateArray().Select(e => e.GetDouble())];
        var generator = sim.Create("spike_generator", 1, new() { ["spike_times"] = generatorTimes });
        var pre = sim.Create("parrot_neuron");
        var post = sim.Create("iaf_psc_exp", 1, new() { ["tau_syn_ex"] = 3.0 });
        sim.Connect(generator, pre, syn: new SynSpec("static_synapse", 1.0, 1.0));
        sim.Connect(pre, post, syn: SynSpecOf(c));
        sim.Simulate(c.GetProperty("actually_simulated_ms").GetDouble());

        var status = sim.GetConnections(pre, post).GetStatus(0);
        foreach (string key in name.StartsWith("tsodyks2", StringComparison.Ordinal) ? Tsodyks2State : TsodyksState)
        {
            double expected = final.GetProperty(key).GetDouble();
            Assert.That(status.Get<double>(key), Is.EqualTo(expected).Within(1e-12 * Math.Abs(expected)), key);
        }

        Assert.That(status.Get<double>("weight"), Is.EqualTo(2000.0), "the connection keeps its weight");
    }

    private static readonly string[] TsodyksState = ["u", "x", "y", "U", "tau_rec", "tau_fac", "tau_psc"];
    private static readonly string[] Tsodyks2State = ["u", "x", "U", "tau_rec", "tau_fac"];
}
