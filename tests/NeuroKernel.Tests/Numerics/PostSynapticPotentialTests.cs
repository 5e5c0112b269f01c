using MathNet.Numerics.RootFinding;
using NeuroKernel.Numerics;
using NUnit.Framework;

namespace NeuroKernel.Tests.Numerics;


[TestFixture]
public class PostSynapticPotentialTests
{
    /// <summary>Spacing of doubles at 1 (2^-52).</summary>
    private const double Eps = 2.220446049250313e-16;

    // Parameters of NEST's brunel_alpha_numpy.py example.
    private const double SeedTauMem = 20.0;
    private const double SeedCMem = 250.0;
    private const double SeedTauSyn = 0.5;
    private const double SeedTheta = 20.0;
    private const double SeedCE = 1000.0;
    private const double SeedEta = 2.0;

    // Figures printed by that script under NEST 3.9 (see Reference/brunel_alpha_numpy.json).
    private const double NestJUnit = 0.004835553641724627;
    private const double NestJEx = 20.68015524367846;
    private const double NestPRate = 17789.007714721884;

    private static readonly double[] LowerBranchArguments =
    [
        Math.BitIncrement(-1.0 / Math.E), -0.3678794411, -0.367879, -0.3678, -0.367, -0.36, -0.35, -0.3, -0.26,
        -0.25, -0.24, -0.2, -0.1, -0.01, -1e-3, -1e-5, -1e-10, -1e-20, -1e-50, -1e-100, -1e-200, -1e-300,
    ];

    private static readonly double[] LowerBranchValues =
    [
        -1.0 - 1e-6, -1.001, -1.01, -1.1, -1.3, -1.5, -2.0, -2.5, -3.0, -5.0, -10.0, -30.0, -100.0, -300.0, -700.0,
    ];

    private static readonly double[] PrincipalBranchArguments =
    [
        Math.BitIncrement(-1.0 / Math.E), -0.3678794411, -0.367, -0.3, -0.26, -0.25, -0.2, -0.1, -1e-3, -1e-10,
        -1e-300, 1e-300, 1e-10, 0.1, 0.25, 0.3, 1.0, 2.0, Math.E, 3.0, 10.0, 1e3, 1e10, 1e100, 1e300,
    ];

    private static readonly double[] LowerBranchRejected =
    [
        0.0, -0.0, 1.0, -0.5, Math.BitDecrement(-1.0 / Math.E), double.NaN, double.NegativeInfinity,
        double.PositiveInfinity, double.Epsilon,
    ];

    private static readonly double[] PrincipalBranchRejected =
    [
        -0.5, -1.0, Math.BitDecrement(-1.0 / Math.E), double.NaN, double.NegativeInfinity,
    ];

    // (tauMem ms, tauSyn ms) pairs on both sides of tauMem == tauSyn.
    private static readonly object[] TimeConstantPairs =
    [
        new object[] { 20.0, 0.5 },
        new object[] { 10.0, 2.0 },
        new object[] { 5.0, 4.9 },
        new object[] { 10.0, 7.0 },
        new object[] { 7.0, 10.0 },
        new object[] { 2.0, 8.0 },
        new object[] { 0.5, 20.0 },
        new object[] { 100.0, 0.1 },
        new object[] { 0.1, 100.0 },
    ];

    [TestCaseSource(nameof(LowerBranchArguments))]
    public void Lambert_W_minus_one_satisfies_its_defining_equation(double x)
    {
        double w = PostSynapticPotential.LambertWm1(x);

        // A w with relative error k*eps moves w*e^w by about k*eps*|1 + w| relative to x.
        double tolerance = 8 * Eps * (2 + Math.Abs(w)) * Math.Abs(x);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(w, Is.LessThanOrEqualTo(-1.0));
            Assert.That(w * Math.Exp(w), Is.EqualTo(x).Within(tolerance));
        }
    }

    [TestCaseSource(nameof(LowerBranchValues))]
    public void Lambert_W_minus_one_inverts_w_times_exp_w(double w)
    {
        double x = w * Math.Exp(w);

        // Rounding x by ~2 eps moves W_-1(x) by ~2 eps |w / (1 + w)|.
        double tolerance = 4 * Eps * Math.Abs(w) * (1 + (1 / Math.Abs(1 + w)));
        Assert.That(PostSynapticPotential.LambertWm1(x), Is.EqualTo(w).Within(tolerance));
    }

    // Expected values: mpmath.lambertw(x, -1) at 60 digits, for the double x.
    [TestCase(-0.3678794411, -1.0000197080169009)]
    [TestCase(-0.36, -1.2227701339785062)]
    [TestCase(-0.3, -1.7813370234216277)]
    [TestCase(-0.25, -2.15329236411035)]
    [TestCase(-0.2, -2.5426413577735265)]
    [TestCase(-0.1, -3.577152063957297)]
    [TestCase(-1e-3, -9.11800647040274)]
    [TestCase(-1e-10, -26.295238819246926)]
    [TestCase(-1e-100, -235.72115887568532)]
    [TestCase(-1e-300, -697.3227762954601)]
    [TestCase(-5e-324, -751.0615595398791)]
    public void Lambert_W_minus_one_matches_high_precision_reference_values(double x, double expected)
    {
        Assert.That(PostSynapticPotential.LambertWm1(x), Is.EqualTo(expected).Within(4 * Eps * Math.Abs(expected)));
    }

    [TestCaseSource(nameof(LowerBranchArguments))]
    public void Lambert_W_minus_one_agrees_with_brent_root_finding(double x)
    {
        // Relative residual of w e^w = x, so that the root finder's |f| test is scale free.
        double Residual(double w) => (w * Math.Exp(w) / x) - 1.0;

        // W_-1(x) lies in (2 ln(-x) - 1, -1]; the residual is negative at the lower end, positive at -1.
        double lower = (2.0 * Math.Log(-x)) - 1.0;
        double root = Brent.FindRoot(Residual, lower, -1.0, 1e-14, 500);

        // Near the branch point w e^w is flat, so the residual pins w down only to ~sqrt(eps).
        double tolerance = x < -0.36 ? 1e-6 : 1e-11 * Math.Abs(root);
        Assert.That(PostSynapticPotential.LambertWm1(x), Is.EqualTo(root).Within(tolerance));
    }

    [Test]
    public void Lambert_W_minus_one_is_minus_one_at_the_branch_point()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(PostSynapticPotential.LambertWm1(-1.0 / Math.E), Is.EqualTo(-1.0));
            Assert.That(PostSynapticPotential.LambertWm1(-Math.Exp(-1.0)), Is.EqualTo(-1.0));

            // One ulp inside the domain the branch already separates from W_0: w = -1 - sqrt(2(1 + e x)).
            double x = Math.BitIncrement(-1.0 / Math.E);
            Assert.That(PostSynapticPotential.LambertWm1(x), Is.LessThan(-1.0 - 1e-8));
            Assert.That(PostSynapticPotential.LambertW0(x), Is.GreaterThan(-1.0 + 1e-8));
        }
    }

    [TestCaseSource(nameof(LowerBranchRejected))]
    public void Lambert_W_minus_one_rejects_arguments_outside_its_domain(double x)
    {
        Assert.That(
            () => PostSynapticPotential.LambertWm1(x),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Property(nameof(ArgumentException.ParamName)).EqualTo("x"));
    }

    [TestCaseSource(nameof(PrincipalBranchArguments))]
    public void Lambert_W_zero_satisfies_its_defining_equation(double x)
    {
        double w = PostSynapticPotential.LambertW0(x);
        double tolerance = 8 * Eps * (2 + Math.Abs(w)) * Math.Abs(x);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(w, Is.GreaterThanOrEqualTo(-1.0));
            Assert.That(w * Math.Exp(w), Is.EqualTo(x).Within(tolerance));
        }
    }

    // Expected values: mpmath.lambertw(x, 0) at 60 digits, for the double x.
    [TestCase(-0.3678794411, -0.999980292242033)]
    [TestCase(-0.3, -0.4894022271802149)]
    [TestCase(-0.1, -0.11183255915896297)]
    [TestCase(-1e-10, -1.0000000001000001e-10)]
    [TestCase(-1e-300, -1e-300)]
    [TestCase(1e-300, 1e-300)]
    [TestCase(0.5, 0.35173371124919584)]
    [TestCase(1.0, 0.5671432904097838)]
    [TestCase(Math.E, 1.0)]
    [TestCase(10.0, 1.7455280027406994)]
    [TestCase(1e10, 20.028685413304952)]
    [TestCase(1e300, 684.2472086297608)]
    [TestCase(double.MaxValue, 703.2270331047702)]
    public void Lambert_W_zero_matches_high_precision_reference_values(double x, double expected)
    {
        Assert.That(PostSynapticPotential.LambertW0(x), Is.EqualTo(expected).Within(4 * Eps * Math.Abs(expected)));
    }

    [TestCaseSource(nameof(PrincipalBranchArguments))]
    public void Lambert_W_zero_agrees_with_brent_root_finding(double x)
    {
        // Work with ln: w + ln|w| = ln|x| has the same root and no overflow for large x.
        double logAbsX = Math.Log(Math.Abs(x));
        double Residual(double w) => w + Math.Log(Math.Abs(w)) - logAbsX;

        // W_0(x) lies strictly between 0 and -1 for x < 0, and between 0 and max(1, ln x) for x > 0.
        double lower = x < 0 ? -1.0 : Math.BitIncrement(0.0);
        double upper = x < 0 ? -double.Epsilon : Math.Max(1.0, logAbsX);
        double root = Brent.FindRoot(Residual, lower, upper, 1e-15, 2000);

        // Brent's accuracy is absolute (about 1e-15), which is all it can say about tiny roots.
        double tolerance = x < -0.36 ? 1e-6 : (1e-11 * Math.Abs(root)) + 1e-15;
        Assert.That(PostSynapticPotential.LambertW0(x), Is.EqualTo(root).Within(tolerance));
    }

    [Test]
    public void Lambert_W_zero_keeps_zero_and_infinity_and_is_minus_one_at_the_branch_point()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(PostSynapticPotential.LambertW0(0.0), Is.EqualTo(0.0));
            Assert.That(double.IsNegative(PostSynapticPotential.LambertW0(-0.0)), Is.True);
            Assert.That(PostSynapticPotential.LambertW0(double.PositiveInfinity), Is.EqualTo(double.PositiveInfinity));
            Assert.That(PostSynapticPotential.LambertW0(-1.0 / Math.E), Is.EqualTo(-1.0));
        }
    }

    [TestCaseSource(nameof(PrincipalBranchRejected))]
    public void Lambert_W_zero_rejects_arguments_below_the_branch_point(double x)
    {
        Assert.That(
            () => PostSynapticPotential.LambertW0(x),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Property(nameof(ArgumentException.ParamName)).EqualTo("x"));
    }

    [TestCaseSource(nameof(TimeConstantPairs))]
    public void Peak_agrees_with_the_maximum_found_by_root_finding_the_psp_derivative(double tauMem, double tauSyn)
    {
        const double cMem = 250.0;

        // dV/dt of the textbook PSP times tauSyn cMem b / e (a factor that cannot move the root); bracketed
        // away from the far tail, where the slope is so small that Brent's |f| test would stop early.
        double b = (1.0 / tauSyn) - (1.0 / tauMem);
        double Slope(double t) =>
            (((-Math.Exp(-t / tauMem) / tauMem) + (Math.Exp(-t / tauSyn) / tauSyn)) / b)
            - Math.Exp(-t / tauSyn)
            + (t * Math.Exp(-t / tauSyn) / tauSyn);
        double lower = 0.01 * Math.Min(tauMem, tauSyn);
        double upper = 3.0 * Math.Max(tauMem, tauSyn);
        double tRoot = Brent.FindRoot(Slope, lower, upper, 1e-14, 500);

        double tMax = PostSynapticPotential.AlphaPeakTime(tauMem, tauSyn);
        double peak = PostSynapticPotential.AlphaPeakPerUnitCurrent(tauMem, cMem, tauSyn);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(tMax, Is.EqualTo(tRoot).Within(1e-9 * tRoot));
            Assert.That(
                peak,
                Is.EqualTo(TextbookPsp(tRoot, tauMem, cMem, tauSyn)).Within(TextbookTolerance(tRoot, tauMem, tauSyn) * peak));
        }
    }

    [TestCaseSource(nameof(TimeConstantPairs))]
    public void Peak_deflection_is_the_psp_at_the_peak_time_and_a_maximum(double tauMem, double tauSyn)
    {
        const double cMem = 100.0;
        double tMax = PostSynapticPotential.AlphaPeakTime(tauMem, tauSyn);
        double peak = PostSynapticPotential.AlphaPeakPerUnitCurrent(tauMem, cMem, tauSyn);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(
                peak,
                Is.EqualTo(TextbookPsp(tMax, tauMem, cMem, tauSyn)).Within(TextbookTolerance(tMax, tauMem, tauSyn) * peak));
            Assert.That(TextbookPsp(tMax * (1 - 1e-3), tauMem, cMem, tauSyn), Is.LessThan(peak));
            Assert.That(TextbookPsp(tMax * (1 + 1e-3), tauMem, cMem, tauSyn), Is.LessThan(peak));
        }
    }

    // Expected values: t_max and V(t_max) in mpmath at 60 digits with the matching Lambert W branch.
    [TestCase(20.0, 250.0, 0.5, 2.7565854767698394, 0.004835553641724628)]
    [TestCase(10.0, 250.0, 2.0, 6.650997646159213, 0.013000662476173706)]
    [TestCase(5.0, 100.0, 4.9, 9.866217425440114, 0.03653937990274365)]
    [TestCase(2.0, 250.0, 8.0, 10.455174386327696, 0.007692149121866079)]
    [TestCase(0.5, 250.0, 20.0, 20.51282051282051, 0.0019993536691449276)]
    [TestCase(10.0, 250.0, 10.01, 20.013331112295607, 0.029440158876134485)]
    [TestCase(10.0, 250.0, 9.999, 19.99866664444326, 0.029429374216467404)]
    [TestCase(10.0, 250.0, 10.000001, 20.00000133333331, 0.029430356274727162)]
    [TestCase(10.0, 250.0, 9.99999999, 19.999999986666666, 0.029430355283905266)]
    [TestCase(1e4, 1.0, 1e-3, 0.019066004334201244, 0.0027182769033571716)]
    [TestCase(1e-3, 1.0, 1e4, 10000.0010000001, 0.000999999999999995)]
    public void Peak_time_and_deflection_match_high_precision_reference_values(
        double tauMem, double cMem, double tauSyn, double expectedTime, double expectedPeak)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(
                PostSynapticPotential.AlphaPeakTime(tauMem, tauSyn),
                Is.EqualTo(expectedTime).Within(1e-14 * expectedTime));
            Assert.That(
                PostSynapticPotential.AlphaPeakPerUnitCurrent(tauMem, cMem, tauSyn),
                Is.EqualTo(expectedPeak).Within(1e-14 * expectedPeak));
        }
    }

    [TestCase(10.0, 250.0)]
    [TestCase(0.5, 1.0)]
    [TestCase(3.0, 42.0)]
    public void Equal_time_constants_give_the_analytic_limit(double tau, double cMem)
    {
        // For tauMem == tauSyn the PSP is e t^2 exp(-t/tau) / (2 tau cMem): peak 2 tau / (e cMem) at t = 2 tau.
        double expectedPeak = 2.0 * tau / (Math.E * cMem);
        double nearby = tau * (1 + 1e-12);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(PostSynapticPotential.AlphaPeakTime(tau, tau), Is.EqualTo(2.0 * tau));
            Assert.That(
                PostSynapticPotential.AlphaPeakPerUnitCurrent(tau, cMem, tau),
                Is.EqualTo(expectedPeak).Within(2 * Eps * expectedPeak));

            // The general formula must join the limit continuously from both sides.
            Assert.That(PostSynapticPotential.AlphaPeakTime(nearby, tau), Is.EqualTo(2.0 * tau).Within(1e-11 * tau));
            Assert.That(PostSynapticPotential.AlphaPeakTime(tau, nearby), Is.EqualTo(2.0 * tau).Within(1e-11 * tau));
            Assert.That(
                PostSynapticPotential.AlphaPeakPerUnitCurrent(nearby, cMem, tau),
                Is.EqualTo(expectedPeak).Within(1e-11 * expectedPeak));
            Assert.That(
                PostSynapticPotential.AlphaPeakPerUnitCurrent(tau, cMem, nearby),
                Is.EqualTo(expectedPeak).Within(1e-11 * expectedPeak));
        }
    }

    [Test]
    public void Unit_psp_amplitude_matches_nest_for_the_brunel_alpha_parameters()
    {
        double jUnit = PostSynapticPotential.AlphaPeakPerUnitCurrent(SeedTauMem, SeedCMem, SeedTauSyn);
        Assert.That(jUnit, Is.EqualTo(NestJUnit).Within(1e-12 * NestJUnit));
    }

    [Test]
    public void Excitatory_weight_matches_nest_for_a_one_tenth_millivolt_psp()
    {
        double jEx = 0.1 / PostSynapticPotential.AlphaPeakPerUnitCurrent(SeedTauMem, SeedCMem, SeedTauSyn);
        Assert.That(jEx, Is.EqualTo(NestJEx).Within(1e-12 * NestJEx));
    }

    [Test]
    public void Poisson_rate_matches_nest_for_twice_the_threshold_rate()
    {
        double jEx = 0.1 / PostSynapticPotential.AlphaPeakPerUnitCurrent(SeedTauMem, SeedCMem, SeedTauSyn);
        double nuThreshold = SeedTheta * SeedCMem / (jEx * SeedCE * Math.E * SeedTauMem * SeedTauSyn);
        double pRate = 1000.0 * SeedEta * nuThreshold * SeedCE;
        Assert.That(pRate, Is.EqualTo(NestPRate).Within(1e-12 * NestPRate));
    }

    [TestCase(0.0)]
    [TestCase(-1.0)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NegativeInfinity)]
    public void Invalid_parameters_are_rejected_with_their_name(double bad)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(
                () => PostSynapticPotential.AlphaPeakPerUnitCurrent(bad, 250.0, 0.5),
                Throws.TypeOf<ArgumentOutOfRangeException>().With.Property(nameof(ArgumentException.ParamName)).EqualTo("tauMem")
                    .And.Message.Contains("tauMem"));
            Assert.That(
                () => PostSynapticPotential.AlphaPeakPerUnitCurrent(20.0, bad, 0.5),
                Throws.TypeOf<ArgumentOutOfRangeException>().With.Property(nameof(ArgumentException.ParamName)).EqualTo("cMem")
                    .And.Message.Contains("cMem"));
            Assert.That(
                () => PostSynapticPotential.AlphaPeakPerUnitCurrent(20.0, 250.0, bad),
                Throws.TypeOf<ArgumentOutOfRangeException>().With.Property(nameof(ArgumentException.ParamName)).EqualTo("tauSyn")
                    .And.Message.Contains("tauSyn"));
            Assert.That(
                () => PostSynapticPotential.AlphaPeakTime(bad, 0.5),
                Throws.TypeOf<ArgumentOutOfRangeException>().With.Property(nameof(ArgumentException.ParamName)).EqualTo("tauMem"));
            Assert.That(
                () => PostSynapticPotential.AlphaPeakTime(20.0, bad),
                Throws.TypeOf<ArgumentOutOfRangeException>().With.Property(nameof(ArgumentException.ParamName)).EqualTo("tauSyn"));
        }
    }

    /// <summary>
    /// Relative accuracy of <see cref="TextbookPsp"/>: its bracket cancels to order (b t)^2 when b t is small.
    /// </summary>
    private static double TextbookTolerance(double t, double tauMem, double tauSyn)
    {
        double y = ((1.0 / tauSyn) - (1.0 / tauMem)) * t;
        return 1e-14 + (16 * Eps / (y * y));
    }

    /// <summary>
    /// The textbook (NEST example) form of the unit alpha PSP, in mV per pA, with b = 1/tauSyn - 1/tauMem:
    /// e / (tauSyn cMem b) [ (exp(-t/tauMem) - exp(-t/tauSyn)) / b - t exp(-t/tauSyn) ].
    /// </summary>
    private static double TextbookPsp(double t, double tauMem, double cMem, double tauSyn)
    {
        double b = (1.0 / tauSyn) - (1.0 / tauMem);
        return Math.E / (tauSyn * cMem * b)
            * (((Math.Exp(-t / tauMem) - Math.Exp(-t / tauSyn)) / b) - (t * Math.Exp(-t / tauSyn)));
    }
}
