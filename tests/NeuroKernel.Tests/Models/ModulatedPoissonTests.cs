#pragma warning disable CA1861 // inline arrays are the readable form of test inputs
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace NeuroKernel.Tests.Models;

/// <summary>
/// sinusoidal_poisson_generator and inhomogeneous_poisson_generator, statistically (their spikes repeated by parrot
/// neurons): the rate over the cycle or over the schedule's segments, independent trains per target (or one train for
/// all), and the same spikes for any thread count.
/// </summary>
[TestFixture]
public class ModulatedPoissonTests
{
    private const double Delay = 1.0;

    private static (int[] Senders, double[] Times) Run(string model, StatusDictionary parameters, int targets, double ms, int threads = 1)
    {
        using var sim = ModelProbe.NewSimulator(0.1, seed: 11);
        sim.SetKernelStatus(new StatusDictionary { ["local_num_threads"] = (long)threads });
        var generator = sim.Create(model, 1, parameters);
        var parrots = sim.Create(ModelNames.ParrotNeuron, targets);
        sim.Connect(generator, parrots, syn: new SynSpec(ModelNames.StaticSynapse, 1.0, Delay));
        var recorder = sim.Create(ModelNames.SpikeRecorder);
        sim.Connect(parrots, recorder);
        sim.Simulate(ms);
        return ModelProbe.Events(sim, recorder);
    }

    [Test]
    public void Sinusoidal_rate_over_the_cycle_matches_chi_square()
    {
        const double rate = 50.0, amplitude = 40.0, frequency = 10.0, phase = 30.0, ms = 2000.0;
        const int targets = 200, bins = 10;
        var (_, times) = Run("sinusoidal_poisson_generator",
            new() { ["rate"] = rate, ["amplitude"] = amplitude, ["frequency"] = frequency, ["phase"] = phase }, targets, ms);
        double period = 1000.0 / frequency;
        var observed = new double[bins];
        foreach (double t in times)
        {
            double sent = t - Delay;
            observed[(int)Math.Floor((sent % period) / period * bins) % bins]++;
        }

        // Expected: the rate at each stamp t = (k + 1)·h, summed per phase bin, over the stamps whose spikes arrived in time.
        var expected = new double[bins];
        for (int k = 0; (k + 1) * 0.1 + Delay <= ms; k++)
        {
            double t = (k + 1) * 0.1;
            double r = Math.Max(0.0, rate + amplitude * Math.Sin(2.0 * Math.PI * frequency / 1000.0 * t + phase * Math.PI / 180.0));
            expected[(int)Math.Floor(Math.Round((t % period) / period * bins, 9)) % bins] += targets * r * 0.1 / 1000.0;
        }

        double chi2 = observed.Zip(expected, (o, e) => (o - e) * (o - e) / e).Sum();
        double p = 1.0 - ChiSquared.CDF(bins - 1, chi2);
        Assert.That(p, Is.GreaterThan(1e-3), $"χ² = {chi2:F1} over {bins} phase bins; observed {string.Join(", ", observed)}; expected {string.Join(", ", expected.Select(e => e.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))}");
    }

    [Test]
    public void Trains_are_individual_or_shared_and_thread_independent()
    {
        StatusDictionary Parameters(bool individual) => new() { ["rate"] = 200.0, ["amplitude"] = 100.0, ["frequency"] = 5.0, ["individual_spike_trains"] = individual };
        var individual = Run("sinusoidal_poisson_generator", Parameters(true), 20, 500.0);
        var twoThreads = Run("sinusoidal_poisson_generator", Parameters(true), 20, 500.0, threads: 2);
        var shared = Run("sinusoidal_poisson_generator", Parameters(false), 20, 500.0);
        double[] TrainOf((int[] Senders, double[] Times) run, int sender) => [.. run.Times.Where((_, i) => run.Senders[i] == sender).Order()];
        int first = individual.Senders.Min();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(TrainOf(individual, first), Is.Not.EqualTo(TrainOf(individual, first + 1)), "individual trains differ");
            Assert.That(TrainOf(shared, first), Is.EqualTo(TrainOf(shared, first + 1)), "one train for all targets");
            Assert.That(TrainOf(shared, first), Is.Not.Empty);
            Assert.That(twoThreads.Senders.Zip(twoThreads.Times).Order(), Is.EqualTo(individual.Senders.Zip(individual.Times).Order()), "1 and 2 threads");
        }
    }

    [Test]
    public void Inhomogeneous_rates_hold_over_their_segments()
    {
        const int targets = 100;
        var (_, times) = Run("inhomogeneous_poisson_generator",
            new() { ["rate_times"] = new[] { 10.0, 500.0, 1000.0 }, ["rate_values"] = new[] { 200.0, 0.0, 50.0 } }, targets, 1500.0);
        double[] sent = [.. times.Select(t => t - Delay)];
        int CountIn(double from, double to) => sent.Count(t => t > from + 1e-9 && t <= to + 1e-9);
        // Spikes stamped in (a, b] carry the rate that starts at a (it is set one step ahead of its time).
        double first = targets * 200.0 * 0.490, third = targets * 50.0 * (0.499);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(CountIn(0.0, 9.9), Is.Zero, "before the first rate");
            Assert.That(CountIn(9.9, 499.9), Is.EqualTo(first).Within(4.5 * Math.Sqrt(first)), "200 Hz");
            Assert.That(CountIn(499.9, 999.9), Is.Zero, "0 Hz");
            Assert.That(CountIn(999.9, 1499.0), Is.EqualTo(third).Within(4.5 * Math.Sqrt(third)), "50 Hz");
        }
    }

    [Test]
    public void Bad_schedules_are_refused()
    {
        using var sim = new Simulator();
        using (Assert.EnterMultipleScope())
        {
            Assert.Throws<BadParameterException>(() => sim.Create("inhomogeneous_poisson_generator", 1, new() { ["rate_times"] = new[] { 1.0, 2.0 }, ["rate_values"] = new[] { 1.0 } }));
            Assert.Throws<BadPropertyException>(() => sim.Create("inhomogeneous_poisson_generator", 1, new() { ["rate_times"] = new[] { 2.0, 1.0 }, ["rate_values"] = new[] { 1.0, 1.0 } }));
            Assert.Throws<BadPropertyException>(() => sim.Create("inhomogeneous_poisson_generator", 1, new() { ["rate_times"] = new[] { 1.0 }, ["rate_values"] = new[] { -1.0 } }));
            Assert.Throws<BadPropertyException>(() => sim.Create("step_current_generator", 1, new() { ["amplitude_times"] = new[] { 1.05 }, ["amplitude_values"] = new[] { 1.0 } }));
            Assert.That(sim.GetKernelStatus().Get<long>("network_size"), Is.Zero);
        }
    }

    [Test]
    public void Mip_targets_copy_the_mother_train_with_p_copy()
    {
        const double rate = 1000.0, pCopy = 0.3, ms = 2000.0;
        const int targets = 50;
        var (senders, times) = Run("mip_generator", new() { ["rate"] = rate, ["p_copy"] = pCopy }, targets, ms);
        var trains = senders.Distinct().Order().Select(s => times.Where((_, i) => senders[i] == s).ToHashSet()).ToArray();
        double expected = rate * pCopy * (ms - Delay - 0.1) / 1000.0;
        // Two targets share a step when both copied at least one of its m ~ Poisson(λ) mother spikes:
        // P = E[(1 − (1 − p)^m)²] = 1 − 2·e^(−λp) + e^(−λ(1 − (1 − p)²)), about λp² per step.
        double lambda = rate * 0.1 / 1000.0, steps = (ms - Delay - 0.1) / 0.1;
        double shared = steps * (1.0 - 2.0 * Math.Exp(-lambda * pCopy) + Math.Exp(-lambda * (1.0 - (1.0 - pCopy) * (1.0 - pCopy))));
        double meanShared = Enumerable.Range(0, targets - 1).Average(k => trains[k].Intersect(trains[k + 1]).Count());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(trains, Has.Length.EqualTo(targets));
            Assert.That(trains.Average(t => t.Count), Is.EqualTo(expected).Within(4.5 * Math.Sqrt(expected / targets)), "rate·p_copy per target");
            Assert.That(meanShared, Is.EqualTo(shared).Within(4.5 * Math.Sqrt(shared / 4.0)), "coincidences of neighbouring targets");
            Assert.Throws<BadPropertyException>(() => Run("mip_generator", new() { ["p_copy"] = 1.5 }, 1, 1.0));
        }
    }

    [Test]
    public void Pulse_packets_have_their_activity_around_each_pulse_time()
    {
        const int activity = 400;
        const double sdev = 2.0;
        var (_, times) = Run("pulsepacket_generator", new() { ["pulse_times"] = new[] { 60.0, 20.0 }, ["activity"] = (long)activity, ["sdev"] = sdev }, 1, 100.0);
        double[][] packets = [[.. times.Where(t => t < 40.0 + Delay).Select(t => t - Delay)], [.. times.Where(t => t >= 40.0 + Delay).Select(t => t - Delay)]];
        var again = Run("pulsepacket_generator", new() { ["pulse_times"] = new[] { 20.0, 60.0 }, ["activity"] = (long)activity, ["sdev"] = sdev }, 1, 100.0);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(packets.Select(p => p.Length), Is.EqualTo(new[] { activity, activity }), "activity spikes per pulse (multiplicity recorded as spikes)");
            Assert.That(packets[0].Average(), Is.EqualTo(20.0).Within(4.0 * sdev / Math.Sqrt(activity)), "centred on the pulse");
            Assert.That(packets[1].Average(), Is.EqualTo(60.0).Within(4.0 * sdev / Math.Sqrt(activity)));
            // The grid adds a uniform rounding error of variance h²/12.
            Assert.That(Math.Sqrt(packets[0].Variance()), Is.EqualTo(Math.Sqrt(sdev * sdev + 0.01 / 12.0)).Within(0.15 * sdev), "spread sdev");
            Assert.That(again.Times, Is.EqualTo(times), "the pulse times are sorted: the same packets in any order");
        }
    }
}

