using MathNet.Numerics.Distributions;

namespace NeuroKernel.Tests.Connectivity;

/// <summary>
/// The two-level test of NEST's <c>connect_test_base.py</c> (after Hjertholm's thesis): a Pearson χ² test per
/// network, then a Kolmogorov–Smirnov test that the χ² p-values of many networks are uniform on [0, 1].
/// </summary>
internal static class GoodnessOfFit
{
    /// <summary>Smallest expected count a χ² bin may have (NEST's e_min).</summary>
    public const double MinExpected = 5.0;

    /// <summary>
    /// NEST's test for the fixed-degree rules: the degrees of the pool nodes are the counts of a multinomial
    /// with equal cells, so Σ (dᵢ − E)² / (E·<paramref name="varianceFactor"/>) is χ² with (nodes − 1) degrees
    /// of freedom. The factor is 1 for draws with replacement (multapses allowed); for draws of distinct
    /// partners (multapses forbidden, k of n per driver) each driver adds a k-subset whose covariance is
    /// q(1 − q)·n/(n − 1)·(I − J/n) with q = k/n, so the factor is (1 − q)·n/(n − 1).
    /// </summary>
    /// <returns>The χ² p-value.</returns>
    public static double PerNodePValue(IReadOnlyList<int> degrees, double expected, double varianceFactor = 1.0)
    {
        Assert.That(expected, Is.GreaterThanOrEqualTo(MinExpected), "every node needs an expected degree of at least 5");
        double chi2 = 0.0;
        foreach (int d in degrees)
        {
            chi2 += (d - expected) * (d - expected);
        }

        chi2 /= expected * varianceFactor;
        return 1.0 - ChiSquared.CDF(degrees.Count - 1, chi2);
    }

    /// <summary>
    /// NEST's test for pairwise_bernoulli: the histogram of the degrees of <paramref name="degrees"/>.Count
    /// independent nodes against Binomial(<paramref name="n"/>, <paramref name="p"/>), with neighbouring
    /// degrees pooled (from both tails towards the mode) until each bin expects at least 5 nodes.
    /// </summary>
    /// <returns>The χ² p-value (bins − 1 degrees of freedom).</returns>
    public static double BinomialHistogramPValue(IReadOnlyList<int> degrees, int n, double p)
    {
        int nodes = degrees.Count;
        var observed = new double[n + 1];
        foreach (int d in degrees)
        {
            Assert.That(d, Is.InRange(0, n), "a degree outside the binomial's support");
            observed[d]++;
        }

        var expected = new double[n + 1];
        for (int k = 0; k <= n; k++)
        {
            expected[k] = Binomial.PMF(p, n, k) * nodes;
        }

        var (obs, exp) = Pool(observed, expected, (int)Math.Round(n * p));
        Assert.That(exp, Has.Length.GreaterThanOrEqualTo(3), "too few nodes for a χ² test");
        double chi2 = 0.0;
        for (int b = 0; b < exp.Length; b++)
        {
            chi2 += (obs[b] - exp[b]) * (obs[b] - exp[b]) / exp[b];
        }

        return 1.0 - ChiSquared.CDF(exp.Length - 1, chi2);
    }

    /// <summary>Pools bins from each end towards <paramref name="mid"/> until each expects at least <see cref="MinExpected"/>.</summary>
    private static (double[] Observed, double[] Expected) Pool(double[] observed, double[] expected, int mid)
    {
        var front = PoolFrom(observed, expected, Enumerable.Range(0, mid));
        var back = PoolFrom(observed, expected, Enumerable.Range(mid, expected.Length - mid).Reverse());
        back.Reverse();
        var all = front.Concat(back).ToList();
        return ([.. all.Select(b => b.Obs)], [.. all.Select(b => b.Exp)]);
    }

    private static List<(double Obs, double Exp)> PoolFrom(double[] observed, double[] expected, IEnumerable<int> order)
    {
        var bins = new List<(double Obs, double Exp)>();
        double o = 0.0, e = 0.0;
        foreach (int k in order)
        {
            o += observed[k];
            e += expected[k];
            if (e >= MinExpected)
            {
                bins.Add((o, e));
                o = e = 0.0;
            }
        }

        if (e > 0.0 || o > 0.0)
        {
            // The remainder next to the mode joins the last full bin.
            Assert.That(bins, Is.Not.Empty, "not enough expected counts on one side of the mode");
            bins[^1] = (bins[^1].Obs + o, bins[^1].Exp + e);
        }

        return bins;
    }

    /// <summary>
    /// The Kolmogorov–Smirnov p-value of <paramref name="samples"/> against a continuous CDF, from the
    /// asymptotic Kolmogorov distribution with Stephens' small-sample correction (Numerical Recipes'
    /// <c>ksone</c>): P(D &gt; d) ≈ Q((√n + 0.12 + 0.11/√n)·d).
    /// </summary>
    public static double KolmogorovSmirnovPValue(IEnumerable<double> samples, Func<double, double> cdf)
    {
        double d = KolmogorovSmirnovStatistic(samples, cdf, out int n);
        double sqrtN = Math.Sqrt(n);
        return KolmogorovQ((sqrtN + 0.12 + 0.11 / sqrtN) * d);
    }

    /// <summary>The KS p-value of p-values against the uniform distribution on [0, 1].</summary>
    public static double UniformPValue(IEnumerable<double> pValues) => KolmogorovSmirnovPValue(pValues, x => Math.Clamp(x, 0.0, 1.0));

    /// <summary>D = sup |Fₙ(x) − F(x)|.</summary>
    public static double KolmogorovSmirnovStatistic(IEnumerable<double> samples, Func<double, double> cdf, out int n)
    {
        double[] x = [.. samples.Order()];
        n = x.Length;
        Assert.That(n, Is.GreaterThan(0));
        double d = 0.0;
        for (int i = 0; i < n; i++)
        {
            double f = cdf(x[i]);
            d = Math.Max(d, Math.Max((i + 1.0) / n - f, f - (double)i / n));
        }

        return d;
    }

    /// <summary>Q_KS(λ) = 2 Σ_{j≥1} (−1)^{j−1} exp(−2 j² λ²), the Kolmogorov tail.</summary>
    public static double KolmogorovQ(double lambda)
    {
        if (lambda < 0.2)
        {
            return 1.0;
        }

        double sum = 0.0, sign = 1.0;
        for (int j = 1; j <= 100; j++)
        {
            double term = sign * Math.Exp(-2.0 * j * j * lambda * lambda);
            sum += term;
            if (Math.Abs(term) < 1e-12 * Math.Abs(sum))
            {
                break;
            }

            sign = -sign;
        }

        return Math.Clamp(2.0 * sum, 0.0, 1.0);
    }
}
