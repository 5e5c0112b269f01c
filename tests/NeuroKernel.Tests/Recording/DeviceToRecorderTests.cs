using NeuroKernel.Tests.Models;

namespace NeuroKernel.Tests.Recording;

/// <summary>
/// A spike recorder connected to a device that draws for each target (poisson_generator and its relatives): NEST allows
/// it, and the recorder records a realization of its own (NEST's DSSpikeEvent to one more target).
/// </summary>
[TestFixture]
public class DeviceToRecorderTests
{
    private static (int[] Senders, double[] Times) Record(int threads, long seed, bool pieces = false, bool rebuild = false)
    {
        using var sim = ModelProbe.NewSimulator(0.1, seed);
        sim.SetKernelStatus(new StatusDictionary { ["local_num_threads"] = (long)threads });
        var neurons = sim.Create("iaf_psc_alpha", 4);
        var generator = sim.Create(ModelNames.PoissonGenerator, 2, new StatusDictionary { [ParameterNames.Rate] = 1000.0 });
        var recorder = sim.Create(ModelNames.SpikeRecorder);
        sim.Connect(generator, neurons, syn: new SynSpec(ModelNames.StaticSynapse, 10.0, 1.0));
        sim.Connect(generator, recorder);
        if (pieces || rebuild)
        {
            sim.Simulate(500.0);
            if (rebuild)
            {
                // A new connection rebuilds the store: the recorder's streams go on where they were.
                sim.Connect(neurons[0..1], neurons[1..2]);
            }

            sim.Simulate(500.0);
        }
        else
        {
            sim.Simulate(1000.0);
        }

        return ModelProbe.Events(sim, recorder);
    }

    [Test]
    [Category("Statistical")]
    public void A_poisson_generator_feeds_a_spike_recorder_at_its_rate()
    {
        var (senders, times) = Record(1, 12345);
        int first = senders.Min();
        using (Assert.EnterMultipleScope())
        {
            // 1 kHz for 1 s per generator: 1000 spikes, σ ≈ 32; 5σ bounds.
            Assert.That(senders.Count(s => s == first), Is.InRange(1000 - 158, 1000 + 158));
            Assert.That(senders.Count(s => s == first + 1), Is.InRange(1000 - 158, 1000 + 158));
            Assert.That(times, Is.Ordered, "in time order");
            Assert.That(times.All(t => Math.Abs((t * 10.0) - Math.Round(t * 10.0)) < 1e-9), Is.True, "on the grid");
            var a = times.Where((_, i) => senders[i] == first).ToHashSet();
            var b = times.Where((_, i) => senders[i] == first + 1).ToHashSet();
            Assert.That(a.Intersect(b).Count(), Is.LessThan(300), "the two generators draw independently (about 10 % of steps coincide by chance)");
        }
    }

    [Test]
    public void The_recorded_trains_are_the_same_for_any_thread_count_and_across_a_store_rebuild()
    {
        var one = Record(1, 7);
        using (Assert.EnterMultipleScope())
        {
            foreach (var other in new[] { Record(2, 7), Record(1, 7, pieces: true), Record(2, 7, rebuild: true) })
            {
                Assert.That(other.Senders, Is.EqualTo(one.Senders));
                Assert.That(other.Times, Is.EqualTo(one.Times));
            }

            Assert.That(Record(1, 8).Times, Is.Not.EqualTo(one.Times), "another seed draws other trains");
        }
    }

    [Test]
    public void Two_recorders_and_a_repeated_connection_each_get_a_train_of_their_own()
    {
        using var sim = ModelProbe.NewSimulator(0.1, 3);
        var generator = sim.Create(ModelNames.PoissonGenerator, 1, new StatusDictionary { [ParameterNames.Rate] = 2000.0, ["start"] = 100.0, ["stop"] = 300.0 });
        var recorders = sim.Create(ModelNames.SpikeRecorder, 2);
        sim.Connect(generator, recorders);
        sim.Connect(generator, recorders[0..1]);
        sim.Simulate(400.0);
        var (_, first) = ModelProbe.Events(sim, recorders[0..1]);
        var (_, second) = ModelProbe.Events(sim, recorders[1..2]);
        using (Assert.EnterMultipleScope())
        {
            // 2 kHz over 200 ms: 400 per train (σ 20); the first recorder has two trains.
            Assert.That(second, Has.Length.InRange(300, 500));
            Assert.That(first, Has.Length.InRange(700, 900));
            Assert.That(first.Concat(second).All(t => t > 100.0 && t <= 300.0), Is.True, "only while the generator is active");
            Assert.That(second.Take(50), Is.Not.EqualTo(first.Take(50)));
        }
    }

    [Test]
    [Category("Statistical")]
    public void A_sinusoidal_poisson_generator_feeds_a_spike_recorder_too()
    {
        using var sim = ModelProbe.NewSimulator(0.1, 5);
        var generator = sim.Create("sinusoidal_poisson_generator", 1, new StatusDictionary { ["rate"] = 500.0, ["amplitude"] = 400.0, ["frequency"] = 10.0 });
        var recorder = sim.Create(ModelNames.SpikeRecorder);
        sim.Connect(generator, recorder);
        sim.Simulate(2000.0);
        var (_, times) = ModelProbe.Events(sim, recorder);
        // The mean rate over whole periods is 500 Hz: 1000 spikes (σ ≈ 32). Rising half-periods carry more than falling ones.
        int rising = times.Count(t => (t % 100.0) is > 0.0 and <= 50.0);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(times, Has.Length.InRange(1000 - 158, 1000 + 158));
            Assert.That(rising, Is.GreaterThan(times.Length - rising + 200));
        }
    }
}
