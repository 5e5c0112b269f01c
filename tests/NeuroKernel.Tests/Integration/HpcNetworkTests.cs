using NeuroKernel.Samples.Hpc;

namespace NeuroKernel.Tests.Integration;

/// <summary>
/// NEST's HPC benchmark network as samples/HpcBenchmark builds it: the weight and drive hpc_benchmark.py computes, NEST's
/// connection count, and the same spikes and plastic weights for 1 and 2 threads (at scale 0.1: 1,125 neurons, still
/// 11,250 inputs each, 12.7 million connections).
/// </summary>
[TestFixture]
public class HpcNetworkTests
{
    /// <summary>hpc_benchmark.py's values: JE_pA = 0.14 / convert_synapse_weight (Lambert W), and nu_ext·CE·1000 (Hz).</summary>
    [Test]
    public void Weight_and_drive_are_the_scripts()
    {
        Assert.That(HpcNetwork.ExcitatoryWeight, Is.EqualTo(45.609600316540956).Within(1e-9));
        Assert.That(HpcNetwork.ExternalRate(9000), Is.EqualTo(20856.037200898867).Within(1e-6));
    }

    [Test]
    [Category("Slow")]
    public void Connections_are_NESTs_and_threads_give_the_same_spikes()
    {
        (long Connections, double[] Times, int[] Senders, double[] Weights) Run(int threads)
        {
            using var net = HpcNetwork.Build(0.1, threads);
            var sim = net.Simulator;
            sim.Simulate(50.0);
            var events = sim.GetStatus(net.Recorder).Get<StatusDictionary>("events");
            var plastic = sim.GetConnections(net.Excitatory[..3], net.Excitatory);
            return (sim.GetKernelStatus().Get<long>("num_connections"), events.Get<double[]>("times"), events.Get<int[]>("senders"),
                [.. Enumerable.Range(0, plastic.Count).OrderBy(i => (plastic.Source[i], plastic.Target[i], plastic.Weight[i])).Select(i => plastic.Weight[i])]);
        }

        var one = Run(1);
        // 1,125 neurons × (9,000 + 2,250) inputs, the Poisson generator to each, and 900 neurons to the recorder.
        Assert.That(one.Connections, Is.EqualTo(1125L * 11250 + 1125 + 900));
        Assert.That(one.Times, Is.Not.Empty);
        Assert.That(one.Weights.Distinct().Count(), Is.GreaterThan(1), "the plastic weights changed");
        var two = Run(2);
        Assert.That(two.Times, Is.EqualTo(one.Times));
        Assert.That(two.Senders, Is.EqualTo(one.Senders));
        Assert.That(two.Weights, Is.EqualTo(one.Weights));
    }
}
