using System.Runtime.CompilerServices;
using NeuroKernel.Models.Neurons;

namespace NeuroKernel.Models.IafPscExp;

/// <summary>The propagators of <c>iaf_psc_exp</c> and its threshold as lane values, for <see cref="ExpGroup{T, TMask}"/>.</summary>
internal struct ExpConstants<T, TMask> : IPropagatorLanes<ExpConstants<T, TMask>, IafPscExpPropagators>
    where T : struct, ILane<T, TMask>
{
    public T P22, P20, P21Ex, P21In, P11Ex, P11In, FilterGain;
    public Threshold<T, TMask> Threshold;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ExpConstants<T, TMask> Create(in IafPscExpPropagators p) => new()
    {
        P22 = T.Broadcast(p.P22),
        P20 = T.Broadcast(p.P20),
        P21Ex = T.Broadcast(p.P21Ex),
        P21In = T.Broadcast(p.P21In),
        P11Ex = T.Broadcast(p.P11Ex),
        P11In = T.Broadcast(p.P11In),
        // Receptor 1's current reaches I_syn_ex through the excitatory synapse's filter: (1 − P11ex)·i_1.
        FilterGain = T.Broadcast(1.0 - p.P11Ex),
        Threshold = Threshold<T, TMask>.Create(p.VTh, p.VReset, p.RefractorySteps),
    };
}
