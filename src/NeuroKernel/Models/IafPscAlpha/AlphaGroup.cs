using System.Runtime.CompilerServices;
using NeuroKernel.Models.Neurons;

namespace NeuroKernel.Models.IafPscAlpha;

/// <summary>
/// The equations of <c>iaf_psc_alpha</c>, written once for one neuron or eight: the state of a group of neurons and its
/// exact-integration step in NEST's order.
/// </summary>
internal struct AlphaGroup<T, TMask> : INeuronGroup<AlphaGroup<T, TMask>, T, TMask, AlphaConstants<T, TMask>, AlphaArrays>
    where T : struct, ILane<T, TMask>
{
    private T _v, _r, _dIEx, _iEx, _dIIn, _iIn, _drive;

    public static bool SumsSpikes => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static AlphaGroup<T, TMask> Load(in AlphaArrays arrays, nuint k, in AlphaConstants<T, TMask> c) => new()
    {
        _v = T.Load(ref arrays.V, k),
        _r = T.Load(ref arrays.Refractory, k),
        _dIEx = T.Load(ref arrays.DIEx, k),
        _iEx = T.Load(ref arrays.IEx, k),
        _dIIn = T.Load(ref arrays.DIIn, k),
        _iIn = T.Load(ref arrays.IIn, k),
        // y0 + I_e: the DC input of the step (constant through a slice without current generators).
        _drive = T.Load(ref arrays.Y0, k) + T.Load(ref arrays.IE, k),
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Store(in AlphaArrays arrays, nuint k)
    {
        T.Store(_v, ref arrays.V, k);
        T.Store(_r, ref arrays.Refractory, k);
        T.Store(_dIEx, ref arrays.DIEx, k);
        T.Store(_iEx, ref arrays.IEx, k);
        T.Store(_dIIn, ref arrays.DIIn, k);
        T.Store(_iIn, ref arrays.IIn, k);
    }

    /// <summary>NEST's last statement of the step: y0 = the current that arrived for the next step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TakeCurrents(in AlphaArrays arrays, nuint k, ref double current, ref double filtered, bool hasFiltered) =>
        T.Store(T.Load(ref current, k), ref arrays.Y0, k);

    /// <summary>
    /// One step: the membrane (unless refractory) from the old currents, then the currents, then this step's spike input
    /// into the derivative states, then threshold and reset.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TMask Step(in AlphaConstants<T, TMask> c, T ex, T inh)
    {
        // V = P30·(y0 + I_e) + P31ex·dIex + P32ex·Iex + P31in·dIin + P32in·Iin + expm1(−h/tau_m)·V + V, bounded below by V_min.
        var candidate = c.P30 * _drive + c.P31Ex * _dIEx + c.P32Ex * _iEx + c.P31In * _dIIn + c.P32In * _iIn + c.Expm1 * _v + _v;
        candidate = T.AtLeast(candidate, c.VMin);
        var free = T.IsZero(_r);
        _v = T.Select(free, candidate, _v);
        _r = T.Select(free, _r, _r - T.One);

        _iEx = c.P21Ex * _dIEx + c.P22Ex * _iEx;
        _dIEx = c.P11Ex * _dIEx + c.PscEx * ex;
        _iIn = c.P21In * _dIIn + c.P22In * _iIn;
        _dIIn = c.P11In * _dIIn + c.PscIn * inh;
        return c.Threshold.Fire(ref _v, ref _r);
    }
}
