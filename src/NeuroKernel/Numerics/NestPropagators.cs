namespace NeuroKernel.Numerics;

/// <summary>
/// The membrane propagators of exponential and alpha-shaped synaptic currents as NEST 3 evaluates them for its
/// multisynapse models (libnestutil's PropagatorExp and PropagatorAlpha): the closed form
/// <c>γ·e^{−h/τ_s}·expm1(h/τ_s − h/τ_m)</c> with <c>γ = τ_s·τ_m / ((τ_m − τ_s)·C)</c>, replaced by the limit τ_s = τ_m
/// where the two time constants are within 0.1 ms of each other and the closed form has lost its precision.
/// </summary>
/// <remarks>
/// The same quantities as <see cref="ExactIntegration.P32"/> and <see cref="ExactIntegration.P31"/>, computed in NEST's
/// order of operations so that the membrane potential follows NEST's to the last bits.
/// </remarks>
internal static class NestPropagators
{
    /// <summary>Membrane response (mV) over one step <paramref name="h"/> (ms) to an exponential current of 1 pA.</summary>
    public static double Exp(double tauSyn, double tauM, double cM, double h)
    {
        var (alpha, gamma) = Constants(tauSyn, tauM, cM);
        double p32 = gamma * Math.Exp(-h / tauSyn) * ExactIntegration.ExpM1((-h / tauM) + (h / tauSyn));
        if (Math.Abs(tauM - tauSyn) < 0.1)
        {
            double expTauM = Math.Exp(-h / tauM);
            p32 = Singular(p32, h / cM * expTauM, alpha * h * h * expTauM / 2.0, tauM == tauSyn);
        }

        return p32;
    }

    /// <summary>The responses (P31 in mV·ms/pA, P32 in mV/pA) over one step to an alpha current's two states.</summary>
    public static (double P31, double P32) Alpha(double tauSyn, double tauM, double cM, double h)
    {
        var (alpha, gamma) = Constants(tauSyn, tauM, cM);
        double beta = tauSyn * tauM / (tauM - tauSyn);
        double expTauSyn = Math.Exp(-h / tauSyn);
        double expm1 = ExactIntegration.ExpM1((-h / tauM) + (h / tauSyn));
        double p31 = gamma * expTauSyn * ((beta * expm1) - h);
        double p32 = gamma * expTauSyn * expm1;
        if (Math.Abs(tauM - tauSyn) < 0.1)
        {
            double expTauM = Math.Exp(-h / tauM);
            bool equal = tauM == tauSyn;
            p31 = Singular(p31, h * h / 2.0 / cM * expTauM, alpha * h * h * h * expTauM / 3.0, equal);
            p32 = Singular(p32, h / cM * expTauM, alpha * h * h * expTauM / 2.0, equal);
        }

        return (p31, p32);
    }

    private static (double Alpha, double Gamma) Constants(double tauSyn, double tauM, double cM)
    {
        double alpha = 1.0 / (cM * tauM * tauM) * (tauSyn - tauM);
        double beta = tauSyn * tauM / (tauM - tauSyn);
        return (alpha, beta / cM);
    }

    /// <summary>The limit τ_s = τ_m where the closed form deviates from it by more than twice the first-order correction.</summary>
    private static double Singular(double value, double singular, double linear, bool equal) =>
        equal || Math.Abs(value - singular) > 2.0 * Math.Abs(linear) ? singular : value;
}
