using System.Runtime.CompilerServices;
using NeuroKernel.Models.Neurons;

namespace NeuroKernel.Models.IafPscExp;

/// <summary>
/// The equations of <c>iaf_psc_exp</c>, written once for one neuron or eight: the state of a group of neurons and its
/// exact-integration step in NEST's order.
/// </summary>
internal struct ExpGroup<T, TMask> : INeuronGroup<ExpGroup<T, TMask>, T, TMask, ExpConstants<T, TMask>, ExpArrays>
    where T : struct, ILane<T, TMask>
{
    private T _v, _r, _iEx, _iIn, _drive, _filtered;

    public static bool SumsSpikes => false;

    /// <summary>
    /// The state, and what drives a step: (I_e + y0)·P20 and the filtered receptor-1 current (1 − P11ex)·i_1 (both the same
    /// through a slice without current generators).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ExpGroup<T, TMask> Load(in ExpArrays arrays, nuint k, in ExpConstants<T, TMask> c) => new()
    {
        _v = T.Load(ref arrays.V, k),
        _r = T.Load(ref arrays.Refractory, k),
        _iEx = T.Load(ref arrays.IEx, k),
        _iIn = T.Load(ref arrays.IIn, k),
        _drive = (T.Load(ref arrays.IE, k) + T.Load(ref arrays.Y0, k)) * c.P20,
        _filtered = c.FilterGain * T.Load(ref arrays.I1, k),
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Store(in ExpArrays arrays, nuint k)
    {
        T.Store(_v, ref arrays.V, k);
        T.Store(_r, ref arrays.Refractory, k);
        T.Store(_iEx, ref arrays.IEx, k);
        T.Store(_iIn, ref arrays.IIn, k);
    }

    /// <summary>The input of the next step: y0 = the current that arrived, i_1 = receptor 1's current.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TakeCurrents(in ExpArrays arrays, nuint k, ref double current, ref double filtered, bool hasFiltered)
    {
        T.Store(T.Load(ref current, k), ref arrays.Y0, k);
        if (hasFiltered)
        {
            T.Store(T.Load(ref filtered, k), ref arrays.I1, k);
        }
    }

    /// <summary>
    /// One step: the membrane from the old currents (unless refractory), then the currents decay and take the previous
    /// step's receptor-1 current and this step's spikes, then threshold and reset.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TMask Step(in ExpConstants<T, TMask> c, T ex, T inh)
    {
        // V = V·P22 + I_ex·P21ex + I_in·P21in + (I_e + y0)·P20
        var candidate = _v * c.P22 + _iEx * c.P21Ex + _iIn * c.P21In + _drive;
        var free = T.IsZero(_r);
        _v = T.Select(free, candidate, _v);
        _r = T.Select(free, _r, _r - T.One);

        // I_ex = I_ex·P11ex + (1 − P11ex)·i_1 + spikes
        _iEx = _iEx * c.P11Ex + _filtered + ex;
        _iIn = _iIn * c.P11In + inh;
        return c.Threshold.Fire(ref _v, ref _r);
    }
}
