using System.Globalization;

namespace NeuroKernel.Numerics;

/// <summary>
/// Closed-form properties of the post-synaptic potential (PSP) that an alpha-shaped synaptic
/// current evokes in a leaky integrate-and-fire neuron with current-based synapses
/// (the <c>iaf_psc_alpha</c> model), together with the real branches of the Lambert W
/// function that the closed form needs.
/// </summary>
/// <remarks>
/// <para>
/// Network scripts such as the Brunel (2000) balanced network express synaptic weights as the
/// current amplitude (pA) that produces a PSP of a prescribed height (mV). The conversion factor is
/// the peak deflection per unit current, <see cref="AlphaPeakPerUnitCurrent"/>, which in turn needs
/// the time of the peak, <see cref="AlphaPeakTime"/>, obtained from the Lambert W function.
/// </para>
/// <para>
/// The Lambert W function is the multivalued inverse of <c>w ↦ w·e^w</c>. On the reals it has two
/// branches that meet at the branch point <c>(x, w) = (−1/e, −1)</c>: the principal branch
/// <c>W₀</c> (<c>w ≥ −1</c>, defined for <c>x ≥ −1/e</c>) and the lower branch <c>W₋₁</c>
/// (<c>w ≤ −1</c>, defined for <c>−1/e ≤ x &lt; 0</c>). MathNet.Numerics 5.0.0 does not provide
/// either branch, so both are implemented here: a starting value from a series about the branch
/// point or from an asymptotic expansion, refined by Halley's method to full double precision.
/// </para>
/// </remarks>
public static class PostSynapticPotential
{
    /// <summary>The double nearest to −1/e, the common end point of both real branches.</summary>
    private const double BranchPoint = -1.0 / Math.E;

    /// <summary><c>e − Math.E</c>: the part of Euler's number that <see cref="Math.E"/> cannot hold.</summary>
    private const double EulerLow = 1.4456468917292502e-16;

    /// <summary>The spacing of doubles at 1 (2^−52).</summary>
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>
    /// Below this |p| the branch-point series is summed and returned without iteration; its
    /// truncation error there is below 1e−17.
    /// </summary>
    private const double SeriesOnlyRadius = 0.1;

    /// <summary>Safeguard on the Halley and Newton loops, which converge in 2 to 5 steps.</summary>
    private const int MaxIterations = 32;

    /// <summary>Below this |τm − τs|/τs the peak exponent starts from its small-d series.</summary>
    private const double NearlyEqualRatio = 1e-4;

    /// <summary>Up to this |τm − τs|/τs the peak exponent is polished by Newton's method.</summary>
    private const double PolishRatio = 0.5;

    /// <summary>
    /// Coefficients μ₀ … μ₁₃ of <c>W(x) = Σ μₖ pᵏ</c> with <c>p = ±√(2(1 + e·x))</c>
    /// (Corless et al. 1996, eq. 4.22): −1, 1, −1/3, 11/72, −43/540, 769/17280, −221/8505, …
    /// </summary>
    private static readonly double[] BranchSeries =
    [
        -1.0,
        1.0,
        -0.3333333333333333,
        0.1527777777777778,
        -0.07962962962962962,
        0.04450231481481483,
        -0.025984714873603758,
        0.015635632532333927,
        -0.009616892024299429,
        0.0060145432529561185,
        -0.003811298034892,
        0.002440877991143983,
        -0.001576930344686784,
        0.0010262633205076076,
    ];

    /// <summary>
    /// Evaluates the lower real branch <c>W₋₁(x)</c> of the Lambert W function: the solution
    /// <c>w ≤ −1</c> of <c>w·e^w = x</c>.
    /// </summary>
    /// <param name="x">The argument (dimensionless), in <c>[−1/e, 0)</c>. The double nearest to
    /// −1/e (<c>-1.0 / Math.E</c>, equal to <c>-Math.Exp(-1)</c>) is accepted and gives −1.</param>
    /// <returns>The value <c>w ≤ −1</c> (dimensionless) with <c>w·e^w = x</c>; from −1 at the
    /// branch point down to about −751 at the smallest subnormal argument.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="x"/> is NaN, below −1/e, or not
    /// negative (including <c>-0.0</c>, where <c>W₋₁</c> diverges to −∞).</exception>
    /// <remarks>
    /// <para>
    /// Close to the branch point (<c>|p| &lt; 0.1</c> with <c>p = −√(2(1 + e·x))</c>) the result is
    /// the series <c>W₋₁ = −1 + p − p²/3 + 11p³/72 − …</c> (14 terms). The deficit <c>1 + e·x</c> is
    /// formed with a fused multiply-add and a two-part representation of <c>e</c>, so the
    /// cancellation near −1/e costs no accuracy beyond what the argument itself carries.
    /// </para>
    /// <para>
    /// Elsewhere a start value (the same series for <c>x &lt; −1/4</c>, otherwise the asymptotic
    /// form <c>L₁ − L₂ + L₂/L₁ + L₂(L₂ − 2)/(2L₁²)</c> with <c>L₁ = ln(−x)</c>,
    /// <c>L₂ = ln(−L₁)</c>) is refined by Halley's method on the logarithmic form
    /// <c>g(w) = w + ln(−w) − ln(−x) = 0</c>, which neither underflows nor overflows for any
    /// double argument. The step is <c>Δ = 2g·w(w + 1) / (2(w + 1)² + g)</c>; iteration stops when
    /// <c>|Δ| ≤ 2ε|w|</c>.
    /// </para>
    /// </remarks>
    public static double LambertWm1(double x)
    {
        if (!(x >= BranchPoint && x < 0.0))
        {
            throw new ArgumentOutOfRangeException(
                nameof(x),
                x,
                string.Create(CultureInfo.InvariantCulture, $"W_-1(x) is defined for -1/e <= x < 0; x = {x:R}."));
        }

        double deficit = BranchDeficit(x);
        if (deficit <= 0.0)
        {
            return -1.0;
        }

        double p = -Math.Sqrt(2.0 * deficit);
        if (p > -SeriesOnlyRadius)
        {
            return SumBranchSeries(p);
        }

        double logMinusX = Math.Log(-x);
        double w = x < -0.25 ? SumBranchSeries(p) : AsymptoticStart(logMinusX);
        return Math.Min(HalleyOnLogForm(w, logMinusX), -1.0);
    }

    /// <summary>
    /// Evaluates the principal real branch <c>W₀(x)</c> of the Lambert W function: the solution
    /// <c>w ≥ −1</c> of <c>w·e^w = x</c>.
    /// </summary>
    /// <param name="x">The argument (dimensionless), at least −1/e; <c>+∞</c> is accepted. The
    /// double nearest to −1/e (<c>-1.0 / Math.E</c>) is accepted and gives −1.</param>
    /// <returns>The value <c>w ≥ −1</c> (dimensionless) with <c>w·e^w = x</c>; <paramref name="x"/>
    /// itself (sign included) when it is zero, and <c>+∞</c> for <c>+∞</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="x"/> is NaN or below −1/e.</exception>
    /// <remarks>
    /// <para>
    /// Near the branch point the series of <see cref="LambertWm1"/> is used with
    /// <c>p = +√(2(1 + e·x))</c>. For <c>x ≤ e</c> a start value (that series for <c>x &lt; −1/4</c>,
    /// <c>x − x² + 3x³/2</c> for <c>|x| ≤ 1/4</c>, <c>ln(1 + x)</c> otherwise) is refined by Halley's
    /// method on <c>f(w) = w·e^w − x</c>, which keeps full relative accuracy for tiny |x|. For
    /// <c>x &gt; e</c> the asymptotic start <c>L₁ − L₂ + L₂/L₁</c> (<c>L₁ = ln x</c>, <c>L₂ = ln L₁</c>)
    /// is refined on the logarithmic form <c>w + ln w − ln x = 0</c>, which cannot overflow.
    /// </para>
    /// </remarks>
    public static double LambertW0(double x)
    {
        if (!(x >= BranchPoint))
        {
            throw new ArgumentOutOfRangeException(
                nameof(x),
                x,
                string.Create(CultureInfo.InvariantCulture, $"W_0(x) is defined for x >= -1/e; x = {x:R}."));
        }

        if (x == 0.0 || double.IsPositiveInfinity(x))
        {
            return x;
        }

        if (x > Math.E)
        {
            double logX = Math.Log(x);
            double logLogX = Math.Log(logX);
            return HalleyOnLogForm(logX - logLogX + (logLogX / logX), logX);
        }

        double start;
        if (x < -0.25)
        {
            double deficit = BranchDeficit(x);
            if (deficit <= 0.0)
            {
                return -1.0;
            }

            double p = Math.Sqrt(2.0 * deficit);
            start = SumBranchSeries(p);
            if (p < SeriesOnlyRadius)
            {
                return start;
            }
        }
        else
        {
            start = Math.Abs(x) <= 0.25 ? x * (1.0 - (x * (1.0 - (1.5 * x)))) : Math.Log(1.0 + x);
        }

        return Math.Max(HalleyOnProductForm(start, x), -1.0);
    }

    /// <summary>
    /// Computes the time of the peak of the membrane-potential response of an
    /// <c>iaf_psc_alpha</c> neuron to a single alpha-shaped synaptic current.
    /// </summary>
    /// <param name="tauMem">The membrane time constant τm, in ms; positive and finite.</param>
    /// <param name="tauSyn">The rise time constant τs of the alpha current, in ms; positive and
    /// finite. It may be larger than, smaller than, or equal to <paramref name="tauMem"/>.</param>
    /// <returns>The time t_max after the onset of the current at which the PSP peaks, in ms.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A time constant is not positive and finite, or
    /// their ratio τm/τs overflows or underflows.</exception>
    /// <remarks>
    /// <para>
    /// With <c>a = τm/τs</c> and <c>b = 1/τs − 1/τm</c>, setting the derivative of the PSP (see
    /// <see cref="AlphaPeakPerUnitCurrent"/>) to zero gives <c>e^y = 1 + a·y</c> for
    /// <c>y = b·t</c>. Its non-trivial root is
    /// <c>y = −W(−e^(−1/a)/a) − 1/a</c>, so that
    /// <c>t_max = (1/b)·(−W(−e^(−1/a)/a) − 1/a)</c>, where W is the lower branch <c>W₋₁</c> when
    /// τm &gt; τs (the formula used by NEST's example scripts) and the principal branch <c>W₀</c> when
    /// τm &lt; τs (on the other branch the formula gives the trivial root <c>y = 0</c>).
    /// </para>
    /// <para>
    /// For τm = τs the limit <c>b → 0</c> is taken analytically: the PSP becomes proportional to
    /// <c>t²·e^(−t/τs)</c> and <c>t_max = 2τs</c>.
    /// </para>
    /// <para>
    /// Near that limit the Lambert W argument approaches the branch point, where W is
    /// ill-conditioned. Hence, for <c>d = (τm − τs)/τs</c> with <c>|d| ≤ 1/2</c>, the root is polished
    /// by Newton's method on the equivalent, well-conditioned equation <c>(e^y − 1 − y)/y = d</c>; for
    /// <c>|d| &lt; 10⁻⁴</c> the start value is the series <c>y ≈ 2d − 4d²/3 + 10d³/9</c>.
    /// </para>
    /// </remarks>
    public static double AlphaPeakTime(double tauMem, double tauSyn)
    {
        ValidatePositiveFinite(tauMem, nameof(tauMem));
        ValidatePositiveFinite(tauSyn, nameof(tauSyn));
        return PeakTime(tauMem, tauSyn, out _);
    }

    /// <summary>
    /// Computes the peak membrane-potential deflection of an <c>iaf_psc_alpha</c> neuron in response
    /// to a single alpha-shaped synaptic current of unit amplitude (1 pA), i.e. the factor that
    /// converts a synaptic weight in pA into a PSP height in mV.
    /// </summary>
    /// <param name="tauMem">The membrane time constant τm, in ms; positive and finite.</param>
    /// <param name="cMem">The membrane capacitance C, in pF; positive and finite.</param>
    /// <param name="tauSyn">The rise time constant τs of the alpha current, in ms; positive and
    /// finite. It may be larger than, smaller than, or equal to <paramref name="tauMem"/>.</param>
    /// <returns>The peak PSP per unit current amplitude, in mV/pA.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not positive and finite, or
    /// τm/τs overflows or underflows.</exception>
    /// <remarks>
    /// <para>
    /// The current <c>I(t) = (e/τs)·t·e^(−t/τs)</c> (pA, peak 1 pA at <c>t = τs</c>) drives
    /// <c>C·dV/dt = −C·V/τm + I</c> from rest. With <c>b = 1/τs − 1/τm</c> the solution is
    /// </para>
    /// <code>V(t) = e/(τs·C·b) · [ (e^(−t/τm) − e^(−t/τs))/b − t·e^(−t/τs) ]</code>
    /// <para>
    /// and the result is <c>V(t_max)</c> with <c>t_max</c> from <see cref="AlphaPeakTime"/>. This is
    /// the <c>ComputePSPnorm</c> normalisation of NEST's Brunel example scripts. For numerical
    /// stability it is evaluated as <c>V(t) = e/(τs·C) · t²·e^(−t/τs) · φ(b·t)</c> with
    /// <c>φ(y) = (e^y − 1 − y)/y²</c> summed from its Taylor series for <c>|y| &lt; 1</c>, which
    /// removes the division by <c>b</c> and gives the limit for τm = τs, <c>V_max = 2τs/(e·C)</c>,
    /// without a special case. For <c>|y| ≥ 1</c> the equivalent
    /// <c>V = e/(τs·C·b²)·[e^(−t/τm) − (1 + y)·e^(−t/τs)]</c> is used.
    /// </para>
    /// </remarks>
    public static double AlphaPeakPerUnitCurrent(double tauMem, double cMem, double tauSyn)
    {
        ValidatePositiveFinite(tauMem, nameof(tauMem));
        ValidatePositiveFinite(cMem, nameof(cMem));
        ValidatePositiveFinite(tauSyn, nameof(tauSyn));

        double tMax = PeakTime(tauMem, tauSyn, out double b);
        double y = b * tMax;
        double shape;
        if (Math.Abs(y) < 1.0)
        {
            shape = tMax * tMax * Math.Exp(-tMax / tauSyn) * PhiSeries(y, out _);
        }
        else
        {
            shape = (Math.Exp(-tMax / tauMem) - ((1.0 + y) * Math.Exp(-tMax / tauSyn))) / (b * b);
        }

        return Math.E / (tauSyn * cMem) * shape;
    }

    /// <summary>Computes t_max (ms) and b = 1/τs − 1/τm (1/ms) for validated time constants.</summary>
    private static double PeakTime(double tauMem, double tauSyn, out double b)
    {
        double d = (tauMem - tauSyn) / tauSyn;
        b = d / tauMem;
        if (d == 0.0)
        {
            return 2.0 * tauSyn;
        }

        double a = tauMem / tauSyn;
        if (!double.IsFinite(a) || a == 0.0 || !double.IsFinite(b) || b == 0.0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(tauMem),
                tauMem,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"The ratio tauMem/tauSyn is not representable for tauMem = {tauMem:R} ms and tauSyn = {tauSyn:R} ms."));
        }

        double y;
        if (Math.Abs(d) < NearlyEqualRatio)
        {
            y = d * (2.0 - (d * ((4.0 / 3.0) - (d * (10.0 / 9.0)))));
        }
        else
        {
            // The argument is >= -1/e mathematically; rounding may push it an ulp below.
            double argument = Math.Max(-Math.Exp(-1.0 / a) / a, BranchPoint);
            double w = a > 1.0 ? LambertWm1(argument) : LambertW0(argument);
            y = -w - (1.0 / a);
        }

        if (Math.Abs(d) <= PolishRatio)
        {
            y = PolishPeakExponent(y, d);
        }

        return y / b;
    }

    /// <summary>Newton's method on ψ(y) = (e^y − 1 − y)/y − d, whose non-zero root is b·t_max.</summary>
    private static double PolishPeakExponent(double y, double d)
    {
        for (int i = 0; i < MaxIterations; i++)
        {
            double value;
            double slope;
            if (Math.Abs(y) < 1.0)
            {
                value = (y * PhiSeries(y, out slope)) - d;
            }
            else
            {
                double expY = Math.Exp(y);
                value = ((expY - 1.0 - y) / y) - d;
                slope = ((expY * (y - 1.0)) + 1.0) / (y * y);
            }

            double step = value / slope;
            y -= step;
            if (Math.Abs(step) <= 2.0 * MachineEpsilon * Math.Abs(y))
            {
                break;
            }
        }

        return y;
    }

    /// <summary>
    /// Sums φ(y) = (e^y − 1 − y)/y² = Σ yᵏ/(k + 2)! for |y| &lt; 1 and returns ψ'(y) = d[y·φ(y)]/dy =
    /// Σ (k + 1)·yᵏ/(k + 2)!; 20 terms leave a truncation error below 10⁻²⁰.
    /// </summary>
    private static double PhiSeries(double y, out double derivativeOfYPhi)
    {
        double term = 0.5;
        double sum = 0.0;
        double derivative = 0.0;
        for (int k = 0; k < 20; k++)
        {
            sum += term;
            derivative += (k + 1) * term;
            term *= y / (k + 3);
        }

        derivativeOfYPhi = derivative;
        return sum;
    }

    /// <summary>1 + e·x with e carried to about 32 significant digits.</summary>
    private static double BranchDeficit(double x) => Math.FusedMultiplyAdd(Math.E, x, 1.0) + (EulerLow * x);

    /// <summary>Σ μₖ pᵏ by Horner's rule.</summary>
    private static double SumBranchSeries(double p)
    {
        double sum = 0.0;
        for (int k = BranchSeries.Length - 1; k >= 0; k--)
        {
            sum = (sum * p) + BranchSeries[k];
        }

        return sum;
    }

    /// <summary>Asymptotic start for W₋₁ from L₁ = ln(−x) &lt; 0.</summary>
    private static double AsymptoticStart(double logMinusX)
    {
        double l1 = logMinusX;
        double l2 = Math.Log(-l1);
        return l1 - l2 + (l2 / l1) + (l2 * (l2 - 2.0) / (2.0 * l1 * l1));
    }

    /// <summary>Halley's method on g(w) = w + ln|w| − ln|x|, given ln|x|.</summary>
    private static double HalleyOnLogForm(double w, double logAbsX)
    {
        for (int i = 0; i < MaxIterations; i++)
        {
            double g = w + Math.Log(Math.Abs(w)) - logAbsX;
            double wPlusOne = w + 1.0;
            double step = 2.0 * g * w * wPlusOne / ((2.0 * wPlusOne * wPlusOne) + g);
            w -= step;
            if (Math.Abs(step) <= 2.0 * MachineEpsilon * Math.Abs(w))
            {
                break;
            }
        }

        return w;
    }

    /// <summary>Halley's method on f(w) = w·e^w − x.</summary>
    private static double HalleyOnProductForm(double w, double x)
    {
        for (int i = 0; i < MaxIterations; i++)
        {
            double expW = Math.Exp(w);
            double f = (w * expW) - x;
            double wPlusOne = w + 1.0;
            double step = f / ((expW * wPlusOne) - ((w + 2.0) * f / (2.0 * wPlusOne)));
            w -= step;
            if (Math.Abs(step) <= 2.0 * MachineEpsilon * Math.Abs(w))
            {
                break;
            }
        }

        return w;
    }

    /// <summary>Throws unless <paramref name="value"/> is positive and finite.</summary>
    private static void ValidatePositiveFinite(double value, string paramName)
    {
        if (!(value > 0.0 && double.IsFinite(value)))
        {
            throw new ArgumentOutOfRangeException(
                paramName,
                value,
                string.Create(CultureInfo.InvariantCulture, $"{paramName} must be positive and finite; {paramName} = {value:R}."));
        }
    }
}
