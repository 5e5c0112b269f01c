using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NeuroKernel.Numerics;

/// <summary>The right-hand side of four systems at once: component i of the four in one vector (lane k = system k).</summary>
internal interface IOdeLaneSystem
{
    /// <summary>Writes f(<paramref name="y"/>) into <paramref name="dydt"/>, lane by lane the same arithmetic as the scalar system.</summary>
    void Derivatives(ReadOnlySpan<Vector256<double>> y, Span<Vector256<double>> dydt);
}

/// <summary>
/// <see cref="Rkf45"/> for four systems side by side (one per lane of a <see cref="Vector256{T}"/>): each lane takes
/// exactly the steps, retries and step sizes the scalar integrator takes for its system, with the same operations in the
/// same order, so its result is bit for bit the scalar one. A lane that needs more integrator steps, or a retry, makes the
/// others wait (their state is kept by masks), never changes their values.
/// </summary>
/// <remarks>
/// Each round is one attempted Fehlberg step for every lane that is still integrating. A lane that starts a new
/// <c>evolve_apply</c> first takes the derivative at its state (the scalar integrator's <c>dydt_in</c>, reused over
/// retries); the control's largest scaled error is taken for all lanes at once with the scalar arithmetic, and its
/// decision is the scalar one (<see cref="Rkf45.Decide"/>), lane by lane.
/// </remarks>
internal static class Rkf45Lanes
{
    /// <summary>How many lanes a vector holds.</summary>
    public const int Lanes = 4;

    // Fehlberg's tableau: the scalar integrator's constants, so that the two cannot drift apart.
    private const double A2 = Rkf45.A2;
    private const double B31 = Rkf45.B31, B32 = Rkf45.B32;
    private const double B41 = Rkf45.B41, B42 = Rkf45.B42, B43 = Rkf45.B43;
    private const double B51 = Rkf45.B51, B52 = Rkf45.B52, B53 = Rkf45.B53, B54 = Rkf45.B54;
    private const double B61 = Rkf45.B61, B62 = Rkf45.B62, B63 = Rkf45.B63, B64 = Rkf45.B64, B65 = Rkf45.B65;
    private const double C1 = Rkf45.C1, C3 = Rkf45.C3, C4 = Rkf45.C4, C5 = Rkf45.C5, C6 = Rkf45.C6;
    private const double E1 = Rkf45.E1, E3 = Rkf45.E3, E4 = Rkf45.E4, E5 = Rkf45.E5, E6 = Rkf45.E6;

    /// <summary>Vectors of scratch one integration of a system of <paramref name="dimension"/> equations needs.</summary>
    public static int ScratchLength(int dimension) => 13 * dimension;

    /// <summary>
    /// Integrates each lane from t = 0 to <paramref name="t1"/> (NEST's <c>while (t &lt; step)</c> of evolve_apply calls),
    /// with its own step size <paramref name="h"/>[lane], kept from call to call as the scalar integrator keeps it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Advance<TSystem>(ref TSystem system, Span<Vector256<double>> y, double t1, Span<double> h, in StepControl control, Span<Vector256<double>> scratch)
        where TSystem : struct, IOdeLaneSystem
    {
        int n = y.Length;
        var y0 = scratch[..n];
        var dydtIn = scratch.Slice(n, n);
        var dydtOut = scratch.Slice(2 * n, n);
        var yerr = scratch.Slice(3 * n, n);
        var yNew = scratch.Slice(4 * n, n);
        var fresh = scratch.Slice(5 * n, n);
        var stages = scratch.Slice(6 * n, 7 * n);
        Span<double> t = stackalloc double[Lanes], t0 = stackalloc double[Lanes], dt = stackalloc double[Lanes], h0 = stackalloc double[Lanes];
        Span<bool> final = stackalloc bool[Lanes];
        t.Clear();
        Span<double> rmax = stackalloc double[Lanes];
        var epsRel = Vector256.Create(control.EpsRel);
        var epsAbs = Vector256.Create(control.EpsAbs);
        var aY = Vector256.Create(control.AY);
        var aDydt = Vector256.Create(control.ADydt);
        int starting = 0b1111, active = 0b1111;
        while (active != 0)
        {
            if (starting != 0)
            {
                // Lanes that begin an evolve_apply: their state is its start, their derivative there is kept over retries.
                system.Derivatives(y, fresh);
                var mask = Mask(starting);
                for (int i = 0; i < n; i++)
                {
                    y0[i] = Vector256.ConditionalSelect(mask, y[i], y0[i]);
                    dydtIn[i] = Vector256.ConditionalSelect(mask, fresh[i], dydtIn[i]);
                }

                for (int lane = 0; lane < Lanes; lane++)
                {
                    if ((starting & (1 << lane)) != 0)
                    {
                        (t0[lane], dt[lane], h0[lane]) = (t[lane], t1 - t[lane], h[lane]);
                    }
                }

                starting = 0;
            }

            for (int lane = 0; lane < Lanes; lane++)
            {
                final[lane] = h0[lane] > dt[lane];
                if (final[lane])
                {
                    h0[lane] = dt[lane];
                }
            }

            var hv = Vector256.Create(h0[0], h0[1], h0[2], h0[3]);
            Step(ref system, y0, hv, dydtIn, yNew, dydtOut, yerr, stages);
            // The control's largest scaled error, lane by lane in the scalar order of components (NaN ratios ignored).
            var largest = Vector256.Create(Rkf45.LargestErrorStart);
            for (int i = 0; i < n; i++)
            {
                var d0 = (epsRel * ((aY * Vector256.Abs(yNew[i])) + (aDydt * Vector256.Abs(hv * dydtOut[i])))) + epsAbs;
                var r = Vector256.Abs(yerr[i]) / Vector256.Abs(d0);
                largest = Vector256.ConditionalSelect(Vector256.GreaterThan(r, largest), r, largest);
            }

            largest.CopyTo(rmax);
            int accepted = 0;
            for (int lane = 0; lane < Lanes; lane++)
            {
                if ((active & (1 << lane)) == 0)
                {
                    continue;
                }

                double tNew = final[lane] ? t1 : t0[lane] + h0[lane];
                double hOld = h0[lane];
                if (Rkf45.Decide(rmax[lane], ref h0[lane]))
                {
                    if (Math.Abs(h0[lane]) < Math.Abs(hOld) && tNew + h0[lane] != tNew)
                    {
                        // Too large: the lane tries again from its start with the smaller step.
                        continue;
                    }

                    h0[lane] = hOld;
                }

                accepted |= 1 << lane;
                t[lane] = tNew;
                h[lane] = h0[lane];
                if (t[lane] < t1)
                {
                    starting |= 1 << lane;
                }
                else
                {
                    active &= ~(1 << lane);
                }
            }

            if (accepted != 0)
            {
                var mask = Mask(accepted);
                for (int i = 0; i < n; i++)
                {
                    y[i] = Vector256.ConditionalSelect(mask, yNew[i], y[i]);
                }
            }
        }
    }

    /// <summary>A mask with all bits set in the lanes whose bit is set in <paramref name="lanes"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Mask(int lanes) => Vector256.Create(
        (lanes & 1) != 0 ? -1L : 0L, (lanes & 2) != 0 ? -1L : 0L, (lanes & 4) != 0 ? -1L : 0L, (lanes & 8) != 0 ? -1L : 0L).AsDouble();

    /// <summary>One Fehlberg step of size <paramref name="h"/> (per lane) from <paramref name="y"/> into <paramref name="yNew"/>, in the scalar step's order of operations.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Step<TSystem>(ref TSystem system, ReadOnlySpan<Vector256<double>> y, Vector256<double> h, ReadOnlySpan<Vector256<double>> k1,
        Span<Vector256<double>> yNew, Span<Vector256<double>> dydtOut, Span<Vector256<double>> yerr, Span<Vector256<double>> stages)
        where TSystem : struct, IOdeLaneSystem
    {
        int n = y.Length;
        var k2 = stages[..n];
        var k3 = stages.Slice(n, n);
        var k4 = stages.Slice(2 * n, n);
        var k5 = stages.Slice(3 * n, n);
        var k6 = stages.Slice(4 * n, n);
        var ytmp = stages.Slice(5 * n, n);
        var a2h = A2 * h;
        for (int i = 0; i < n; i++)
        {
            ytmp[i] = y[i] + (a2h * k1[i]);
        }

        system.Derivatives(ytmp, k2);
        for (int i = 0; i < n; i++)
        {
            ytmp[i] = y[i] + (h * ((B31 * k1[i]) + (B32 * k2[i])));
        }

        system.Derivatives(ytmp, k3);
        for (int i = 0; i < n; i++)
        {
            ytmp[i] = y[i] + (h * ((B41 * k1[i]) + (B42 * k2[i]) + (B43 * k3[i])));
        }

        system.Derivatives(ytmp, k4);
        for (int i = 0; i < n; i++)
        {
            ytmp[i] = y[i] + (h * ((B51 * k1[i]) + (B52 * k2[i]) + (B53 * k3[i]) + (B54 * k4[i])));
        }

        system.Derivatives(ytmp, k5);
        for (int i = 0; i < n; i++)
        {
            ytmp[i] = y[i] + (h * ((B61 * k1[i]) + (B62 * k2[i]) + (B63 * k3[i]) + (B64 * k4[i]) + (B65 * k5[i])));
        }

        system.Derivatives(ytmp, k6);
        for (int i = 0; i < n; i++)
        {
            var d = (C1 * k1[i]) + (C3 * k3[i]) + (C4 * k4[i]) + (C5 * k5[i]) + (C6 * k6[i]);
            yNew[i] = y[i] + (h * d);
        }

        system.Derivatives(yNew, dydtOut);
        for (int i = 0; i < n; i++)
        {
            yerr[i] = h * ((E1 * k1[i]) + (E3 * k3[i]) + (E4 * k4[i]) + (E5 * k5[i]) + (E6 * k6[i]));
        }
    }
}
