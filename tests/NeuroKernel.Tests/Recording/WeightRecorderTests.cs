using System.Text.Json;
using NeuroKernel.Tests.Models;

namespace NeuroKernel.Tests.Recording;

/// <summary>
/// <c>weight_recorder</c> as NEST's plasticity reference uses it: set on a copy of the synapse model
/// (<c>CopyModel(model, model + "_rec", {"weight_recorder": wr, …})</c>) before Connect; one event per presynaptic
/// spike with the spike's time and the weight it carried (after the update; for tsodyks the sent u·x·weight). Every
/// event of NEST 3.9's run must be there, in order, with the weights to 1e-12.
/// </summary>
[TestFixture]
public class WeightRecorderTests
{
    private static readonly string[] StdpCases =
    [
        "stdp_synapse_default_train", "stdp_synapse_nondefault_pair_m2", "stdp_synapse_hom_nondefault_train",
        "stdp_pl_synapse_hom_default_train", "vogels_sprekeler_synapse_inh_train", "stdp_synapse_parrotpost_train",
    ];

    private static readonly string[] TsodyksCases = ["tsodyks_synapse_dep", "tsodyks_synapse_fac", "tsodyks2_synapse_dep", "tsodyks2_synapse_fac"];

    private static double[] Doubles(JsonElement e) => [.. e.EnumerateArray().Select(x => x.GetDouble())];

    private static JsonElement Case(string file, string name) =>
        ModelProbe.ReadJson(Path.Combine("plasticity", file)).GetProperty("cases").GetProperty(name);

    [TestCaseSource(nameof(StdpCases))]
    public void Stdp_events_are_NESTs(string name) =>
        Check(Case("stdp_cases.json", name), name.Contains("parrotpost", StringComparison.Ordinal) ? "parrot_neuron" : "iaf_psc_alpha", name.Contains("parrotpost", StringComparison.Ordinal) ? 1.0 : 1e5);

    [TestCaseSource(nameof(TsodyksCases))]
    public void Tsodyks_events_carry_the_sent_weight(string name) => Check(Case("tsodyks_cases.json", name), "iaf_psc_exp", null);

    /// <summary>Builds the case's network with a weight_recorder on the copy of its synapse model and compares every event.</summary>
    private static void Check(JsonElement c, string postModel, double? driveWeight)
    {
        using var sim = new Simulator();
        Run(sim, c, postModel, driveWeight, []);
    }

    /// <summary>Builds and runs the case with a weight_recorder of <paramref name="recorderParams"/>, checks its events; returns the recorder.</summary>
    private static NodeCollection Run(Simulator sim, JsonElement c, string postModel, double? driveWeight, StatusDictionary recorderParams)
    {
        var recorder = sim.Create("weight_recorder", 1, recorderParams);
        var preDrive = sim.Create("spike_generator", 1, new() { ["spike_times"] = Doubles(c.GetProperty("pre").GetProperty("spike_generator_times_ms")) });
        var pre = sim.Create("parrot_neuron");
        var postParams = new StatusDictionary();
        foreach (var p in c.GetProperty("post").GetProperty("params_set").EnumerateObject())
        {
            postParams[p.Name] = p.Value.GetDouble();
        }

        var post = sim.Create(postModel, 1, postParams);
        sim.Connect(preDrive, pre, syn: new SynSpec("static_synapse", 1.0, 1.0));
        if (driveWeight is double w)
        {
            var postDrive = sim.Create("spike_generator", 1, new() { ["spike_times"] = Doubles(c.GetProperty("post").GetProperty("spike_generator_times_ms")) });
            sim.Connect(postDrive, post, syn: new SynSpec("static_synapse", w, 1.0));
        }

        var copy = new StatusDictionary { ["weight_recorder"] = recorder };
        foreach (var p in c.GetProperty("synapse_model_copy").GetProperty("CopyModel_params").EnumerateObject().Where(p => p.Name != "weight_recorder"))
        {
            copy[p.Name] = p.Value.GetDouble();
        }

        sim.CopyModel(c.GetProperty("synapse_model").GetString()!, "recorded", copy);
        Assert.That(sim.GetDefaults("recorded").Get<NodeCollection>("weight_recorder").ToArray(), Is.EqualTo(recorder.ToArray()));
        var syn = new StatusDictionary { ["synapse_model"] = "recorded" };
        foreach (var p in c.GetProperty("connection_syn_spec").EnumerateObject())
        {
            syn[p.Name] = p.Name == "receptor_type" ? p.Value.GetInt64() : p.Value.GetDouble();
        }

        sim.Connect(pre, post, syn: syn);
        // In two calls, as a user might: the events of both must be there.
        double total = c.TryGetProperty("actually_simulated_ms", out var t) ? t.GetDouble() : c.GetProperty("simtime_ms").GetDouble();
        sim.Simulate(500.0);
        sim.Simulate(total - 500.0);

        var expected = c.GetProperty("weight_recorder");
        double[] times = Doubles(expected.GetProperty("times_ms"));
        double[] weights = Doubles(expected.GetProperty("weights"));
        var status = sim.GetStatus(recorder);
        var events = status.Get<StatusDictionary>("events");
        Assert.That(status.Get<long>("n_events"), Is.EqualTo(times.Length));
        if (status.Get<string>("record_to") != "memory")
        {
            return recorder;
        }

        if (expected.TryGetProperty("receptors", out var receptors))
        {
            Assert.That(events.Get<long[]>("receptors"), Is.EqualTo(receptors.EnumerateArray().Select(x => x.GetInt64()).ToArray()));
            Assert.That(events.Get<long[]>("ports"), Is.EqualTo(expected.GetProperty("ports").EnumerateArray().Select(x => x.GetInt64()).ToArray()));
        }

        Assert.That(events.Get<double[]>("times"), Is.EqualTo(times));
        Assert.That(events.Get<int[]>("senders"), Has.All.EqualTo(pre[0]));
        Assert.That(events.Get<int[]>("targets"), Has.All.EqualTo(post[0]));
        double[] actual = events.Get<double[]>("weights");
        for (int k = 0; k < weights.Length; k++)
        {
            Assert.That(actual[k], Is.EqualTo(weights[k]).Within(1e-12 * Math.Abs(weights[k])), $"weight at {times[k]} ms");
        }

        return recorder;
    }

    [Test]
    public void Events_are_the_same_for_any_number_of_threads()
    {
        StatusDictionary Run(int threads)
        {
            using var sim = new Simulator();
            sim.SetKernelStatus(new() { ["local_num_threads"] = threads, ["rng_seed"] = 5L });
            var recorder = sim.Create("weight_recorder");
            var noise = sim.Create("poisson_generator", 1, new() { ["rate"] = 30.0 });
            var pre = sim.Create("parrot_neuron", 20);
            var post = sim.Create("iaf_psc_alpha", 16, new() { ["I_e"] = 376.0 });
            sim.Connect(noise, pre);
            sim.CopyModel("stdp_synapse", "recorded", new() { ["weight_recorder"] = recorder });
            sim.Connect(pre, post, new StatusDictionary { ["rule"] = "fixed_indegree", ["indegree"] = 5L },
                new StatusDictionary { ["synapse_model"] = "recorded", ["weight"] = 30.0 });
            sim.Simulate(300.0);
            return sim.GetStatus(recorder).Get<StatusDictionary>("events");
        }

        var one = Run(1);
        Assert.That(one.Get<double[]>("times"), Is.Not.Empty);
        var two = Run(2);
        foreach (string key in new[] { "senders", "targets" })
        {
            Assert.That(two.Get<int[]>(key), Is.EqualTo(one.Get<int[]>(key)), key);
        }

        Assert.That(two.Get<double[]>("times"), Is.EqualTo(one.Get<double[]>("times")));
        Assert.That(two.Get<double[]>("weights"), Is.EqualTo(one.Get<double[]>("weights")));
    }

    [Test]
    public void Only_a_weight_recorder_can_be_set_and_a_failed_call_changes_nothing()
    {
        using var sim = new Simulator();
        var neuron = sim.Create("iaf_psc_alpha");
        Assert.That(() => sim.SetDefaults("stdp_synapse", new() { ["weight_recorder"] = neuron }),
            Throws.TypeOf<BadPropertyException>().With.Message.Contains("weight_recorder"));
        Assert.That(() => sim.CopyModel("stdp_synapse", "x", new() { ["weight_recorder"] = 99L }),
            Throws.TypeOf<BadPropertyException>().With.Message.Contains("99"));
        Assert.That(sim.GetDefaults("stdp_synapse").Get<NodeCollection>("weight_recorder").Count, Is.Zero);
        Assert.That(() => sim.Create("weight_recorder", 1, new() { ["record_to"] = "screen" }),
            Throws.TypeOf<BadPropertyException>().With.Message.Contains("record_to"));
        Assert.That(() => sim.Create("weight_recorder", 1, new() { ["senders"] = new List<int> { 0 } }),
            Throws.TypeOf<BadPropertyException>().With.Message.Contains("senders"));
    }

    /// <summary>record_to ascii: NEST 3's .dat layout, one line per event with the weight to 3 decimals, then target, receptor, port.</summary>
    [Test]
    public void Ascii_file_has_NESTs_layout_and_every_event()
    {
        string dir = Path.Combine(Path.GetTempPath(), "nk-wr-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var c = Case("stdp_cases.json", "stdp_synapse_parrotpost_pair_p10");
            string file;
            using (var sim = new Simulator())
            {
                sim.SetKernelStatus(new() { ["data_path"] = dir });
                var recorder = Run(sim, c, "parrot_neuron", 1.0, new() { ["record_to"] = "ascii", ["label"] = "w" });
                file = sim.GetStatus(recorder).Get<string[]>("filenames")[0];
                Assert.That(Path.GetFileName(file), Is.EqualTo("w-1-0.dat"));
            }

            string[] lines = File.ReadAllLines(file);
            Assert.That(lines[2], Is.EqualTo("sender\ttime_ms\tweights\ttargets\treceptors\tports"));
            var expected = c.GetProperty("weight_recorder");
            double[] times = Doubles(expected.GetProperty("times_ms"));
            double[] weights = Doubles(expected.GetProperty("weights"));
            Assert.That(lines.Length - 3, Is.EqualTo(times.Length));
            for (int k = 0; k < times.Length; k++)
            {
                Assert.That(lines[3 + k], Is.EqualTo(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"3\t{times[k]:F3}\t{weights[k]:F3}\t4\t1\t0")));
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    /// <summary>senders and targets (node ids or a NodeCollection) keep only the events of those connections.</summary>
    [Test]
    public void Senders_and_targets_filter_the_events()
    {
        using var sim = new Simulator();
        sim.SetKernelStatus(new() { ["rng_seed"] = 3L });
        var noise = sim.Create("poisson_generator", 1, new() { ["rate"] = 50.0 });
        var pre = sim.Create("parrot_neuron", 4);
        var post = sim.Create("iaf_psc_alpha", 3);
        var all = sim.Create("weight_recorder");
        var some = sim.Create("weight_recorder", 1, new() { ["senders"] = pre[1..3], ["targets"] = new List<long> { post[2] } });
        sim.Connect(noise, pre);
        sim.CopyModel("stdp_synapse", "to_all", new() { ["weight_recorder"] = all });
        sim.CopyModel("stdp_synapse", "to_some", new() { ["weight_recorder"] = some });
        sim.Connect(pre, post, syn: new StatusDictionary { ["synapse_model"] = "to_all", ["weight"] = 10.0 });
        sim.Connect(pre, post, syn: new StatusDictionary { ["synapse_model"] = "to_some", ["weight"] = 10.0 });
        sim.Simulate(200.0);
        var full = sim.GetStatus(all).Get<StatusDictionary>("events");
        var part = sim.GetStatus(some).Get<StatusDictionary>("events");
        int[] fs = full.Get<int[]>("senders"), ft = full.Get<int[]>("targets");
        int expected = Enumerable.Range(0, fs.Length).Count(k => (fs[k] == pre[1] || fs[k] == pre[2]) && ft[k] == post[2]);
        Assert.That(expected, Is.GreaterThan(0));
        Assert.That(part.Get<int[]>("senders"), Has.Length.EqualTo(expected).And.All.InRange(pre[1], pre[2]));
        Assert.That(part.Get<int[]>("targets"), Has.All.EqualTo(post[2]));
        Assert.That(sim.GetStatus(some).Get<int[]>("senders"), Is.EqualTo(new[] { pre[1], pre[2] }));
    }
}
