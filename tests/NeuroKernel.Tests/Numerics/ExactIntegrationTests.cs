using MathNet.Numerics.Integration;
using NeuroKernel.Numerics;

namespace NeuroKernel.Tests.Numerics;

/// <summary>
/// The exact-integration propagators against numerical quadrature of their defining integrals
/// (Rotter &amp; Diesmann 1999), across the tau_syn ≈ tau_m singularity and the switch between series and
/// closed form.
/// </summary>
/// <remarks>
/// The definitions (C = C_m, over one step h):
/// <list type="bullet">
/// <item>P30 = (1/C) ∫₀ʰ e^{−(h−s)/tau_m} ds — membrane response to a constant 1 pA;</item>
/// <item>P32 = (1/C) ∫₀ʰ e^{−(h−s)/tau_m} e^{−s/tau_syn} ds — response to a current decaying from 1 pA;</item>
/// <item>P31 = (1/C) ∫₀ʰ e^{−(h−s)/tau_m} s e^{−s/tau_syn} ds — response to the alpha current's derivative state.</item>
/// </list>
/// The quadrature is composite 32-point Gauss–Legendre on panels no wider than the shortest time constant, so
/// the integrand changes by at most a factor e per panel and each panel is exact to rounding; all terms are
/// positive, so the sum is accurate to a few ulps. Hence the 1e-12 relative bound is set by the propagators.
/// </remarks>
[TestFixture]
public class ExactIntegrationTests
{
    private const double Relative = 1e-12;
    private const double CM = 250.0;

    /// <summary>|tau_syn − tau_m| from 1e-12 to 10 ms, on both sides where tau_syn stays positive.</summary>
    private static readonly double[] Offsets =
        [1e-12, 1e-11, 1e-10, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 0.5, 1.0, 2.0, 5.0, 10.0];

    private static readonly double[] Resolutions = [0.01, 0.1, 1.0];

    private static readonly double[] MembraneTimeConstants = [20.0, 10.0, 2.0];

    public static IEnumerable<TestCaseData> SweepCases()
    {
        foreach (double tauM in MembraneTimeConstants)
        {
            foreach (double h in Resolutions)
            {
                yield return new TestCaseData(tauM, tauM, h).SetArgDisplayNames($"tau_m={tauM}", "tau_syn=tau_m", $"h={h}");
                foreach (double d in Offsets)
                {
                    foreach (double sign in new[] { -1.0, 1.0 })
                    {
                        double tauSyn = tauM + (sign * d);
                        if (tauSyn > 0.0)
                        {
                            yield return new TestCaseData(tauM, tauSyn, h)
                                .SetArgDisplayNames($"tau_m={tauM}", $"tau_syn=tau_m{(sign < 0 ? "-" : "+")}{d:g}", $"h={h}");
                        }
                    }
                }
            }
        }
    }

    /// <summary>Cases around the switch from series to closed form at |x| = |1/tau_m − 1/tau_syn|·h = 0.5.</summary>
    public static IEnumerable<TestCaseData> SeriesBoundaryCases()
    {
        const double tauM = 1.0, h = 1.0;
        foreach (double x in new[] { 0.5, -0.5 })
        {
            foreach (double e in new[] { -1e-9, -1e-15, 0.0, 1e-15, 1e-9, 1e-3, -1e-3 })
            {
                // x = (1/tau_m − 1/tau_syn)·h  ⇒  tau_syn = 1/(1/tau_m − x/h)
                double xi = x * (1 + e);
                double tauSyn = 1.0 / ((1.0 / tauM) - (xi / h));
                yield return new TestCaseData(tauM, tauSyn, h).SetArgDisplayNames($"x={xi:R}", $"tau_syn={tauSyn:R}", $"h={h}");
            }
        }
    }

    /// <summary>Time constants far apart, where exponentials of h/tau can over- or underflow.</summary>
    public static IEnumerable<TestCaseData> ExtremeCases()
    {
        yield return new TestCaseData(0.5, 20.0, 0.1);
        yield return new TestCaseData(20.0, 0.1, 1.0);
        yield return new TestCaseData(0.01, 100.0, 1.0);
        yield return new TestCaseData(100.0, 0.01, 1.0);
        yield return new TestCaseData(0.1, 10.0, 20.0);
        yield return new TestCaseData(10.0, 0.1, 20.0);
        yield return new TestCaseData(0.001, 2.0, 1.0); // h/tau_m = 1000: e^{h/tau_m} overflows
        yield return new TestCaseData(2.0, 0.001, 1.0); // h/tau_syn = 1000
    }

    [TestCase(10.0, 0.1)]
    [TestCase(10.0, 1.0)]
    [TestCase(20.0, 0.1)]
    [TestCase(20.0, 1.0)]
    [TestCase(20.0, 0.01)]
    [TestCase(2.0, 0.1)]
    [TestCase(5.0, 0.1)]
    [TestCase(1.0, 0.1)]
    [TestCase(0.1, 1.0)]
    [TestCase(100.0, 0.1)]
    public void P30_equals_the_integral_of_the_membrane_kernel(double tauM, double h)
    {
        double expected = Quadrature(s => Math.Exp(-(h - s) / tauM), h, tauM) / CM;

        Assert.That(ExactIntegration.P30(tauM, CM, h), Is.EqualTo(expected).Within(Relative * expected));
    }

    [TestCaseSource(nameof(SweepCases))]
    [TestCaseSource(nameof(SeriesBoundaryCases))]
    [TestCaseSource(nameof(ExtremeCases))]
    public void P32_equals_the_integral_of_the_exponential_current_response(double tauM, double tauSyn, double h)
    {
        double expected = DefiningP32(tauM, tauSyn, h);

        Assert.That(ExactIntegration.P32(tauSyn, tauM, CM, h), Is.EqualTo(expected).Within(Relative * expected));
    }

    [TestCaseSource(nameof(SweepCases))]
    [TestCaseSource(nameof(SeriesBoundaryCases))]
    [TestCaseSource(nameof(ExtremeCases))]
    public void P31_equals_the_integral_of_the_alpha_derivative_response(double tauM, double tauSyn, double h)
    {
        double expected = DefiningP31(tauM, tauSyn, h);

        Assert.That(ExactIntegration.P31(tauSyn, tauM, CM, h), Is.EqualTo(expected).Within(Relative * expected));
    }

    [Test]
    public void At_tau_syn_equal_to_tau_m_the_propagators_take_their_closed_singular_forms()
    {
        // tau_syn = tau_m = tau: P32 = (h/C) e^{−h/tau}, P31 = (h²/2C) e^{−h/tau}.
        using (Assert.EnterMultipleScope())
        {
            foreach (double tau in new[] { 0.5, 2.0, 10.0, 20.0 })
            {
                foreach (double h in Resolutions)
                {
                    double p32 = h / CM * Math.Exp(-h / tau);
                    double p31 = h * h / (2 * CM) * Math.Exp(-h / tau);
                    Assert.That(ExactIntegration.P32(tau, tau, CM, h), Is.EqualTo(p32).Within(4e-16 * p32), $"P32 tau={tau} h={h}");
                    Assert.That(ExactIntegration.P31(tau, tau, CM, h), Is.EqualTo(p31).Within(4e-16 * p31), $"P31 tau={tau} h={h}");
                }
            }
        }
    }

    [TestCase(10.0, 0.1)]
    [TestCase(20.0, 1.0)]
    [TestCase(2.0, 0.1)]
    public void Propagators_converge_to_the_singular_value_as_tau_syn_approaches_tau_m(double tauM, double h)
    {
        // |∂P/∂tau_syn| ≤ P·h/tau_syn² near the singularity (P32 = (h/C)e^{−h/tau_m}·φ(x), φ'/φ ≤ 1 for |x| ≤ 0.5,
        // dx/dtau_syn = h/tau_syn²; likewise for P31), so |P(tau_m + d) − P(tau_m)| ≤ 1.3·P·h·|d|/tau_m² for
        // |d| ≤ 0.1·tau_m. Checked on 10 points per decade from 1e-15 to 1e-1 relative offsets, both sides.
        double p32 = ExactIntegration.P32(tauM, tauM, CM, h);
        double p31 = ExactIntegration.P31(tauM, tauM, CM, h);
        using (Assert.EnterMultipleScope())
        {
            for (int k = -150; k <= -10; k++)
            {
                foreach (double sign in new[] { -1.0, 1.0 })
                {
                    double d = sign * tauM * Math.Pow(10, k / 10.0);
                    double tauSyn = tauM + d;
                    double lipschitz = 1.3 * h * Math.Abs(d) / (tauM * tauM);
                    Assert.That(
                        ExactIntegration.P32(tauSyn, tauM, CM, h),
                        Is.EqualTo(p32).Within((lipschitz + 4e-16) * p32),
                        $"P32 at tau_syn = tau_m + {d:R}");
                    Assert.That(
                        ExactIntegration.P31(tauSyn, tauM, CM, h),
                        Is.EqualTo(p31).Within((lipschitz + 4e-16) * p31),
                        $"P31 at tau_syn = tau_m + {d:R}");
                }
            }
        }
    }

    [TestCase(10.0, 0.1, 10.0)] // across the singularity
    [TestCase(1.0, 1.0, 2.0)] // across x = +0.5 (series → closed form)
    [TestCase(1.0, 1.0, 2.0 / 3.0)] // across x = −0.5
    public void Propagators_increase_strictly_with_tau_syn_across_branch_points(double tauM, double h, double centre)
    {
        // A slower synaptic decay always delivers more charge within the step, so P31 and P32 increase with
        // tau_syn. 2001 points spaced 1e-6 relative: the steps (≳1e-9 relative) are far above rounding, so a
        // jump between formulas or a wrong branch shows as a violation of strict monotonicity.
        double[] tauSyn = [.. Enumerable.Range(-1000, 2001).Select(i => centre * (1 + (i * 1e-6)))];
        double[] p32 = [.. tauSyn.Select(t => ExactIntegration.P32(t, tauM, CM, h))];
        double[] p31 = [.. tauSyn.Select(t => ExactIntegration.P31(t, tauM, CM, h))];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(p32, Is.Ordered.Ascending);
            Assert.That(p31, Is.Ordered.Ascending);
            Assert.That(p32.Distinct().Count(), Is.EqualTo(p32.Length), "P32 strictly increasing");
            Assert.That(p31.Distinct().Count(), Is.EqualTo(p31.Length), "P31 strictly increasing");
            Assert.That(p32.Concat(p31), Has.All.Matches<double>(double.IsFinite));
        }
    }

    [Test]
    public void ExpM1OverX_is_one_at_zero_and_matches_its_definition_away_from_it()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ExactIntegration.ExpM1OverX(0.0), Is.EqualTo(1.0));
            foreach (double x in new[] { -30.0, -2.0, -0.5, -0.4999, -0.1, -1e-8, 1e-8, 0.1, 0.4999, 0.5, 2.0, 30.0 })
            {
                // ∫₀¹ e^{x u} du, the defining integral of expm1(x)/x.
                double expected = Quadrature(u => Math.Exp(x * u), 1.0, 1.0 / Math.Max(1.0, Math.Abs(x)));
                Assert.That(ExactIntegration.ExpM1OverX(x), Is.EqualTo(expected).Within(Relative * expected), $"x = {x}");
            }
        }
    }

    private static double DefiningP32(double tauM, double tauSyn, double h) =>
        Quadrature(s => Math.Exp(-(h - s) / tauM) * Math.Exp(-s / tauSyn), h, Math.Min(tauM, tauSyn)) / CM;

    private static double DefiningP31(double tauM, double tauSyn, double h) =>
        Quadrature(s => Math.Exp(-(h - s) / tauM) * s * Math.Exp(-s / tauSyn), h, Math.Min(tauM, tauSyn)) / CM;

    /// <summary>∫₀ᵇ f, composite 32-point Gauss–Legendre with panels no wider than <paramref name="scale"/>.</summary>
    private static double Quadrature(Func<double, double> f, double b, double scale)
    {
        int panels = (int)Math.Clamp(Math.Ceiling(b / scale), 1, 100_000);
        double width = b / panels, sum = 0.0;
        for (int i = 0; i < panels; i++)
        {
            sum += GaussLegendreRule.Integrate(f, i * width, (i + 1) * width, 32);
        }

        return sum;
    }
}
