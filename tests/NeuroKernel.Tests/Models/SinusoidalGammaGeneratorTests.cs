#pragma warning disable CA1861 // inline arrays are the readable form of test inputs
using MathNet.Numerics.Statistics;

namespace NeuroKernel.Tests.Models;

/// <summary>
/// sinusoidal_gamma_generator, statistically through parrot neurons: the gamma process's rate and regularity, the
/// modulation, individual or shared trains, the rate recordable, the same spikes for any thread count and across a
/// status change between runs; NEST's defaults and checks.
/// </summary>
[TestFixture]
public class SinusoidalGammaGeneratorTests
{
    private const string Model = "sinusoidal_gamma_generator";
    private const double Delay = 1.0;

    private static (int[] Senders, double[] Times) Run(StatusDictionary parameters, int targets, double ms, int threads = 1, long seed = 3, bool restate = false)
    {
        using var sim = ModelProbe.NewSimulator(0.1, seed);
        sim.SetKernelStatus(new StatusDictionary { ["local_num_threads"] = (long)threads });
        var generator = sim.Create(Model, 1, parameters);
        var parrots = sim.Create(ModelNames.ParrotNeuron, targets);
        sim.Connect(generator, parrots, syn: new SynSpec(ModelNames.StaticSynapse, 1.0, Delay));
        var recorder = sim.Create(ModelNames.SpikeRecorder);
        sim.Connect(parrots, recorder);
        if (restate)
        {
            sim.Simulate(ms / 2);
            // The same values again: the trains move on to the new run's start under them, and nothing changes.
            sim.SetStatus(generator, parameters);
            sim.Simulate(ms / 2);
        }
        else
        {
            sim.Simulate(ms);
        }

        return ModelProbe.Events(sim, recorder);
    }

    [Test]
    public void Defaults_are_NESTs()
    {
        var nest = NestDefaults.Read(Model);
        using var sim = new Simulator();
        var ours = sim.GetDefaults(Model);
        using (Assert.EnterMultipleScope())
        {
            foreach (string key in new[] { "rate", "amplitude", "frequency", "phase", "order", "start", "stop", "origin" })
            {
                Assert.That(ours.Get<double>(key), Is.EqualTo(NestDefaults.Number(nest.GetProperty(key))), key);
            }

            Assert.That(ours.Get<bool>("individual_spike_trains"), Is.True);
            Assert.That(ours.Get<string[]>(ParameterNames.Recordables), Is.EqualTo(new[] { "rate" }));
        }
    }

    [Test]
    public void Bad_values_get_NESTs_sentences_and_individual_trains_are_a_model_default()
    {
        using var sim = new Simulator();
        var generator = sim.Create(Model, 1, new StatusDictionary { ["rate"] = 10.0 });
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Assert.Throws<BadPropertyException>(() => sim.SetStatus(generator, new StatusDictionary { ["order"] = 0.5 }))!.Message,
                Does.Contain("The gamma order must be at least 1."));
            Assert.That(Assert.Throws<BadPropertyException>(() => sim.SetStatus(generator, new StatusDictionary { ["amplitude"] = 20.0 }))!.Message,
                Does.Contain("Rate parameters must fulfill 0 <= amplitude <= rate."));
            Assert.That(Assert.Throws<BadPropertyException>(() => sim.SetStatus(generator, new StatusDictionary { ["individual_spike_trains"] = false }))!.Message,
                Does.Contain("can only be set as a model default using SetDefaults or upon CopyModel"));
            Assert.DoesNotThrow(() => sim.CopyModel(Model, "shared_gamma", new StatusDictionary { ["individual_spike_trains"] = false }));
            Assert.That(sim.GetStatus(sim.Create("shared_gamma")[0]).Get<bool>("individual_spike_trains"), Is.False);
        }
    }

    [Test]
    [Category("Statistical")]
    public void A_constant_rate_gives_a_gamma_process_of_its_order()
    {
        const double order = 3.0, rate = 40.0;
        var (senders, times) = Run(new() { ["rate"] = rate, ["order"] = order }, 10, 10000.0);
        double[] isis = [.. Enumerable.Range(senders.Min(), 10).SelectMany(s =>
        {
            double[] own = [.. times.Where((_, i) => senders[i] == s)];
            return own.Zip(own.Skip(1), (a, b) => b - a);
        })];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(isis, Has.Length.GreaterThan(3000));
            Assert.That(isis.Mean(), Is.EqualTo(1000.0 / rate).Within(0.5), "mean ISI 1000/rate ms");
            Assert.That(isis.StandardDeviation() / isis.Mean(), Is.EqualTo(1.0 / Math.Sqrt(order)).Within(0.03), "CV 1/√order");
        }
    }

    [Test]
    [Category("Statistical")]
    public void The_rate_follows_the_sinusoid()
    {
        const double frequency = 4.0;
        var (_, times) = Run(new() { ["rate"] = 60.0, ["amplitude"] = 50.0, ["frequency"] = frequency, ["order"] = 2.0 }, 40, 5000.0);
        int rising = times.Count(t => ((t - Delay) % (1000.0 / frequency)) < 500.0 / frequency);
        using (Assert.EnterMultipleScope())
        {
            // Mean rate 60 Hz over whole periods: 40 trains × 60 Hz × 5 s = 12,000 spikes.
            Assert.That(times.Length, Is.InRange(12000 * 0.9, 12000 * 1.1));
            Assert.That(rising, Is.GreaterThan(2 * (times.Length - rising)), "sin > 0 in the first half of each period");
        }
    }

    [Test]
    public void Trains_are_individual_or_shared_and_the_same_for_any_thread_count()
    {
        var parameters = new StatusDictionary { ["rate"] = 30.0, ["amplitude"] = 20.0, ["frequency"] = 10.0, ["order"] = 2.0 };
        var one = Run(parameters, 6, 1000.0);
        using var sim = ModelProbe.NewSimulator(0.1, 3);
        sim.SetDefaults(Model, new StatusDictionary { ["individual_spike_trains"] = false });
        var generator = sim.Create(Model, 1, parameters);
        var parrots = sim.Create(ModelNames.ParrotNeuron, 3);
        sim.Connect(generator, parrots);
        var recorder = sim.Create(ModelNames.SpikeRecorder);
        sim.Connect(parrots, recorder);
        sim.Simulate(1000.0);
        var (sharedSenders, sharedTimes) = ModelProbe.Events(sim, recorder);
        using (Assert.EnterMultipleScope())
        {
            foreach (var other in new[] { Run(parameters, 6, 1000.0, threads: 2), Run(parameters, 6, 1000.0, restate: true) })
            {
                Assert.That(other.Senders, Is.EqualTo(one.Senders));
                Assert.That(other.Times, Is.EqualTo(one.Times));
            }

            int first = one.Senders.Min();
            Assert.That(one.Times.Where((_, i) => one.Senders[i] == first), Is.Not.EqualTo(one.Times.Where((_, i) => one.Senders[i] == first + 1)), "individual trains differ");
            int s0 = sharedSenders.Min();
            var shared = Enumerable.Range(s0, 3).Select(s => sharedTimes.Where((_, i) => sharedSenders[i] == s).ToArray()).ToArray();
            Assert.That(shared[0], Is.Not.Empty);
            Assert.That(shared[1], Is.EqualTo(shared[0]), "one train for all");
            Assert.That(shared[2], Is.EqualTo(shared[0]));
        }
    }

    [Test]
    public void The_rate_recordable_is_the_rate_at_the_end_of_each_step()
    {
        using var sim = new Simulator();
        var generator = sim.Create(Model, 1, new StatusDictionary { ["rate"] = 30.0, ["amplitude"] = 20.0, ["frequency"] = 10.0, ["phase"] = 45.0 });
        var mm = MeterProbe.CreateMultimeter(sim, generator, 0.1, "rate");
        sim.Simulate(20.0);
        double[] rates = MeterProbe.Values(sim, mm, "rate");
        double[] expected = [.. Enumerable.Range(1, rates.Length).Select(k => 30.0 + (20.0 * Math.Sin((2.0 * Math.PI * 10.0 / 1000.0 * k * 0.1) + (Math.PI / 4.0))))];
        Assert.That(rates, Is.EqualTo(expected).Within(1e-9));
    }
}
