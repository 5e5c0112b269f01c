using MathNet.Numerics.Distributions;
using NeuroKernel.Random;

namespace NeuroKernel.Tests.Models;

/// <summary>
/// <c>poisson_generator</c>: the Poisson sampler's distribution (χ² goodness of fit), NEST's published
/// mean-membrane-potential test, independence of the per-target trains, seeding, the activity window and
/// validation. Seeds are fixed, so every statistical test is deterministic; its threshold says how unlikely a
/// failure of a correct implementation would be for a seed drawn at random.
/// </summary>
[TestFixture]
[Category("Statistical")]
public class PoissonGeneratorTests
{
    private const string Model = ModelNames.PoissonGenerator;

    // NEST's test_poisson_generator (mean V_m of targets driven by one generator): with these parameters the
    // stationary mean of V_m is R·rate·w·e·tau_syn = 20 mV.
    private const double TauM = 5.0, TauSyn = 0.5, Weight = 0.01, TargetMean = 20.0;
    private static readonly double MeanDrivingRate = 1000.0 * TargetMean / (Weight * TauM * Math.E * TauSyn);

    #region PoissonSampler distribution

    /// <summary>
    /// The vectorized AddDraws (eight streams at a time, contiguous or scattered targets, tails beyond the
    /// unrolled comparisons) must give exactly what one scalar draw per stream gives, for every length.
    /// </summary>
    [TestCase(1.78, false)]
    [TestCase(1.78, true)]
    [TestCase(0.02, true)]
    [TestCase(0.5, false)]
    [TestCase(3.0, true)]
    [TestCase(5.0, false)]
    [TestCase(12.5, false)]
    [TestCase(39.0, true)]
    public void AddDraws_equals_scalar_draws(double mean, bool contiguous)
    {
        var sampler = new PoissonSampler(mean);
        var rng = new System.Random(5);
        foreach (int length in new[] { 0, 1, 7, 8, 9, 63, 1000 })
        {
            ulong[] streams = [.. Enumerable.Range(0, length).Select(i => SplitMix64.Derive(99, (ulong)length, (ulong)i))];
            ushort[] targets = contiguous
                ? [.. Enumerable.Range(0, length).Select(i => (ushort)(3 + i))]
                : [.. Enumerable.Range(0, length).Select(_ => (ushort)rng.Next(50))];
            Assert.That(PoissonSampler.AreContiguous(targets), Is.EqualTo(contiguous || length <= 1));
            var expectedSlot = new double[1100];
            var expectedStreams = (ulong[])streams.Clone();
            for (int j = 0; j < length; j++)
            {
                expectedSlot[targets[j]] += 2.5 * sampler.Sample(ref expectedStreams[j]);
            }

            var slot = new double[1100];
            for (int repeat = 0; repeat < 50; repeat++)
            {
                // Many calls, so that counts beyond the branch-free comparisons occur.
                sampler.AddDraws(streams, targets, slot, 2.5, contiguous);
                if (repeat > 0)
                {
                    continue;
                }

                Assert.That(slot, Is.EqualTo(expectedSlot), $"length {length}");
                Assert.That(streams, Is.EqualTo(expectedStreams), $"length {length}");
            }

            for (int repeat = 1; repeat < 50; repeat++)
            {
                for (int j = 0; j < length; j++)
                {
                    expectedSlot[targets[j]] += 2.5 * sampler.Sample(ref expectedStreams[j]);
                }
            }

            Assert.That(slot, Is.EqualTo(expectedSlot), $"length {length} after 50 calls");
        }
    }

    /// <summary>
    /// Small means (Brunel's 1.78 per step) take the guide-table path on AVX-512 VBMI hardware; the test above then
    /// checks it against the scalar draws. Large means keep the comparisons.
    /// </summary>
    [Test]
    public void Small_means_use_the_guide_table_where_the_hardware_has_it()
    {
        Assume.That(System.Runtime.Intrinsics.X86.Avx512Vbmi.IsSupported, "AVX-512 VBMI");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(new PoissonSampler(1.78).IsGuided, Is.True);
            Assert.That(new PoissonSampler(0.02).IsGuided, Is.True);
            Assert.That(new PoissonSampler(39.0).IsGuided, Is.False);
        }
    }

    [TestCase(0.1, 11UL)]
    [TestCase(1.78, 12UL)]
    [TestCase(10.0, 13UL)]
    [TestCase(29.43, 14UL)] // the per-step mean of the published test below (h = 0.1 ms)
    [TestCase(39.0, 15UL)] // largest means served by the table
    [TestCase(40.0, 16UL)]
    [TestCase(50.0, 17UL)] // large-mean path
    [TestCase(250.0, 18UL)]
    public void Sampler_counts_follow_the_poisson_distribution(double mean, ulong seed)
    {
        const int draws = 200_000;
        var sampler = new PoissonSampler(mean);
        ulong state = seed;
        var histogram = new Dictionary<int, long>();
        double sum = 0.0, sumSq = 0.0;
        for (int i = 0; i < draws; i++)
        {
            int n = sampler.Sample(ref state);
            histogram[n] = histogram.GetValueOrDefault(n) + 1;
            sum += n;
            sumSq += (double)n * n;
        }

        double pValue = ChiSquarePValue(histogram, new Poisson(mean), draws, out int bins);
        double sampleMean = sum / draws;
        double sampleVariance = (sumSq - (sum * sampleMean)) / (draws - 1);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(histogram.Keys, Has.All.GreaterThanOrEqualTo(0));
            Assert.That(bins, Is.GreaterThanOrEqualTo(2), "enough bins for a χ² test");

            // A correct sampler fails this for one seed in a thousand.
            Assert.That(pValue, Is.GreaterThan(1e-3), $"χ² goodness of fit over {bins} bins");

            // Mean and variance within 5 standard errors: var(mean) = λ/N, var(s²) ≈ (λ + 2λ²)/N.
            Assert.That(sampleMean, Is.EqualTo(mean).Within(5 * Math.Sqrt(mean / draws)), "mean");
            Assert.That(sampleVariance, Is.EqualTo(mean).Within(5 * Math.Sqrt((mean + (2 * mean * mean)) / draws)), "variance");
        }
    }

    [Test]
    public void Sampler_with_mean_zero_always_draws_zero()
    {
        var sampler = new PoissonSampler(0.0);
        ulong state = 99;
        int[] draws = [.. Enumerable.Range(0, 1000).Select(_ => sampler.Sample(ref state))];

        Assert.That(draws, Has.All.EqualTo(0));
    }

    [TestCase(1.78)]
    [TestCase(50.0)]
    public void Sampler_stream_is_reproducible_from_its_state(double mean)
    {
        var sampler = new PoissonSampler(mean);
        ulong a = 424242, b = 424242, c = 424243;
        int[] first = [.. Enumerable.Range(0, 1000).Select(_ => sampler.Sample(ref a))];
        int[] second = [.. Enumerable.Range(0, 1000).Select(_ => sampler.Sample(ref b))];
        int[] other = [.. Enumerable.Range(0, 1000).Select(_ => sampler.Sample(ref c))];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second, Is.EqualTo(first));
            Assert.That(a, Is.EqualTo(b), "the state advances identically");
            Assert.That(other, Is.Not.EqualTo(first));
        }
    }

    #endregion

    #region End to end through the Simulator

    [Test]
    public void Mean_membrane_potential_of_driven_targets_matches_nest_published_value()
    {
        // Shot noise (Campbell): the stationary V_m of one target has sd ≈ 0.34 mV, so the mean over 1000
        // independent targets has sd ≈ 0.011 mV; NEST's tolerance of 0.05 mV is 4.6 sd. 200 ms is 40 tau_m,
        // so the start transient (e^{−40}) is gone.
        using var sim = DrivenTargets(1000, seed: 2024, out var targets, out _);
        sim.Simulate(200.0);
        double[] v = sim.GetStatus<double>(targets, ParameterNames.VM);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(v.Average(), Is.EqualTo(TargetMean).Within(0.05));
            Assert.That(StandardDeviation(v), Is.EqualTo(0.343).Within(0.05), "shot-noise sd of V_m across targets");
        }
    }

    [Test]
    public void Each_target_receives_its_own_train()
    {
        using var sim = DrivenTargets(1000, seed: 7, out var targets, out _);
        sim.Simulate(50.0);
        double[] v = sim.GetStatus<double>(targets, ParameterNames.VM);

        // With ~29 input spikes per step over 500 steps, two equal trains (hence equal V_m) are impossible.
        Assert.That(v.Distinct().Count(), Is.EqualTo(v.Length));
    }

    [Test]
    public void Trains_of_different_targets_are_uncorrelated()
    {
        // V_m sampled every 2 ms over 2 s; for 200 disjoint pairs of targets the correlation coefficient of
        // their traces must centre on 0. Shared trains would give r = 1, partly shared ones r > 0.
        using var sim = DrivenTargets(400, seed: 31, out var targets, out _);
        sim.Simulate(50.0);
        double[][] samples = ModelProbe.SampleVm(sim, targets, 2.0, 1000);

        double[] r = [.. Enumerable.Range(0, 200).Select(p => Correlation(Column(samples, 2 * p), Column(samples, (2 * p) + 1)))];

        using (Assert.EnterMultipleScope())
        {
            // Samples 2 ms apart are autocorrelated (ρ ≈ e^{−2/5} = 0.67), so one coefficient has
            // sd ≈ √((1 + ρ²)/((1 − ρ²)·1000)) ≈ 0.051; the mean of 200 has sd ≈ 0.0036, and 0.018 is 5 sd.
            // The largest of 200 |r| exceeds 0.3 (5.9 sd) with probability ~1e-6.
            Assert.That(r.Average(), Is.EqualTo(0.0).Within(0.018));
            Assert.That(r, Has.All.InRange(-0.3, 0.3));
        }
    }

    [Test]
    public void Same_seed_gives_bit_identical_membrane_potentials_and_another_seed_does_not()
    {
        double[] Run(long seed)
        {
            using var sim = DrivenTargets(100, seed, out var targets, out _);
            sim.Simulate(50.0);
            return sim.GetStatus<double>(targets, ParameterNames.VM);
        }

        double[] first = Run(1234);
        double[] second = Run(1234);
        double[] other = Run(4321);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second, Is.EqualTo(first), "same seed");
            Assert.That(other.Zip(first).Count(p => p.First != p.Second), Is.EqualTo(first.Length), "different seed changes every target");
        }
    }

    [Test]
    public void Generator_is_silent_outside_its_start_stop_window()
    {
        // Active for spike stamps in (start, stop] = (100, 200] ms. The first possible spike (stamp 100.1) arrives
        // after the 1 ms delay in the step ending at 101.1 and first moves V_m at 101.2.
        using var sim = DrivenTargets(200, seed: 5, out var targets, out var generator);
        sim.SetStatus(generator, new StatusDictionary { [ParameterNames.Start] = 100.0, [ParameterNames.Stop] = 200.0 });

        sim.Simulate(101.1);
        double[] before = sim.GetStatus<double>(targets, ParameterNames.VM);
        sim.Simulate(0.1);
        double[] first = sim.GetStatus<double>(targets, ParameterNames.VM);
        sim.Simulate(98.9);
        double[] during = sim.GetStatus<double>(targets, ParameterNames.VM);
        sim.Simulate(200.0);
        double[] after = sim.GetStatus<double>(targets, ParameterNames.VM);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(before, Has.All.EqualTo(0.0), "no input before the window (E_L = V_m = 0)");
            Assert.That(first, Has.All.GreaterThan(0.0), "input from the first step of the window");
            Assert.That(during.Average(), Is.EqualTo(TargetMean).Within(0.15), "driven inside the window");

            // 200 ms after stop the membrane has relaxed by e^{−40}: 20 mV → < 1e-15 mV.
            Assert.That(after, Has.All.LessThan(1e-12), "no input after the window");
        }
    }

    #endregion

    #region Defaults and validation

    [Test]
    [Category("Reference")]
    public void Defaults_equal_nest_defaults()
    {
        var nest = ModelProbe.ReadJson("defaults/poisson_generator.json");
        using var sim = new Simulator();
        var ours = sim.GetDefaults(Model);

        using (Assert.EnterMultipleScope())
        {
            foreach (string key in new[] { "rate", "start", "stop", "origin" })
            {
                Assert.That(ours.Get<double>(key), Is.EqualTo(nest.GetProperty(key).GetDouble()), key);
            }

            Assert.That(ours.Get<string>("element_type"), Is.EqualTo(nest.GetProperty("element_type").GetString()));
        }
    }

    [TestCase("rate", -1.0, "rate")]
    [TestCase("rate", -1e-9, "rate")]
    [TestCase("rate", double.NaN, "rate")]
    [TestCase("rate", "fast", "rate")]
    [TestCase("start", double.NaN, "start")]
    [TestCase("frequency", 10.0, "frequency")]
    public void Invalid_parameter_throws_BadProperty_naming_it_and_changes_nothing(string key, object value, string property)
    {
        using var sim = new Simulator();
        var generator = sim.Create(Model, 2);
        var defaultsBefore = sim.GetDefaults(Model);
        var statusBefore = sim.GetStatus(generator);

        StatusDictionary Bad() => new() { [ParameterNames.Origin] = 5.0, [key] = value };
        Func<NUnit.Framework.Constraints.IResolveConstraint> rejected = () => Throws.TypeOf<BadPropertyException>()
            .With.Property(nameof(BadPropertyException.Property)).EqualTo(property)
            .And.Message.Contains(key).And.Message.Contains(ModelProbe.Describe(value));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => sim.SetDefaults(Model, Bad()), rejected(), "SetDefaults");
            Assert.That(() => sim.SetStatus(generator, Bad()), rejected(), "SetStatus");
            Assert.That(() => sim.Create(Model, 1, Bad()), rejected(), "Create");
            Assert.That(sim.GetDefaults(Model), Is.EqualTo(defaultsBefore));
            Assert.That(sim.GetStatus(generator), Is.EqualTo(statusBefore));
            Assert.That(sim.GetKernelStatus<long>(ParameterNames.NetworkSize), Is.EqualTo(2));
        }
    }

    [Test]
    public void Stop_before_start_throws_BadProperty_and_changes_nothing()
    {
        using var sim = new Simulator();
        var generator = sim.Create(Model, 1, new() { [ParameterNames.Start] = 100.0 });
        var before = sim.GetStatus(generator);

        using (Assert.EnterMultipleScope())
        {
            // Both given, and stop alone below the existing start.
            Assert.That(
                () => sim.SetStatus(generator, new StatusDictionary { [ParameterNames.Start] = 50.0, [ParameterNames.Stop] = 10.0 }),
                Throws.TypeOf<BadPropertyException>().With.Message.Contains("stop").And.Message.Contains("10"));
            Assert.That(
                () => sim.SetStatus(generator, new StatusDictionary { [ParameterNames.Stop] = 60.0, [ParameterNames.Rate] = 5.0 }),
                Throws.TypeOf<BadPropertyException>().With.Message.Contains("stop").And.Message.Contains("60"));
            Assert.That(
                () => sim.SetDefaults(Model, new() { [ParameterNames.Start] = 1.0, [ParameterNames.Stop] = 0.5 }),
                Throws.TypeOf<BadPropertyException>().With.Message.Contains("stop"));
            Assert.That(sim.GetStatus(generator), Is.EqualTo(before));
            Assert.That(sim.GetDefaults(Model).Get<double>(ParameterNames.Stop), Is.EqualTo(double.MaxValue));
        }
    }

    #endregion

    #region Helpers

    /// <summary>
    /// n iaf_psc_alpha targets (tau_m 5, tau_syn_ex 0.5, C_m 1, E_L = V_m = 0, V_th 999: they never fire), all
    /// driven by one poisson_generator at the rate that gives a mean V_m of 20 mV, weight 0.01, delay 1 ms.
    /// </summary>
    private static Simulator DrivenTargets(int n, long seed, out NodeCollection targets, out NodeCollection generator)
    {
        var sim = ModelProbe.NewSimulator(0.1, seed);
        targets = sim.Create(ModelNames.IafPscAlpha, n, new()
        {
            [ParameterNames.TauM] = TauM,
            [ParameterNames.TauSynExcitatory] = TauSyn,
            [ParameterNames.CM] = 1.0,
            [ParameterNames.EL] = 0.0,
            [ParameterNames.VM] = 0.0,
            [ParameterNames.VTh] = 999.0,
        });
        generator = sim.Create(Model, 1, new() { [ParameterNames.Rate] = MeanDrivingRate });
        sim.Connect(generator, targets, syn: new SynSpec(ModelNames.StaticSynapse, Weight, 1.0));
        return sim;
    }

    /// <summary>
    /// Pearson χ² of observed counts against the Poisson pmf, with bins merged from both tails until each expects
    /// at least 5 draws; the p-value has (bins − 1) degrees of freedom (the mean is given, not fitted).
    /// </summary>
    private static double ChiSquarePValue(Dictionary<int, long> histogram, Poisson expected, int draws, out int bins)
    {
        var observed = new List<double>();
        var wanted = new List<double>();
        double accObserved = 0.0, accWanted = 0.0;
        int kMax = Math.Max(histogram.Keys.Max(), (int)(expected.Lambda + (20 * Math.Sqrt(expected.Lambda)) + 20));
        for (int k = 0; k <= kMax; k++)
        {
            accObserved += histogram.GetValueOrDefault(k);
            accWanted += draws * expected.Probability(k);
            if (accWanted >= 5.0 && draws * (1.0 - expected.CumulativeDistribution(k)) >= 5.0)
            {
                observed.Add(accObserved);
                wanted.Add(accWanted);
                accObserved = accWanted = 0.0;
            }
        }

        // The upper tail (everything after the last closed bin) joins the last bin.
        observed[^1] += accObserved + histogram.Where(p => p.Key > kMax).Sum(p => p.Value);
        wanted[^1] += draws - wanted.Sum();
        double chi2 = observed.Zip(wanted, (o, e) => (o - e) * (o - e) / e).Sum();
        bins = observed.Count;
        return 1.0 - ChiSquared.CDF(bins - 1, chi2);
    }

    private static double[] Column(double[][] samples, int i) => [.. samples.Select(s => s[i])];

    private static double StandardDeviation(double[] x)
    {
        double m = x.Average();
        return Math.Sqrt(x.Sum(v => (v - m) * (v - m)) / (x.Length - 1));
    }

    private static double Correlation(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average();
        double cov = a.Zip(b, (x, y) => (x - ma) * (y - mb)).Sum();
        return cov / Math.Sqrt(a.Sum(x => (x - ma) * (x - ma)) * b.Sum(y => (y - mb) * (y - mb)));
    }

    #endregion
}
