using System.Runtime.CompilerServices;
using NeuroKernel.Models.Neurons;

namespace NeuroKernel.Models.IafPscAlpha;

/// <summary>The propagators of <c>iaf_psc_alpha</c> and its threshold as lane values, for <see cref="AlphaGroup{T, TMask}"/>.</summary>
internal struct AlphaConstants<T, TMask> : IPropagatorLanes<AlphaConstants<T, TMask>, IafPscAlphaPropagators>
    where T : struct, ILane<T, TMask>
{
    public T P30, P31Ex, P32Ex, P31In, P32In, Expm1, P11Ex, P21Ex, P22Ex, P11In, P21In, P22In, PscEx, PscIn, VMin;
    public Threshold<T, TMask> Threshold;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static AlphaConstants<T, TMask> Create(in IafPscAlphaPropagators p) => new()
        {
            P30 = T.Broadcast(p.P30),
            P31Ex = T.Broadcast(p.P31Ex),
            P32Ex = T.Broadcast(p.P32Ex),
            P31In = T.Broadcast(p.P31In),
            P32In = T.Broadcast(p.P32In),
            Expm1 = T.Broadcast(p.Expm1TauM),
            P11Ex = T.Broadcast(p.P11Ex),
            P21Ex = T.Broadcast(p.P21Ex),
            P22Ex = T.Broadcast(p.P22Ex),
            P11In = T.Broadcast(p.P11In),
            P21In = T.Broadcast(p.P21In),
            P22In = T.Broadcast(p.P22In),
            PscEx = T.Broadcast(p.PscInitialEx),
            PscIn = T.Broadcast(p.PscInitialIn),
            VMin = T.Broadcast(p.VMin),
            Threshold = Threshold<T, TMask>.Create(p.VTh, p.VReset, p.RefractorySteps),
        };
}
