using System.Runtime.CompilerServices;

namespace NeuroKernel.Numerics;

/// <summary>The right-hand side of an autonomous system of ordinary differential equations, dy/dt = f(y).</summary>
internal interface IOdeSystem
{
    /// <summary>Writes f(<paramref name="y"/>) into <paramref name="dydt"/> (same length as y).</summary>
    void Derivatives(ReadOnlySpan<double> y, Span<double> dydt);
}

/// <summary>
/// GSL's standard step-size control (<c>gsl_odeiv_control_standard</c>): the error of component i is acceptable while
/// |err_i| ≤ D_i = eps_abs + eps_rel·(a_y·|y_i| + a_dydt·h·|y'_i|). NEST's models make it with
/// <c>gsl_odeiv_control_y_new(eps_abs, eps_rel)</c> (a_y = 1, a_dydt = 0) or <c>gsl_odeiv_control_yp_new</c>
/// (a_y = 0, a_dydt = 1).
/// </summary>
internal readonly record struct StepControl(double EpsAbs, double EpsRel, double AY, double ADydt)
{
    /// <summary>Control on the values (<c>gsl_odeiv_control_y_new</c>).</summary>
    public static StepControl OnValues(double epsAbs, double epsRel) => new(epsAbs, epsRel, 1.0, 0.0);

    /// <summary>Control on the derivatives (<c>gsl_odeiv_control_yp_new</c>).</summary>
    public static StepControl OnDerivatives(double epsAbs, double epsRel) => new(epsAbs, epsRel, 0.0, 1.0);
}

/// <summary>
/// The embedded Runge–Kutta–Fehlberg 4(5) method with adaptive step size as GSL's <c>gsl_odeiv</c> interface runs it,
/// which NEST uses for its conductance-based, adaptive and Hodgkin–Huxley neurons: one call of <see cref="Evolve"/> is
/// one <c>gsl_odeiv_evolve_apply</c> (a step from t towards t1 that is retried with a smaller step while the control
/// rejects it, then a suggested next step size), and <see cref="Advance"/> repeats it until t1, as NEST's update does
/// for each time step. The step size is the caller's (NEST keeps one per neuron, from one time step to the next).
/// </summary>
/// <remarks>
/// Written from GSL's documentation and its published method: Fehlberg's tableau, the fifth-order solution as the
/// result and the difference to the fourth order as the error, the derivative at the start reused over retries and the
/// one at the end given to the control (which with a_dydt = 1 weighs the error by it), the control's safety factor 0.9
/// with a decrease by at most 5× when the largest scaled error exceeds 1.1 and an increase by at most 5× when it is
/// below 0.5, and the last step of an interval cut to end exactly at t1. The sums are taken in the tableau's order, so
/// the arithmetic is GSL's operation for operation. Allocation-free: the scratch space is the caller's
/// (<see cref="ScratchLength"/> doubles).
/// </remarks>
internal static class Rkf45
{
    // Fehlberg's coefficients: stage times, the stages' weights, the fifth-order weights and the error weights.
    internal const double A2 = 1.0 / 4.0, A3 = 3.0 / 8.0, A4 = 12.0 / 13.0, A5 = 1.0, A6 = 1.0 / 2.0;
    internal const double B31 = 3.0 / 32.0, B32 = 9.0 / 32.0;
    internal const double B41 = 1932.0 / 2197.0, B42 = -7200.0 / 2197.0, B43 = 7296.0 / 2197.0;
    internal const double B51 = 8341.0 / 4104.0, B52 = -32832.0 / 4104.0, B53 = 29440.0 / 4104.0, B54 = -845.0 / 4104.0;
    internal const double B61 = -6080.0 / 20520.0, B62 = 41040.0 / 20520.0, B63 = -28352.0 / 20520.0, B64 = 9295.0 / 20520.0, B65 = -5643.0 / 20520.0;
    internal const double C1 = 902880.0 / 7618050.0, C3 = 3953664.0 / 7618050.0, C4 = 3855735.0 / 7618050.0, C5 = -1371249.0 / 7618050.0, C6 = 277020.0 / 7618050.0;
    internal const double E1 = 1.0 / 360.0, E3 = -128.0 / 4275.0, E4 = -2197.0 / 75240.0, E5 = 1.0 / 50.0, E6 = 2.0 / 55.0;

    /// <summary>The method's order as the control uses it.</summary>
    private const double Order = 5.0;

    /// <summary>
    /// Errors beyond which the control's factor is cut to its bound whatever the power's rounding: 0.9/r^(1/5) &lt; 0.2 for
    /// r &gt; 4.5⁵ ≈ 1845 (taken with a margin: 2000), and 0.9/r^(1/6) &gt; 5 for r &lt; 0.18⁶ ≈ 3.4·10⁻⁵ (taken: 3·10⁻⁵).
    /// </summary>
    private const double CertainlySmallest = 2000.0, CertainlyLargest = 3e-5;

    /// <summary>C's DBL_MIN, where the control's largest error starts.</summary>
    private const double SmallestNormal = 2.2250738585072014e-308;

    /// <summary>Scratch doubles one integration of a system of <paramref name="dimension"/> equations needs.</summary>
    public static int ScratchLength(int dimension) => 11 * dimension;

    /// <summary>Integrates from t = 0 to <paramref name="t1"/>, step after step (NEST's <c>while (t &lt; step)</c> loop).</summary>
    public static void Advance<TSystem>(ref TSystem system, Span<double> y, double t1, ref double h, in StepControl control, Span<double> scratch)
        where TSystem : struct, IOdeSystem
    {
        double t = 0.0;
        while (t < t1)
        {
            Evolve(ref system, y, ref t, t1, ref h, in control, scratch);
        }
    }

    /// <summary>
    /// One accepted step from <paramref name="t"/> towards <paramref name="t1"/> (<c>gsl_odeiv_evolve_apply</c>): on return
    /// <paramref name="y"/> holds the state at the new <paramref name="t"/> (t1 exactly when the step reached it) and
    /// <paramref name="h"/> the step size the control suggests next.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Evolve<TSystem>(ref TSystem system, Span<double> y, ref double t, double t1, ref double h, in StepControl control, Span<double> scratch)
        where TSystem : struct, IOdeSystem
    {
        int n = y.Length;
        var y0 = scratch[..n];
        var dydtIn = scratch.Slice(n, n);
        var dydtOut = scratch.Slice(2 * n, n);
        var yerr = scratch.Slice(3 * n, n);
        var stages = scratch.Slice(4 * n, 7 * n);
        double t0 = t;
        double dt = t1 - t0;
        double h0 = h;
        y.CopyTo(y0);
        system.Derivatives(y, dydtIn);
        while (true)
        {
            bool final = h0 > dt;
            if (final)
            {
                h0 = dt;
            }

            Step(ref system, y, h0, dydtIn, dydtOut, yerr, stages);
            t = final ? t1 : t0 + h0;
            double hOld = h0;
            if (Adjust(in control, y, yerr, dydtOut, ref h0))
            {
                // The step was too large: undo it and try again with the smaller one, unless it no longer decreases
                // or no longer moves t.
                if (Math.Abs(h0) < Math.Abs(hOld) && t + h0 != t)
                {
                    y0.CopyTo(y);
                    continue;
                }

                h0 = hOld;
            }

            h = h0;
            return;
        }
    }

    /// <summary>One Fehlberg step of size <paramref name="h"/> from the state in <paramref name="y"/> (replaced by the result).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Step<TSystem>(ref TSystem system, Span<double> y, double h, ReadOnlySpan<double> k1, Span<double> dydtOut, Span<double> yerr, Span<double> stages)
        where TSystem : struct, IOdeSystem
    {
        int n = y.Length;
        var k2 = stages[..n];
        var k3 = stages.Slice(n, n);
        var k4 = stages.Slice(2 * n, n);
        var k5 = stages.Slice(3 * n, n);
        var k6 = stages.Slice(4 * n, n);
        var ytmp = stages.Slice(5 * n, n);

        for (int i = 0; i < n; i++)
        {
            ytmp[i] = y[i] + A2 * h * k1[i];
        }

        system.Derivatives(ytmp, k2);
        for (int i = 0; i < n; i++)
        {
            ytmp[i] = y[i] + h * (B31 * k1[i] + B32 * k2[i]);
        }

        system.Derivatives(ytmp, k3);
        for (int i = 0; i < n; i++)
        {
            ytmp[i] = y[i] + h * (B41 * k1[i] + B42 * k2[i] + B43 * k3[i]);
        }

        system.Derivatives(ytmp, k4);
        for (int i = 0; i < n; i++)
        {
            ytmp[i] = y[i] + h * (B51 * k1[i] + B52 * k2[i] + B53 * k3[i] + B54 * k4[i]);
        }

        system.Derivatives(ytmp, k5);
        for (int i = 0; i < n; i++)
        {
            ytmp[i] = y[i] + h * (B61 * k1[i] + B62 * k2[i] + B63 * k3[i] + B64 * k4[i] + B65 * k5[i]);
        }

        system.Derivatives(ytmp, k6);
        for (int i = 0; i < n; i++)
        {
            double d = C1 * k1[i] + C3 * k3[i] + C4 * k4[i] + C5 * k5[i] + C6 * k6[i];
            y[i] += h * d;
        }

        system.Derivatives(y, dydtOut);
        for (int i = 0; i < n; i++)
        {
            yerr[i] = h * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i]);
        }
    }

    /// <summary>
    /// The standard control's verdict on a step of size <paramref name="h"/> (replaced by the suggested size): true when
    /// the step must be decreased (the largest scaled error exceeds 1.1).
    /// </summary>
    internal static bool Adjust(in StepControl c, ReadOnlySpan<double> y, ReadOnlySpan<double> yerr, ReadOnlySpan<double> dydt, ref double h)
    {
        double hOld = h;
        double rmax = SmallestNormal;
        for (int i = 0; i < y.Length; i++)
        {
            double d0 = c.EpsRel * (c.AY * Math.Abs(y[i]) + c.ADydt * Math.Abs(hOld * dydt[i])) + c.EpsAbs;
            double r = Math.Abs(yerr[i]) / Math.Abs(d0);
            // A NaN ratio leaves the maximum as it is (GSL's comparison).
            rmax = r > rmax ? r : rmax;
        }

        return Decide(rmax, ref h);
    }

    /// <summary>C's DBL_MIN, where the control's largest error starts (for the lane-parallel integrator).</summary>
    internal const double LargestErrorStart = SmallestNormal;

    /// <summary>
    /// The control's decision from the largest scaled error <paramref name="rmax"/>: a decrease (true) when it exceeds 1.1,
    /// an increase of <paramref name="h"/> when it is below 0.5.
    /// </summary>
    internal static bool Decide(double rmax, ref double h)
    {
        const double Safety = 0.9;
        double hOld = h;
        if (rmax > 1.1)
        {
            // Far above the bound the factor is certainly cut to 0.2: no power needed (the result is the same).
            double r = rmax > CertainlySmallest ? 0.2 : Safety / Math.Pow(rmax, 1.0 / Order);
            h = (r < 0.2 ? 0.2 : r) * hOld;
            return true;
        }

        if (rmax < 0.5)
        {
            // Far below it the factor is certainly cut to 5.
            double r = rmax < CertainlyLargest ? 5.0 : Safety / Math.Pow(rmax, 1.0 / (Order + 1.0));
            r = r > 5.0 ? 5.0 : r;
            h = (r < 1.0 ? 1.0 : r) * hOld;
        }

        return false;
    }
}
