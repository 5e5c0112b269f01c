namespace NeuroKernel.Tests.Synapses;

/// <summary>
/// Plastic models whose state follows only the presynaptic spikes (Kplus of the STDP models, u/x of the Tsodyks models)
/// keep it once per source and thread while the source's connections agree, and per connection once they do not (a
/// connection set on its own, connections added after a run). Both ways must give the same weights bit for bit.
/// </summary>
[TestFixture]
public class PresynapticStateTests
{
    private static readonly string[] Models = ["stdp_synapse", "stdp_synapse_hom", "stdp_pl_synapse_hom", "tsodyks2_synapse"];

    /// <summary>
    /// 30 parrots firing Poisson trains into 20 iaf_psc_alpha neurons that fire on their own (I_e), over plastic
    /// connections of one model; returns the simulator, sources and targets.
    /// </summary>
    private static (Simulator Sim, NodeCollection Pre, NodeCollection Post) Network(string model, int threads = 1)
    {
        var sim = new Simulator();
        sim.SetKernelStatus(new() { ["local_num_threads"] = threads, ["rng_seed"] = 7L });
        var noise = sim.Create("poisson_generator", 1, new() { ["rate"] = 40.0 });
        var pre = sim.Create("parrot_neuron", 30);
        var post = sim.Create("iaf_psc_alpha", 20, new() { ["I_e"] = 400.0 });
        sim.Connect(noise, pre);
        sim.Connect(pre, post, new StatusDictionary { ["rule"] = "fixed_indegree", ["indegree"] = 12L },
            new StatusDictionary { ["synapse_model"] = model, ["weight"] = 20.0, ["delay"] = 1.5 });
        return (sim, pre, post);
    }

    [TestCaseSource(nameof(Models))]
    public void Setting_one_connection_leaves_the_others_as_they_were(string model)
    {
        var bytes = new long[2];
        double[] Run(bool setOne, out double first)
        {
            var (sim, pre, post) = Network(model);
            using (sim)
            {
                if (setOne)
                {
                    sim.Simulate(0.0);
                    // One connection starts from other values: the group must keep its state per connection from here on.
                    var one = sim.GetConnections(pre[..1], post[..1]);
                    if (one.Count > 0)
                    {
                        sim.SetStatus(one, model.StartsWith("tsodyks", StringComparison.Ordinal) ? new StatusDictionary { ["u"] = 0.9 } : new StatusDictionary { ["Kplus"] = 0.5 });
                    }
                }

                sim.Simulate(300.0);
                var all = sim.GetConnections(pre, post);
                first = all.Weight[0];
                bytes[setOne ? 1 : 0] = sim.ConnectionBytes;
                return [.. Enumerable.Range(0, all.Count).Where(i => all.Source[i] != pre[0] || all.Target[i] != post[0]).Select(i => all.Weight[i])];
            }
        }

        double[] shared = Run(false, out _);
        double[] own = Run(true, out _);
        Assert.That(own, Is.EqualTo(shared), "weights of the connections that were not set");
        // Kept per source and thread, the state costs less than kept per connection.
        Assert.That(bytes[0], Is.LessThan(bytes[1]), "bytes of the connections, state per source vs per connection");
        if (!model.StartsWith("tsodyks", StringComparison.Ordinal))
        {
            Assert.That(shared.Distinct().Count(), Is.GreaterThan(1), "the weights changed, each its own way");
        }
    }

    [TestCaseSource(nameof(Models))]
    public void Threads_give_the_same_weights(string model)
    {
        double[] Run(int threads)
        {
            var (sim, pre, post) = Network(model, threads);
            using (sim)
            {
                sim.Simulate(300.0);
                var table = sim.GetConnections(pre, post);
                return [.. Enumerable.Range(0, table.Count).OrderBy(i => (table.Source[i], table.Target[i])).Select(i => table.Weight[i])];
            }
        }

        Assert.That(Run(2), Is.EqualTo(Run(1)));
    }

    /// <summary>
    /// A connection added after a run starts from the model's initial state at time 0, as in NEST, while the older ones of
    /// the same source keep theirs: its weights equal those of the same connection made alone at that time.
    /// </summary>
    [Test]
    public void Connections_added_after_a_run_start_fresh()
    {
        double Late(bool withEarly)
        {
            using var sim = new Simulator();
            double[] preTimes = [.. Enumerable.Range(0, 60).Select(k => 3.0 + 7.3 * k)];
            double[] postTimes = [.. Enumerable.Range(0, 60).Select(k => 5.0 + 6.1 * k)];
            var preDrive = sim.Create("spike_generator", 1, new() { ["spike_times"] = preTimes });
            var postDrive = sim.Create("spike_generator", 1, new() { ["spike_times"] = postTimes });
            var pre = sim.Create("parrot_neuron");
            var post = sim.Create("parrot_neuron", 2);
            sim.Connect(preDrive, pre);
            sim.Connect(postDrive, post);
            var syn = new StatusDictionary { ["synapse_model"] = "stdp_synapse_hom", ["weight"] = 20.0, ["receptor_type"] = 1L };
            if (withEarly)
            {
                sim.Connect(pre, post[..1], syn: syn);
            }

            sim.Simulate(200.0);
            sim.Connect(pre, post[1..], syn: syn);
            sim.Simulate(250.0);
            return sim.GetConnections(pre, post[1..]).Weight.Single();
        }

        double alone = Late(false);
        Assert.That(alone, Is.Not.EqualTo(20.0));
        Assert.That(Late(true), Is.EqualTo(alone));
    }
}
