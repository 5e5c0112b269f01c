using System.Runtime.CompilerServices;
using NeuroKernel.Models.Neurons;

namespace NeuroKernel.Models.IafPscDelta;

/// <summary>
/// The equations of <c>iaf_psc_delta</c>, written once for one neuron or eight: the state of a group of neurons and its
/// exact-integration step in NEST's order. A spike of either sign jumps V_m, so the step gets the sum of the spike input.
/// <typeparamref name="TRefractoryInput"/> says whether spikes that arrive while refractory are kept (refractory_input):
/// that needs exp() per neuron, a call the usual loop is compiled without.
/// </summary>
internal struct DeltaGroup<T, TMask, TRefractoryInput> : INeuronGroup<DeltaGroup<T, TMask, TRefractoryInput>, T, TMask, DeltaConstants<T, TMask>, DeltaArrays>
    where T : struct, ILane<T, TMask>
    where TRefractoryInput : struct, IFlag
{
    private T _v, _r, _refractoryInput, _drive;

    public static bool SumsSpikes => true;

    /// <summary>The mask bits of a group whose lanes are all free (not refractory).</summary>
    private static uint AllFree => (1u << T.Width) - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DeltaGroup<T, TMask, TRefractoryInput> Load(in DeltaArrays arrays, nuint k, in DeltaConstants<T, TMask> c) => new()
    {
        _v = T.Load(ref arrays.V, k),
        _r = T.Load(ref arrays.Refractory, k),
        _refractoryInput = T.Load(ref arrays.RefractoryInput, k),
        _drive = T.Load(ref arrays.Y0, k) + T.Load(ref arrays.IE, k),
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Store(in DeltaArrays arrays, nuint k)
    {
        T.Store(_v, ref arrays.V, k);
        T.Store(_r, ref arrays.Refractory, k);
        T.Store(_refractoryInput, ref arrays.RefractoryInput, k);
    }

    /// <summary>NEST's last statement of the step: y0 = the current that arrived for the next step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TakeCurrents(in DeltaArrays arrays, nuint k, ref double current, ref double filtered, bool hasFiltered) =>
        T.Store(T.Load(ref current, k), ref arrays.Y0, k);

    /// <summary>
    /// One step: the membrane decays, takes the DC input and this step's spikes (unless refractory), is bounded below by
    /// V_min; then threshold and reset. With refractory_input, spikes arriving while refractory are kept, decayed to the end
    /// of the refractory period, and added when it ends.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TMask Step(in DeltaConstants<T, TMask> c, T arriving, T unused)
    {
        // V = P30·(y0 + I_e) + P33·V + spikes (+ input kept from the refractory period), bounded below by V_min.
        var candidate = c.P30 * _drive + c.P33 * _v + arriving;
        candidate = T.AtLeast(T.IfZero(_refractoryInput, candidate, candidate + _refractoryInput), c.VMin);
        var free = T.IsZero(_r);
        _v = T.Select(free, candidate, _v);
        // Kept while refractory: arriving · exp(−r·h/tau_m), r the refractory steps left (before this step's count-down).
        // The exponential only where some lane is refractory: free lanes drop what is kept.
        var kept = TRefractoryInput.Value && T.Bits(free) != AllFree ? _refractoryInput + arriving * T.Exp(-_r * c.DecayPerStep) : _refractoryInput;
        _refractoryInput = T.Select(free, T.Zero, kept);
        _r = T.Select(free, _r, _r - T.One);
        return c.Threshold.Fire(ref _v, ref _r);
    }
}
