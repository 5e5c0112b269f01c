using NeuroKernel.Synapses;

namespace NeuroKernel.Tests.Kernel;

/// <summary>
/// A large build with several threads is sorted side by side (ConnectionStore.Build): the first build by receiver
/// partition, a build that merges into earlier groups group by group. The network must be the same as sorted on one
/// thread: here the threshold is lowered so that a small network takes the parallel paths, with static groups, weights
/// and delays per connection, a plastic group, and a second build that merges.
/// </summary>
[TestFixture]
[NonParallelizable]
public class ParallelStoreBuildTests
{
    private static (double[] Times, int[] Senders, double[] Weights) Run(long threshold)
    {
        long saved = ConnectionStore.ParallelBuildConnections;
        ConnectionStore.ParallelBuildConnections = threshold;
        try
        {
            using var sim = new Simulator();
            sim.SetKernelStatus(new() { ["local_num_threads"] = 2, ["rng_seed"] = 9L });
            var noise = sim.Create("poisson_generator", 1, new() { ["rate"] = 8000.0 });
            var ex = sim.Create("iaf_psc_alpha", 80);
            var inh = sim.Create("iaf_psc_alpha", 20);
            var recorder = sim.Create("spike_recorder");
            sim.Connect(noise, ex + inh, syn: new SynSpec("static_synapse", 20.0, 1.0));
            sim.Connect(ex, ex + inh, new StatusDictionary { ["rule"] = "fixed_indegree", ["indegree"] = 8L },
                new StatusDictionary { ["synapse_model"] = "stdp_synapse", ["weight"] = 30.0, ["delay"] = 1.5 });
            sim.Connect(inh, ex + inh, new StatusDictionary { ["rule"] = "fixed_indegree", ["indegree"] = 2L },
                new StatusDictionary { ["weight"] = new StatusDictionary { ["distribution"] = "uniform", ["low"] = -150.0, ["high"] = -50.0 }, ["delay"] = 2.0 });
            sim.Connect(ex, inh, new StatusDictionary { ["rule"] = "fixed_total_number", ["N"] = 300L },
                new StatusDictionary { ["weight"] = Distributions.Normal(20.0, 2.0, 0.0), ["delay"] = Distributions.Normal(1.5, 0.75, 0.1) });
            sim.Connect(ex + inh, recorder);
            sim.Simulate(50.0);
            // A second build merges new connections into the groups.
            sim.Connect(inh, ex, new StatusDictionary { ["rule"] = "fixed_indegree", ["indegree"] = 1L },
                new StatusDictionary { ["synapse_model"] = "stdp_synapse", ["weight"] = 10.0 });
            sim.Simulate(50.0);
            var events = sim.GetStatus(recorder).Get<StatusDictionary>("events");
            var table = sim.GetConnections(ex, ex + inh);
            return (events.Get<double[]>("times"), events.Get<int[]>("senders"), [.. table.Weight, .. table.Delay, .. table.Target.Select(t => (double)t)]);
        }
        finally
        {
            ConnectionStore.ParallelBuildConnections = saved;
        }
    }

    [Test]
    public void Sorting_side_by_side_gives_the_same_network()
    {
        var sequential = Run(long.MaxValue);
        var parallel = Run(0);
        Assert.That(sequential.Times, Is.Not.Empty);
        Assert.That(parallel.Times, Is.EqualTo(sequential.Times));
        Assert.That(parallel.Senders, Is.EqualTo(sequential.Senders));
        Assert.That(parallel.Weights, Is.EqualTo(sequential.Weights));
    }
}
