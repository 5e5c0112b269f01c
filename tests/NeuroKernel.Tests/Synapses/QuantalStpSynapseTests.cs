using NeuroKernel.Tests.Models;

namespace NeuroKernel.Tests.Synapses;

/// <summary>
/// <c>quantal_stp_synapse</c>: NEST 3.9's defaults (Reference/defaults), NEST's errors, and the release statistics.
/// NEST's model is stochastic, so its reference holds only the defaults; the dynamics are checked against the exact
/// expectation of the release process. Each of the n sites of a connection is an independent two-state chain: before
/// spike k it is available with probability π_k (π_0 = a/n), it releases with probability u, and a depleted site has
/// recovered by the next spike with probability r = 1 − exp(−h/tau_rec); so π_{k+1} = π_k(1 − u) + (1 − π_k(1 − u))·r,
/// and the sites released at spike k over C connections are Binomial(C·n, u·π_k).
/// </summary>
[TestFixture]
public class QuantalStpSynapseTests
{
    private static readonly string[] DefaultKeys = ["U", "u", "tau_rec", "tau_fac", "weight", "delay"];
    private static readonly string[] CountKeys = ["n", "a"];

    [Test]
    public void Defaults_are_NESTs()
    {
        var nest = ModelProbe.ReadJson(Path.Combine("defaults", "quantal_stp_synapse.json"));
        using var sim = new Simulator();
        var ours = sim.GetDefaults("quantal_stp_synapse");
        foreach (string key in DefaultKeys)
        {
            Assert.That(ours.Get<double>(key), Is.EqualTo(nest.GetProperty(key).GetDouble()), key);
        }

        foreach (string key in CountKeys)
        {
            Assert.That(ours.Get<long>(key), Is.EqualTo(nest.GetProperty(key).GetInt64()), key);
        }
    }

    [TestCase("U", 1.5, "U must be in [0,1]")]
    [TestCase("u", -0.1, "u must be in [0,1]")]
    [TestCase("tau_rec", 0.0, "tau_rec must be > 0")]
    [TestCase("tau_fac", -1.0, "tau_fac must be >= 0")]
    public void Bad_values_are_refused_with_NESTs_sentence(string key, double value, string sentence)
    {
        using var sim = new Simulator();
        var before = sim.GetDefaults("quantal_stp_synapse");
        Assert.That(() => sim.SetDefaults("quantal_stp_synapse", new() { [key] = value }),
            Throws.TypeOf<BadPropertyException>().With.Message.Contains(sentence).And.Message.Contains(key));
        var n = sim.Create("iaf_psc_alpha", 2);
        Assert.That(() => sim.Connect(n[..1], n[1..], syn: new StatusDictionary { ["synapse_model"] = "quantal_stp_synapse", [key] = value }),
            Throws.TypeOf<BadPropertyException>().With.Message.Contains(key));
        Assert.That(sim.GetDefaults("quantal_stp_synapse").Get<double>(key), Is.EqualTo(before.Get<double>(key)));
        Assert.That(sim.GetKernelStatus().Get<long>("num_connections"), Is.Zero);
    }

    [Test]
    public void Release_sites_must_be_counts_with_a_at_most_n()
    {
        using var sim = new Simulator();
        Assert.That(() => sim.SetDefaults("quantal_stp_synapse", new() { ["a"] = 2L }),
            Throws.TypeOf<BadPropertyException>().With.Message.Contains("a = 2, n = 1"));
        Assert.That(() => sim.SetDefaults("quantal_stp_synapse", new() { ["n"] = -1L }),
            Throws.TypeOf<BadPropertyException>().With.Message.Contains("n = -1"));
        Assert.That(() => sim.SetDefaults("quantal_stp_synapse", new() { ["n"] = 2.5 }),
            Throws.TypeOf<BadPropertyException>().With.Message.Contains("'n'"));
        sim.SetDefaults("quantal_stp_synapse", new() { ["n"] = 5L, ["a"] = 5L });
        Assert.That(sim.GetDefaults("quantal_stp_synapse").Get<long>("a"), Is.EqualTo(5));
    }

    /// <summary>
    /// One parrot spikes every <paramref name="intervalMs"/> into <c>connections</c> targets over quantal_stp_synapse with
    /// weight 1, so each weight_recorder event carries the number of sites released. Returns, per presynaptic spike, the
    /// number of events and the sum of their weights, and the final connection states.
    /// </summary>
    private static (long[] Events, double[] Released, ConnectionTable Connections, double[] A) Run(
        int connections, long n, double u, double tauRec, double intervalMs, int spikes, int threads = 1, long seed = 11)
    {
        using var sim = new Simulator();
        sim.SetKernelStatus(new() { ["local_num_threads"] = threads, ["rng_seed"] = seed });
        double[] times = [.. Enumerable.Range(0, spikes).Select(k => 10.0 + k * intervalMs)];
        var generator = sim.Create("spike_generator", 1, new() { ["spike_times"] = times });
        var pre = sim.Create("parrot_neuron");
        var post = sim.Create("iaf_psc_alpha", connections, new() { ["V_th"] = 1e9 });
        var recorder = sim.Create("weight_recorder");
        sim.Connect(generator, pre);
        sim.CopyModel("quantal_stp_synapse", "q", new() { ["weight_recorder"] = recorder, ["n"] = n, ["a"] = n, ["U"] = u, ["u"] = u, ["tau_rec"] = tauRec });
        sim.Connect(pre, post, syn: new StatusDictionary { ["synapse_model"] = "q", ["weight"] = 1.0 });
        sim.Simulate(times[^1] + 5.0);
        var events = sim.GetStatus(recorder).Get<StatusDictionary>("events");
        double[] eventTimes = events.Get<double[]>("times"), weights = events.Get<double[]>("weights");
        var count = new long[spikes];
        var released = new double[spikes];
        for (int e = 0; e < eventTimes.Length; e++)
        {
            int k = (int)Math.Round((eventTimes[e] - 1.0 - 10.0) / intervalMs);
            count[k]++;
            released[k] += weights[e];
        }

        var table = sim.GetConnections(pre, post);
        return (count, released, table, table.Get("a"));
    }

    /// <summary>u·π_k for each spike k (see the class remarks).</summary>
    private static double[] ReleaseProbability(double u, double tauRec, double intervalMs, int spikes)
    {
        double r = 1.0 - Math.Exp(-intervalMs / tauRec), pi = 1.0;
        var p = new double[spikes];
        for (int k = 0; k < spikes; k++)
        {
            p[k] = u * pi;
            pi = pi * (1.0 - u) + (1.0 - pi * (1.0 - u)) * r;
        }

        return p;
    }

    [TestCase(10L, 0.5, 100.0, 50.0)]
    [TestCase(4L, 0.2, 300.0, 20.0)]
    public void Released_sites_follow_the_release_process(long n, double u, double tauRec, double intervalMs)
    {
        const int connections = 2000, spikes = 20;
        var (_, released, _, a) = Run(connections, n, u, tauRec, intervalMs, spikes);
        double[] p = ReleaseProbability(u, tauRec, intervalMs, spikes);
        for (int k = 0; k < spikes; k++)
        {
            double trials = (double)connections * n, mean = trials * p[k], sd = Math.Sqrt(trials * p[k] * (1.0 - p[k]));
            Assert.That(released[k], Is.EqualTo(mean).Within(4.5 * sd), $"sites released at spike {k}: expected {mean:F1} ± {sd:F1}");
        }

        // Depression is visible: the steady state releases clearly less than the first spike.
        Assert.That(released[^1], Is.LessThan(0.8 * released[0]));
        Assert.That(a, Has.All.InRange(0.0, n));
    }

    /// <summary>With one site a spike either releases it or sends nothing: the events are the releases, Binomial(C, u·π_k).</summary>
    [Test]
    public void A_spike_that_releases_nothing_sends_nothing()
    {
        const int connections = 3000, spikes = 10;
        var (events, released, _, _) = Run(connections, 1, 0.4, 200.0, 30.0, spikes);
        double[] p = ReleaseProbability(0.4, 200.0, 30.0, spikes);
        for (int k = 0; k < spikes; k++)
        {
            Assert.That(released[k], Is.EqualTo(events[k]), "each event carries one site");
            double mean = connections * p[k], sd = Math.Sqrt(connections * p[k] * (1.0 - p[k]));
            Assert.That(events[k], Is.EqualTo(mean).Within(4.5 * sd), $"events at spike {k}");
        }
    }

    [Test]
    public void Releases_are_the_same_for_any_number_of_threads_and_change_with_the_seed()
    {
        var one = Run(500, 5, 0.5, 100.0, 25.0, 12, threads: 1);
        var two = Run(500, 5, 0.5, 100.0, 25.0, 12, threads: 2);
        Assert.That(two.Released, Is.EqualTo(one.Released));
        Assert.That(two.A, Is.EqualTo(one.A));
        var other = Run(500, 5, 0.5, 100.0, 25.0, 12, threads: 1, seed: 12);
        Assert.That(other.A, Is.Not.EqualTo(one.A));
    }

    /// <summary>Two connections between the same nodes draw from different streams.</summary>
    [Test]
    public void Repeated_connections_between_the_same_nodes_draw_independently()
    {
        using var sim = new Simulator();
        double[] times = [.. Enumerable.Range(0, 40).Select(k => 5.0 + 5.0 * k)];
        var generator = sim.Create("spike_generator", 1, new() { ["spike_times"] = times });
        var pre = sim.Create("parrot_neuron");
        var post = sim.Create("iaf_psc_alpha", 1, new() { ["V_th"] = 1e9 });
        sim.Connect(generator, pre);
        var syn = new StatusDictionary { ["synapse_model"] = "quantal_stp_synapse", ["n"] = 50L, ["a"] = 50L };
        sim.Connect(pre, post, syn: syn);
        sim.Connect(pre, post, syn: syn);
        sim.Simulate(220.0);
        double[] a = sim.GetConnections(pre, post).Get("a");
        Assert.That(a, Has.Length.EqualTo(2));
        Assert.That(a[0], Is.Not.EqualTo(a[1]));
    }
}
