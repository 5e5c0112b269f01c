using System.Runtime.CompilerServices;

namespace NeuroKernel.Models.Neurons;

/// <summary>One neuron at a time: the scalar path, and the neurons after a population's last whole vector.</summary>
internal readonly struct Lane1(double value) : ILane<Lane1, bool>
{
    private readonly double _value = value;

    public static int Width => 1;

    public static Lane1 Zero => new(0.0);

    public static Lane1 One => new(1.0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 operator +(Lane1 left, Lane1 right) => new(left._value + right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 operator -(Lane1 left, Lane1 right) => new(left._value - right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 operator *(Lane1 left, Lane1 right) => new(left._value * right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 operator -(Lane1 value) => new(-value._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 Broadcast(double value) => new(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 Load(ref double origin, nuint index) => new(Unsafe.Add(ref origin, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lane1 value, ref double origin, nuint index) => Unsafe.Add(ref origin, index) = value._value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsZero(Lane1 value) => value._value == 0.0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsGreaterOrEqual(Lane1 left, Lane1 right) => left._value >= right._value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 Select(bool mask, Lane1 ifTrue, Lane1 ifFalse) => mask ? ifTrue : ifFalse;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 AtLeast(Lane1 value, Lane1 bound) => value._value < bound._value ? bound : value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 IfZero(Lane1 test, Lane1 ifZero, Lane1 otherwise) => test._value == 0.0 ? ifZero : otherwise;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Bits(bool mask) => mask ? 1u : 0u;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 Exp(Lane1 x) => new(Math.Exp(x._value));
}
