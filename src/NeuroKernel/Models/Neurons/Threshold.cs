using System.Runtime.CompilerServices;

namespace NeuroKernel.Models.Neurons;

/// <summary>Threshold, reset potential and refractory steps as lane values: the end of every integrate-and-fire step.</summary>
internal readonly struct Threshold<T, TMask>
    where T : struct, ILane<T, TMask>
{
    private readonly T _vTh, _vReset, _refractorySteps;

    private Threshold(T vTh, T vReset, T refractorySteps) => (_vTh, _vReset, _refractorySteps) = (vTh, vReset, refractorySteps);

    public static Threshold<T, TMask> Create(double vTh, double vReset, long refractorySteps) =>
        new(T.Broadcast(vTh), T.Broadcast(vReset), T.Broadcast(refractorySteps));

    /// <summary>
    /// NEST's threshold: lanes at or above V_th are reset to V_reset and start their refractory count. Returns them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TMask Fire(ref T v, ref T r)
    {
        var fire = T.IsGreaterOrEqual(v, _vTh);
        v = T.Select(fire, _vReset, v);
        r = T.Select(fire, _refractorySteps, r);
        return fire;
    }
}
