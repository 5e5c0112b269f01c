using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NeuroKernel.Models.Neurons;

/// <summary>
/// Eight neurons at a time in one <c>Vector512&lt;double&gt;</c> (where the CPU lacks AVX-512, .NET runs it as two
/// <c>Vector256</c> halves, with the same results).
/// </summary>
internal readonly struct Lane8(Vector512<double> value) : ILane<Lane8, Vector512<double>>
{
    private readonly Vector512<double> _value = value;

    public static int Width => Vector512<double>.Count;

    public static Lane8 Zero => new(Vector512<double>.Zero);

    public static Lane8 One => new(Vector512<double>.One);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane8 operator +(Lane8 left, Lane8 right) => new(left._value + right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane8 operator -(Lane8 left, Lane8 right) => new(left._value - right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane8 operator *(Lane8 left, Lane8 right) => new(left._value * right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane8 operator -(Lane8 value) => new(-value._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane8 Broadcast(double value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane8 Load(ref double origin, nuint index) => new(Vector512.LoadUnsafe(ref origin, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lane8 value, ref double origin, nuint index) => Vector512.StoreUnsafe(value._value, ref origin, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> IsZero(Lane8 value) => Vector512.Equals(value._value, Vector512<double>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> IsGreaterOrEqual(Lane8 left, Lane8 right) => Vector512.GreaterThanOrEqual(left._value, right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane8 Select(Vector512<double> mask, Lane8 ifTrue, Lane8 ifFalse) => new(Vector512.ConditionalSelect(mask, ifTrue._value, ifFalse._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane8 AtLeast(Lane8 value, Lane8 bound) =>
        new(Vector512.ConditionalSelect(Vector512.LessThan(value._value, bound._value), bound._value, value._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane8 IfZero(Lane8 test, Lane8 ifZero, Lane8 otherwise) =>
        new(Vector512.ConditionalSelect(Vector512.Equals(test._value, Vector512<double>.Zero), ifZero._value, otherwise._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Bits(Vector512<double> mask) => (uint)mask.ExtractMostSignificantBits();

    /// <summary>Lane by lane with <see cref="Math.Exp"/>: a vectorized exp would round differently from the scalar path.</summary>
    public static Lane8 Exp(Lane8 x) => new(Vector512.Create(
        Math.Exp(x._value[0]), Math.Exp(x._value[1]), Math.Exp(x._value[2]), Math.Exp(x._value[3]),
        Math.Exp(x._value[4]), Math.Exp(x._value[5]), Math.Exp(x._value[6]), Math.Exp(x._value[7])));
}
