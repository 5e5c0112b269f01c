using NeuroKernel.Kernel;
using NeuroKernel.Numerics;

namespace NeuroKernel.Models.IafPscAlpha;

/// <summary>
/// Exact-integration constants of <c>iaf_psc_alpha</c> for one step h, computed before a run (NEST's
/// <c>pre_run_hook</c>), never inside the step.
/// </summary>
internal readonly record struct IafPscAlphaPropagators : Neurons.IPropagators
{
    public IafPscAlphaPropagators(IafPscAlphaParameters q, TimeGrid grid)
    {
        var p = q.Membrane;
        double h = grid.Resolution;
        P11Ex = P22Ex = Math.Exp(-h / q.TauSynEx);
        P21Ex = h * P11Ex;
        P11In = P22In = Math.Exp(-h / q.TauSynIn);
        P21In = h * P11In;
        Expm1TauM = ExactIntegration.ExpM1(-h / p.TauM);
        P30 = ExactIntegration.P30(p.TauM, p.CM, h);
        P31Ex = ExactIntegration.P31(q.TauSynEx, p.TauM, p.CM, h);
        P32Ex = ExactIntegration.P32(q.TauSynEx, p.TauM, p.CM, h);
        P31In = ExactIntegration.P31(q.TauSynIn, p.TauM, p.CM, h);
        P32In = ExactIntegration.P32(q.TauSynIn, p.TauM, p.CM, h);
        // A spike of weight w sets the derivative state to w·e/tau_syn, so the current peaks at w pA at t = tau_syn.
        PscInitialEx = Math.E / q.TauSynEx;
        PscInitialIn = Math.E / q.TauSynIn;
        RefractorySteps = grid.RoundHalfUp(p.TRef);
        VTh = p.VTh;
        VReset = p.VReset;
        VMin = p.VMin;
    }

    public double P11Ex { get; }
    public double P21Ex { get; }
    public double P22Ex { get; }
    public double P11In { get; }
    public double P21In { get; }
    public double P22In { get; }
    public double Expm1TauM { get; }
    public double P30 { get; }
    public double P31Ex { get; }
    public double P32Ex { get; }
    public double P31In { get; }
    public double P32In { get; }
    public double PscInitialEx { get; }
    public double PscInitialIn { get; }
    public long RefractorySteps { get; }
    public double VTh { get; }
    public double VReset { get; }
    public double VMin { get; }

    /// <summary>The derived numbers (V_th, V_reset and V_min are parameters, checked when set; V_min may be −∞).</summary>
    public (string Name, double Value)? FirstNonFinite() => Neurons.PropagatorCheck.FirstNonFinite(
        (nameof(P11Ex), P11Ex), (nameof(P21Ex), P21Ex), (nameof(P22Ex), P22Ex), (nameof(P11In), P11In), (nameof(P21In), P21In), (nameof(P22In), P22In),
        (nameof(Expm1TauM), Expm1TauM), (nameof(P30), P30), (nameof(P31Ex), P31Ex), (nameof(P32Ex), P32Ex), (nameof(P31In), P31In), (nameof(P32In), P32In),
        (nameof(PscInitialEx), PscInitialEx), (nameof(PscInitialIn), PscInitialIn));
}
