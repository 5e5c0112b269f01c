#pragma warning disable CA1861 // Arrays in the tests are clearer inline, and each test runs once.

using NeuroKernel.Delivery;

namespace NeuroKernel.Tests.Kernel;

/// <summary>
/// Events of static rows with their own weights and delays wait in per-thread lists until their step when the ring buffer
/// is large (<see cref="DeferredEvents"/>). The threshold is lowered here so that a small network takes that path: its
/// spikes must be those of the direct path where every input is deferred, and must not depend on the thread count or on
/// how the time is cut into Simulate calls.
/// </summary>
[TestFixture]
[NonParallelizable]
public class DeferredEventsTests
{
    private static (double[] Times, int[] Senders) Run(long deferAbove, int threads, bool poisson, params double[] pieces)
    {
        long saved = SpikeDelivery.DeferAboveBytes;
        SpikeDelivery.DeferAboveBytes = deferAbove;
        try
        {
            using var sim = new Simulator();
            sim.SetKernelStatus(new() { ["local_num_threads"] = threads, ["rng_seed"] = 5L });
            var e = sim.Create("iaf_psc_exp", 160, new() { ["I_e"] = poisson ? 0.0 : 380.0 });
            var i = sim.Create("iaf_psc_exp", 40, new() { ["I_e"] = poisson ? 0.0 : 380.0 });
            sim.SetStatus(e + i, "V_m", [.. Enumerable.Range(0, 200).Select(k => -70.0 + (k * 13 % 20))]);
            var all = e + i;
            sim.Connect(e, all, new StatusDictionary { ["rule"] = "fixed_total_number", ["N"] = 4000L },
                new StatusDictionary { ["weight"] = Distributions.Normal(90.0, 9.0, 0.0), ["delay"] = Distributions.Normal(1.5, 0.75, 0.1) });
            sim.Connect(i, all, new StatusDictionary { ["rule"] = "fixed_indegree", ["indegree"] = 10L },
                new StatusDictionary { ["weight"] = Distributions.Normal(-350.0, 35.0, double.NegativeInfinity, 0.0), ["delay"] = Distributions.Uniform(0.5, 1.0) });
            if (poisson)
            {
                var noise = sim.Create("poisson_generator", 1, new() { ["rate"] = 9000.0 });
                sim.Connect(noise, all, syn: new SynSpec("static_synapse", 87.8, 1.5));
            }

            var rec = sim.Create("spike_recorder");
            sim.Connect(all, rec);
            foreach (double t in pieces)
            {
                sim.Simulate(t);
            }

            var ev = sim.GetStatus(rec).Get<StatusDictionary>("events");
            var order = ev.Get<double[]>("times").Select((t, k) => (t, s: ev.Get<int[]>("senders")[k])).OrderBy(x => x.t).ThenBy(x => x.s).ToArray();
            return ([.. order.Select(x => x.t)], [.. order.Select(x => x.s)]);
        }
        finally
        {
            SpikeDelivery.DeferAboveBytes = saved;
        }
    }

    [Test]
    public void With_every_input_deferred_the_spikes_are_those_of_the_direct_path()
    {
        var direct = Run(long.MaxValue, 1, poisson: false, 300.0);
        var deferred = Run(0, 1, poisson: false, 300.0);

        Assert.That(direct.Times, Has.Length.GreaterThan(200));
        Assert.That(deferred.Times, Is.EqualTo(direct.Times));
        Assert.That(deferred.Senders, Is.EqualTo(direct.Senders));
    }

    [Test]
    public void Deferred_events_do_not_depend_on_threads_or_on_how_the_time_is_cut()
    {
        var one = Run(0, 1, poisson: true, 300.0);
        var two = Run(0, 2, poisson: true, 300.0);
        var pieces = Run(0, 2, poisson: true, 100.0, 0.1, 99.9, 100.0);

        Assert.That(one.Times, Has.Length.GreaterThan(200));
        Assert.That(two.Times, Is.EqualTo(one.Times));
        Assert.That(two.Senders, Is.EqualTo(one.Senders));
        Assert.That(pieces.Times, Is.EqualTo(one.Times));
        Assert.That(pieces.Senders, Is.EqualTo(one.Senders));
    }

    [Test]
    public void Waiting_events_reach_the_neurons_after_the_network_changes()
    {
        // Connect between Simulate calls: the network is prepared again and the waiting events go into the new buffers.
        long saved = SpikeDelivery.DeferAboveBytes;
        SpikeDelivery.DeferAboveBytes = 0;
        try
        {
            using var sim = new Simulator();
            var pre = sim.Create("spike_generator", 1, new() { ["spike_times"] = new[] { 1.0 } });
            var relay = sim.Create("parrot_neuron");
            var post = sim.Create("iaf_psc_exp", 1, new() { ["V_th"] = 1e9 });
            sim.Connect(pre, relay);
            sim.Connect(relay, post, "all_to_all", new StatusDictionary { ["weight"] = Distributions.Uniform(100.0, 100.000001), ["delay"] = 5.0 });
            sim.Simulate(3.0); // the parrot's spike (stamped 2.1 ms) waits for its arrival at 7.1 ms
            sim.Connect(relay, sim.Create("iaf_psc_exp"));
            sim.Simulate(10.0);

            Assert.That(sim.GetStatus(post).Get<double>("V_m"), Is.GreaterThan(-70.0 + 0.01), "the event reached the neuron");
        }
        finally
        {
            SpikeDelivery.DeferAboveBytes = saved;
        }
    }
}
