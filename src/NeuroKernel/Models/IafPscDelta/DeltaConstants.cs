using System.Runtime.CompilerServices;
using NeuroKernel.Models.Neurons;

namespace NeuroKernel.Models.IafPscDelta;

/// <summary>The propagators of <c>iaf_psc_delta</c> and its threshold as lane values, for <see cref="DeltaGroup{T, TMask, TRefractoryInput}"/>.</summary>
internal struct DeltaConstants<T, TMask> : IPropagatorLanes<DeltaConstants<T, TMask>, IafPscDeltaPropagators>
    where T : struct, ILane<T, TMask>
{
    public T P30, P33, VMin, DecayPerStep;
    public Threshold<T, TMask> Threshold;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DeltaConstants<T, TMask> Create(in IafPscDeltaPropagators p) => new()
    {
        P30 = T.Broadcast(p.P30),
        P33 = T.Broadcast(p.P33),
        VMin = T.Broadcast(p.VMin),
        DecayPerStep = T.Broadcast(p.DecayPerStep),
        Threshold = Threshold<T, TMask>.Create(p.VTh, p.VReset, p.RefractorySteps),
    };
}
