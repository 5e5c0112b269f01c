using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace NeuroKernel.Tests.Models;

/// <summary>
/// noise_generator: every target's current is its own N(mean, std) draw, held for dt; the currents are read back through
/// integrate-and-fire neurons that only integrate (tau_m 10⁹ ms, no threshold), against a dc_generator of 1 pA into a
/// twin neuron for the exact scale.
/// </summary>
[TestFixture]
public class NoiseGeneratorTests
{
    private static readonly StatusDictionary Integrator = new()
    {
        ["tau_m"] = 1e9, ["C_m"] = 1.0, ["E_L"] = 0.0, ["V_m"] = 0.0, ["V_reset"] = 0.0, ["V_th"] = 1e12, ["t_ref"] = 0.1,
    };

    /// <summary>Each target's current (pA) over one dt that covers the run, and the per-sample I of the generator.</summary>
    private static (double[] Currents, double[] Recorded) Run(int targets, int threads, double mean, double std, double dt, double ms)
    {
        using var sim = ModelProbe.NewSimulator(0.1, seed: 5);
        sim.SetKernelStatus(new StatusDictionary { ["local_num_threads"] = (long)threads });
        var noise = sim.Create("noise_generator", 1, new() { ["mean"] = mean, ["std"] = std, ["dt"] = dt });
        var dc = sim.Create(ModelNames.DcGenerator, 1, new() { ["amplitude"] = 1.0 });
        var neurons = sim.Create("iaf_psc_delta", targets, Integrator);
        var twin = sim.Create("iaf_psc_delta", 1, Integrator);
        sim.Connect(noise, neurons, syn: new SynSpec(ModelNames.StaticSynapse, 1.0, 1.0));
        sim.Connect(dc, twin, syn: new SynSpec(ModelNames.StaticSynapse, 1.0, 1.0));
        var mm = MeterProbe.CreateMultimeter(sim, noise, 0.1, "I");
        sim.Simulate(ms);
        double scale = sim.GetStatus(twin[0]).Get<double>("V_m");
        double[] currents = [.. Enumerable.Range(0, targets).Select(i => sim.GetStatus(neurons[i]).Get<double>("V_m") / scale)];
        return (currents, MeterProbe.Events(sim, mm).Get<double[]>("I"));
    }

    [Test]
    public void Each_target_draws_its_own_normal_current()
    {
        const double mean = 20.0, std = 100.0;
        const int n = 2000;
        var (currents, _) = Run(n, 1, mean, std, dt: 1000.0, ms: 4.0);
        double ks = currents.Order().Select((x, i) =>
        {
            double f = Normal.CDF(mean, std, x);
            return Math.Max(Math.Abs(f - (double)i / n), Math.Abs(f - (i + 1.0) / n));
        }).Max();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(currents.Distinct().Count(), Is.EqualTo(n), "every target its own current");
            Assert.That(ks, Is.LessThan(1.63 / Math.Sqrt(n)), "Kolmogorov–Smirnov against N(20, 100) (p > 0.01)");
            Assert.That(Correlation.Pearson(currents[..^1], currents[1..]), Is.InRange(-0.09, 0.09), "neighbouring targets independent");
        }
    }

    [Test]
    public void Currents_are_held_for_dt_and_the_same_on_two_threads()
    {
        var one = Run(100, 1, 0.0, 100.0, dt: 1.0, ms: 20.0);
        var two = Run(100, 2, 0.0, 100.0, dt: 1.0, ms: 20.0);
        double[] active = [.. one.Recorded.Where(i => i != 0.0)];
        var blocks = active.Chunk(10).ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(two.Currents, Is.EqualTo(one.Currents), "1 and 2 threads");
            Assert.That(two.Recorded, Is.EqualTo(one.Recorded));
            Assert.That(active, Has.Length.GreaterThanOrEqualTo(180));
            // I is the mean over the 100 targets: constant within each dt of 10 steps, new in the next one, about N(0, 10).
            Assert.That(blocks.SkipLast(1).All(b => b.Distinct().Count() == 1), "held within dt");
            Assert.That(blocks.Select(b => b[0]).Distinct().Count(), Is.EqualTo(blocks.Length), "redrawn every dt");
            Assert.That(blocks.Select(b => b[0]).StandardDeviation(), Is.InRange(4.0, 20.0), "sd of the mean of 100 draws of sd 100");
        }
    }

    [TestCase("std", -1.0)]
    [TestCase("std_mod", 1.0)]
    [TestCase("dt", 0.15)]
    [TestCase("dt", 0.0)]
    public void Bad_values_are_refused(string key, double value)
    {
        using var sim = new Simulator();
        Assert.Throws<BadPropertyException>(() => sim.Create("noise_generator", 1, new() { [key] = value }));
        Assert.That(sim.GetKernelStatus().Get<long>("network_size"), Is.Zero);
    }
}
