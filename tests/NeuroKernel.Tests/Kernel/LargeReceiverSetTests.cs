using NeuroKernel.Synapses;

namespace NeuroKernel.Tests.Kernel;

/// <summary>
/// Networks of more than 65,536 receivers: the 16-bit stored targets then count from the first receiver of their
/// partition instead of from 0, and a thread's partitions are delivered one run each. Spikes must reach exactly
/// the neurons they were sent to on both sides of receiver 65,536, for every number of threads.
/// </summary>
[TestFixture]
public class LargeReceiverSetTests
{
    private const int Parrots = 70_000;
    private static readonly double[] SpikeTimes = [1.0];

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Spikes_reach_their_targets_on_both_sides_of_receiver_65536(int threads)
    {
        Assert.That(ReceiverPartitioning.For(Parrots, threads).IdsAreGlobal, Is.False, "the partition-relative targets are under test");

        using var sim = new Simulator();
        sim.SetKernelStatus(new() { ["resolution"] = 0.5, ["local_num_threads"] = threads });
        var parrots = sim.Create("parrot_neuron", Parrots);
        var generator = sim.Create("spike_generator", 1, new() { ["spike_times"] = SpikeTimes });
        var recorder = sim.Create("spike_recorder");
        int gen = generator[0];

        // The generator's spike at 1 ms arrives 1 ms later at six parrots around the 65,536 boundary; two of them
        // relay it on, across the boundary in both directions, with delays of 1 and 2 ms.
        int[] first = [1, 30_001, 65_536, 65_537, 65_538, Parrots];
        foreach (int target in first)
        {
            sim.Connect([gen], target);
        }

        sim.Connect([Parrots], target: 5, syn: new SynSpec("static_synapse", weight: 1.0, delay: 1.0));
        sim.Connect([65_537], target: 69_000, syn: new SynSpec("static_synapse", weight: 1.0, delay: 2.0));
        sim.Connect(parrots, recorder);
        sim.Simulate(10.0);

        var events = sim.GetStatus(recorder).Get<StatusDictionary>("events");
        var spikes = events.Get<int[]>("senders").Zip(events.Get<double[]>("times")).OrderBy(e => e.Second).ThenBy(e => e.First).ToArray();
        (int, double)[] expected = [.. first.Select(id => (id, 2.0)), (5, 3.0), (69_000, 4.0)];
        Assert.That(spikes, Is.EqualTo(expected));
    }
}
