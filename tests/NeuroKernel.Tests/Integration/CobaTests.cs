using NeuroKernel.Samples.Coba;

namespace NeuroKernel.Tests.Integration;

/// <summary>The COBA sample's network (samples/Coba/CobaNetwork.cs): its size, self-sustained activity and thread independence.</summary>
[TestFixture]
[Category("Slow")]
public class CobaTests
{
    [Test]
    public void The_network_sustains_its_activity_and_is_the_same_on_one_and_two_threads()
    {
        (int[] Senders, double[] Times, long Connections) Run(int threads)
        {
            using var net = CobaNetwork.Build(threads, seed: 3);
            net.Simulator.Simulate(200.0);
            var (senders, times) = Models.ModelProbe.Events(net.Simulator, net.ExcitatorySpikes);
            return (senders, times, net.Simulator.GetKernelStatus().Get<long>("num_connections"));
        }

        var one = Run(1);
        var two = Run(2);
        double expected = CobaNetwork.NumNeurons * (double)CobaNetwork.NumNeurons * CobaNetwork.Probability;
        double sd = Math.Sqrt(expected * (1.0 - CobaNetwork.Probability));
        // Late spikes: activity is self-sustained (no external input), at a few to a few tens of Hz.
        double lateRate = one.Times.Count(t => t > 100.0) / 0.1 / CobaNetwork.NumExcitatory;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(one.Connections - CobaNetwork.NumNeurons, Is.EqualTo(expected).Within(5 * sd), "pairwise_bernoulli with p = 0.02 (recorders excluded)");
            Assert.That(lateRate, Is.InRange(5.0, 60.0), "excitatory rate over 100–200 ms (Hz)");
            Assert.That(two.Senders, Is.EqualTo(one.Senders));
            Assert.That(two.Times, Is.EqualTo(one.Times));
        }
    }
}
