#pragma warning disable CA1861 // inline arrays are the readable form of test inputs
using MathNet.Numerics.Statistics;

namespace NeuroKernel.Tests.Models;

/// <summary>
/// gamma_sup_generator and ppd_sup_generator (superpositions of gamma processes and of Poisson processes with dead time),
/// statistically, through parrot neurons: rates, ISI regularity, the dead time, the modulation, independent targets, the
/// same spikes for any thread count and across a network change; NEST's defaults and checks.
/// </summary>
[TestFixture]
public class SuperpositionGeneratorTests
{
    private const double Delay = 1.0;

    private static (int[] Senders, double[] Times) Run(string model, StatusDictionary parameters, int targets, double ms, int threads = 1, long seed = 11, bool change = false)
    {
        using var sim = ModelProbe.NewSimulator(0.1, seed);
        sim.SetKernelStatus(new StatusDictionary { ["local_num_threads"] = (long)threads });
        var generator = sim.Create(model, 1, parameters);
        var parrots = sim.Create(ModelNames.ParrotNeuron, targets);
        sim.Connect(generator, parrots, syn: new SynSpec(ModelNames.StaticSynapse, 1.0, Delay));
        var recorder = sim.Create(ModelNames.SpikeRecorder);
        sim.Connect(parrots, recorder);
        if (change)
        {
            sim.Simulate(ms / 2);
            // A new connection rebuilds the store: every target keeps its state and stream.
            var other = sim.Create("iaf_psc_alpha");
            sim.Connect(parrots[0..1], other);
            sim.Simulate(ms / 2);
        }
        else
        {
            sim.Simulate(ms);
        }

        return ModelProbe.Events(sim, recorder);
    }

    private static double[] Isis(int[] senders, double[] times, int sender)
    {
        double[] own = [.. times.Where((_, i) => senders[i] == sender)];
        return [.. own.Zip(own.Skip(1), (a, b) => b - a)];
    }

    [TestCase("gamma_sup_generator")]
    [TestCase("ppd_sup_generator")]
    public void Defaults_are_NESTs(string model)
    {
        var nest = NestDefaults.Read(model);
        using var sim = new Simulator();
        var ours = sim.GetDefaults(model);
        string[] keys = [.. nest.EnumerateObject().Select(p => p.Name).Where(k => k is "rate" or "gamma_shape" or "n_proc" or "dead_time" or "frequency" or "relative_amplitude" or "start" or "stop" or "origin")];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(keys, Has.Length.GreaterThanOrEqualTo(6));
            foreach (string key in keys)
            {
                double actual = ours[key] is long l ? l : ours.Get<double>(key);
                Assert.That(actual, Is.EqualTo(NestDefaults.Number(nest.GetProperty(key))), key);
            }
        }
    }

    [TestCase("gamma_sup_generator", "gamma_shape", 0L, "The shape must be larger or equal 1")]
    [TestCase("gamma_sup_generator", "rate", -1.0, "The rate must be larger than 0.")]
    [TestCase("gamma_sup_generator", "n_proc", 0L, "The number of component processes cannot be smaller than one")]
    [TestCase("ppd_sup_generator", "dead_time", -1.0, "The dead time cannot be negative.")]
    [TestCase("ppd_sup_generator", "rate", 500.0, "The inverse rate has to be larger than the dead time")]
    [TestCase("ppd_sup_generator", "relative_amplitude", 1.5, "The relative amplitude of the rate modulation must be in [0,1].")]
    public void Bad_values_are_refused_with_NESTs_sentence(string model, string key, object value, string sentence)
    {
        using var sim = new Simulator();
        var generator = sim.Create(model, 1, model == "ppd_sup_generator" ? new StatusDictionary { ["dead_time"] = 2.0 } : null);
        var e = Assert.Throws<BadPropertyException>(() => sim.SetStatus(generator, new StatusDictionary { [key] = value }))!;
        Assert.That(e.Message, Does.Contain(sentence).And.Contain(key));
    }

    [Test]
    [Category("Statistical")]
    public void Gamma_superposition_fires_at_n_proc_times_the_rate()
    {
        const int targets = 20, nProc = 50;
        const double rate = 8.0, ms = 5000.0;
        var (senders, _) = Run("gamma_sup_generator", new() { ["rate"] = rate, ["gamma_shape"] = 3L, ["n_proc"] = (long)nProc }, targets, ms);
        double expected = targets * nProc * rate * (ms - Delay) / 1000.0;
        // The superposition's count variance is below Poisson's (a gamma process of shape k has Fano factor 1/k): 5 Poisson σ bound it.
        Assert.That(senders.Length, Is.InRange(expected - (5 * Math.Sqrt(expected)), expected + (5 * Math.Sqrt(expected))));
    }

    [Test]
    [Category("Statistical")]
    public void A_single_gamma_process_has_the_gammas_regularity()
    {
        const int shape = 4;
        var (senders, times) = Run("gamma_sup_generator", new() { ["rate"] = 40.0, ["gamma_shape"] = (long)shape, ["n_proc"] = 1L }, 10, 10000.0);
        double[] isis = [.. Enumerable.Range(senders.Min(), 10).SelectMany(s => Isis(senders, times, s))];
        double cv = isis.StandardDeviation() / isis.Mean();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(isis, Has.Length.GreaterThan(3000));
            Assert.That(isis.Mean(), Is.EqualTo(25.0).Within(0.5), "mean ISI 1000/rate ms");
            Assert.That(cv, Is.EqualTo(1.0 / Math.Sqrt(shape)).Within(0.03), "CV of a gamma process of shape k: 1/√k");
        }
    }

    [Test]
    [Category("Statistical")]
    public void Poisson_processes_with_dead_time_respect_it_and_keep_the_rate()
    {
        const double rate = 50.0, deadTime = 5.0;
        var (senders, times) = Run("ppd_sup_generator", new() { ["rate"] = rate, ["dead_time"] = deadTime, ["n_proc"] = 1L }, 10, 10000.0);
        double[] isis = [.. Enumerable.Range(senders.Min(), 10).SelectMany(s => Isis(senders, times, s))];
        // Mean ISI: dead time plus an exponential of mean 1000/rate − dead_time; its CV is (1000/rate − d)/(1000/rate).
        using (Assert.EnterMultipleScope())
        {
            Assert.That(isis.Min(), Is.GreaterThanOrEqualTo(deadTime), "no interval shorter than the dead time");
            Assert.That(isis.Mean(), Is.EqualTo(1000.0 / rate).Within(0.4));
            Assert.That(isis.StandardDeviation() / isis.Mean(), Is.EqualTo((1000.0 / rate - deadTime) / (1000.0 / rate)).Within(0.03));
        }
    }

    [Test]
    [Category("Statistical")]
    public void The_ppd_hazard_follows_its_modulation()
    {
        const double frequency = 5.0;
        var (_, times) = Run("ppd_sup_generator", new() { ["rate"] = 20.0, ["dead_time"] = 2.0, ["n_proc"] = 20L, ["frequency"] = frequency, ["relative_amplitude"] = 0.8 }, 20, 4000.0);
        // sin > 0 in the first half of each 200 ms period (sent times, before the delay).
        int rising = times.Count(t => ((t - Delay) % (1000.0 / frequency)) < 500.0 / frequency);
        Assert.That(rising, Is.GreaterThan(1.5 * (times.Length - rising)), $"{rising} of {times.Length} in the half-periods of higher hazard");
    }

    [TestCase("gamma_sup_generator")]
    [TestCase("ppd_sup_generator")]
    public void The_trains_are_the_same_for_any_thread_count_and_across_a_network_change_and_independent_per_target(string model)
    {
        var parameters = model == "gamma_sup_generator"
            ? new StatusDictionary { ["rate"] = 20.0, ["gamma_shape"] = 2L, ["n_proc"] = 30L }
            : new StatusDictionary { ["rate"] = 20.0, ["dead_time"] = 3.0, ["n_proc"] = 30L };
        var one = Run(model, parameters, 8, 1000.0);
        using (Assert.EnterMultipleScope())
        {
            foreach (var other in new[] { Run(model, parameters, 8, 1000.0, threads: 2), Run(model, parameters, 8, 1000.0, change: true), Run(model, parameters, 8, 1000.0, threads: 2, change: true) })
            {
                Assert.That(other.Senders, Is.EqualTo(one.Senders));
                Assert.That(other.Times, Is.EqualTo(one.Times));
            }

            Assert.That(Run(model, parameters, 8, 1000.0, seed: 12).Times, Is.Not.EqualTo(one.Times), "another seed");
            int first = one.Senders.Min();
            var a = one.Times.Where((_, i) => one.Senders[i] == first).Take(30);
            var b = one.Times.Where((_, i) => one.Senders[i] == first + 1).Take(30);
            Assert.That(a, Is.Not.EqualTo(b), "each target its own realization");
        }
    }
}
