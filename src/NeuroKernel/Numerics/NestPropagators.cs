namespace NeuroKernel.Numerics;

/// <summary>
/// The membrane propagators of exponential and alpha-shaped synaptic currents as NEST 3.9 evaluates them for its
/// multisynapse and gif models (libnestutil's IAFPropagatorExp and IAFPropagatorAlpha), in NEST's order of operations
/// and with NEST's own expm1 (<see cref="ExpM1"/>), so that membrane potentials follow NEST's to the last bit.
/// </summary>
/// <remarks>
/// The same quantities as <see cref="ExactIntegration.P32"/> and <see cref="ExactIntegration.P31"/>, which the
/// single-receptor iaf_psc models use (they match NEST to about 1e-15 relative, not bit for bit).
/// </remarks>
internal static class NestPropagators
{
    /// <summary>Below h = this factor · τ_m²/|τ_m − τ_s| the alpha propagator P31 takes its limit τ_s = τ_m (NEST's numerical stability factor).</summary>
    private const double StabilityFactor = 1e-7;

    /// <summary>
    /// Membrane response (mV) over one step <paramref name="h"/> (ms) to an exponential current of 1 pA:
    /// <c>γ·e^{−h/τ_s}·expm1(h·(τ_m − τ_s)/(τ_s·τ_m))</c> with <c>γ = τ_s·τ_m/((τ_m − τ_s)·C)</c>, and the limit
    /// <c>(h/C)·e^{−h/τ_m}</c> where that is not a positive normal number (τ_s = τ_m).
    /// </summary>
    public static double IafExp(double tauSyn, double tauM, double cM, double h) => P32(tauSyn, tauM, cM, h).P32;

    /// <summary>The responses (P31 in mV·ms/pA, P32 in mV/pA) over one step to an alpha current's two states.</summary>
    public static (double P31, double P32) IafAlpha(double tauSyn, double tauM, double cM, double h)
    {
        var (p32, beta, gamma, expTauSyn, expm1) = P32(tauSyn, tauM, cM, h);
        if (h > StabilityFactor * tauM * tauM / Math.Abs(tauM - tauSyn))
        {
            return (gamma * expTauSyn * ((beta * expm1) - h), p32);
        }

        return (0.5 * h * h * (1.0 / cM) * Math.Exp(-h * (1.0 / tauM)), p32);
    }

    private static (double P32, double Beta, double Gamma, double ExpTauSyn, double ExpM1) P32(double tauSyn, double tauM, double cM, double h)
    {
        double beta = tauSyn * tauM / (tauM - tauSyn);
        double gamma = beta / cM;
        double invBeta = (tauM - tauSyn) / (tauSyn * tauM);
        double expTauSyn = Math.Exp(-h * (1.0 / tauSyn));
        double expm1 = ExpM1(h * invBeta);
        double p32 = gamma * expTauSyn * expm1;
        if (!(double.IsNormal(p32) && p32 > 0.0))
        {
            p32 = h * (1.0 / cM) * Math.Exp(-h * (1.0 / tauM));
        }

        return (p32, beta, gamma, expTauSyn, expm1);
    }

    /// <summary>
    /// eˣ − 1 as NEST 3.9's numerics::expm1 computes it in the build the reference data came from: for |x| ≤ ln 2 the
    /// Taylor series x + x²/2! + … summed from its largest term until a term is no larger than the sum's rounding
    /// (|term| ≤ ε·|sum|), above that exp(x) − 1. It differs from the C library's expm1 in the last bit for some
    /// arguments, and NEST's membrane potentials carry those bits: iaf_psc_exp_multisynapse and gif_psc_exp match NEST 3.9
    /// to the last bit with it, and with glibc's expm1 in only 75–95 % of the samples.
    /// </summary>
    internal static double ExpM1(double x)
    {
        if (x == 0.0)
        {
            return 0.0;
        }

        if (Math.Abs(x) > Math.Log(2.0))
        {
            return Math.Exp(x) - 1.0;
        }

        double sum = x, term = x * x / 2.0;
        int n = 2;
        while (Math.Abs(term) > Math.Abs(sum) * MachineEpsilon)
        {
            sum += term;
            n++;
            term *= x / n;
        }

        return sum;
    }

    /// <summary>The distance from 1 to the next double (2⁻⁵²), C's DBL_EPSILON.</summary>
    private const double MachineEpsilon = 2.220446049250313e-16;
}
