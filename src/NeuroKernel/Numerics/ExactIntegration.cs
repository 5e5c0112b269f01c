namespace NeuroKernel.Numerics;

/// <summary>
/// Propagator elements for the exact integration (Rotter &amp; Diesmann 1999) of a leaky membrane driven by
/// exponential or alpha-shaped synaptic currents over one step h. Kept free of kernel types.
/// </summary>
/// <remarks>
/// With <c>a = 1/tau_m − 1/tau_syn</c> and <c>x = a·h</c>:
/// <list type="bullet">
/// <item><c>P30 = −(tau_m/C)·expm1(−h/tau_m)</c>: membrane response to a constant current of 1 pA.</item>
/// <item><c>P32 = (1/C)·∫₀ʰ e^{−(h−s)/tau_m} e^{−s/tau_syn} ds = (h/C)·e^{−h/tau_m}·expm1(x)/x</c>: response to an
/// exponentially decaying current of initial value 1 pA.</item>
/// <item><c>P31 = (1/C)·∫₀ʰ e^{−(h−s)/tau_m} s e^{−s/tau_syn} ds = (h²/C)·e^{−h/tau_m}·(eˣ(x−1)+1)/x²</c>: response to
/// the alpha current's derivative state.</item>
/// </list>
/// The factors <c>expm1(x)/x</c> and <c>(eˣ(x−1)+1)/x²</c> are evaluated by series for small |x|, so
/// <c>tau_syn</c> equal or nearly equal to <c>tau_m</c> (NEST's singular cases) gives finite, smooth values
/// without a special branch. The built-in models compute their propagators with these functions, so a model written
/// outside the library (<see cref="Models.NeuronModelDefinition"/>) that uses them gets the same numbers.
/// </remarks>
public static class ExactIntegration
{
    /// <summary>Below this |x| the series are used (each converges to full precision in &lt; 20 terms).</summary>
    private const double SeriesLimit = 0.5;

    /// <summary>Membrane response to a constant current of 1 pA over one step (mV).</summary>
    /// <param name="tauM">Membrane time constant (ms).</param>
    /// <param name="cM">Membrane capacitance (pF).</param>
    /// <param name="h">Step (ms).</param>
    /// <returns>P30 (mV/pA).</returns>
    public static double P30(double tauM, double cM, double h) => -tauM / cM * ExpM1(-h / tauM);

    /// <summary>Membrane response to an exponential current of initial amplitude 1 pA (mV).</summary>
    /// <param name="tauSyn">Synaptic time constant (ms).</param>
    /// <param name="tauM">Membrane time constant (ms).</param>
    /// <param name="cM">Membrane capacitance (pF).</param>
    /// <param name="h">Step (ms).</param>
    /// <returns>P32 (mV/pA).</returns>
    public static double P32(double tauSyn, double tauM, double cM, double h)
    {
        double x = (1.0 / tauM - 1.0 / tauSyn) * h;
        if (x > SeriesLimit)
        {
            // e^{-h/tau_m}·(e^x − 1)/x = e^{-h/tau_syn}·(1 − e^{-x})/x: no 0·∞ when h/tau_m is huge.
            return h / cM * Math.Exp(-h / tauSyn) * -ExpM1(-x) / x;
        }

        return h / cM * Math.Exp(-h / tauM) * ExpM1OverX(x);
    }

    /// <summary>Membrane response to an alpha current's derivative state of 1 pA/ms (mV).</summary>
    /// <param name="tauSyn">Synaptic time constant (ms).</param>
    /// <param name="tauM">Membrane time constant (ms).</param>
    /// <param name="cM">Membrane capacitance (pF).</param>
    /// <param name="h">Step (ms).</param>
    /// <returns>P31 (mV·ms/pA).</returns>
    public static double P31(double tauSyn, double tauM, double cM, double h)
    {
        double x = (1.0 / tauM - 1.0 / tauSyn) * h;
        if (Math.Abs(x) < SeriesLimit)
        {
            return h * h / cM * Math.Exp(-h / tauM) * AlphaKernelSeries(x);
        }

        // e^{-h/tau_m}·(e^x(x−1)+1) = e^{-h/tau_syn}(x−1) + e^{-h/tau_m}: no overflow for large x.
        return h * h / cM * (Math.Exp(-h / tauSyn) * (x - 1.0) + Math.Exp(-h / tauM)) / (x * x);
    }

    /// <summary>expm1(x)/x, equal to 1 at x = 0.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>(eˣ − 1)/x.</returns>
    public static double ExpM1OverX(double x)
    {
        if (Math.Abs(x) >= SeriesLimit)
        {
            return ExpM1(x) / x;
        }

        // Σ x^k/(k+1)!
        double term = 1.0, sum = 1.0;
        for (int k = 1; k < 24; k++)
        {
            term *= x / (k + 1);
            sum += term;
        }

        return sum;
    }

    /// <summary>
    /// e^x − 1 to full relative precision for small |x| (Kahan's method: the rounding error of exp is
    /// cancelled by dividing by log of the same rounded value). .NET's <c>double.ExpM1</c> is exp(x) − 1 and
    /// MathNet's <c>Expm1</c> loses up to 1e-8 relative near 0.05, which exact integration cannot afford.
    /// </summary>
    /// <param name="x">The argument.</param>
    /// <returns>eˣ − 1.</returns>
    public static double ExpM1(double x)
    {
        double u = Math.Exp(x);
        if (u == 1.0)
        {
            return x;
        }

        double um1 = u - 1.0;
        if (um1 == -1.0)
        {
            return -1.0;
        }

        return double.IsPositiveInfinity(u) ? u : um1 * x / Math.Log(u);
    }

    /// <summary>∫₀¹ u e^{xu} du = Σ_{k≥0} x^k/(k!(k+2)).</summary>
    private static double AlphaKernelSeries(double x)
    {
        double power = 1.0, sum = 0.5;
        for (int k = 1; k < 24; k++)
        {
            power *= x / k;          // x^k/k!
            sum += power / (k + 2);
        }

        return sum;
    }
}
