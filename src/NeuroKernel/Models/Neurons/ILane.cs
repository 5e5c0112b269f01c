using System.Numerics;

namespace NeuroKernel.Models.Neurons;

/// <summary>
/// The values of a group of neurons as a model's equations see them: one neuron (<see cref="Lane1"/>) or eight
/// (<see cref="Lane8"/>, one <c>Vector512&lt;double&gt;</c>), with the arithmetic operators and what a step needs besides. A
/// model writes its step once, generic over this, and the scalar, vector and whole-slice paths all run that one
/// definition; the arithmetic is the same operation for operation, so every path gives the same bits.
/// </summary>
/// <typeparam name="TSelf">The lane type.</typeparam>
/// <typeparam name="TMask">Which lanes a comparison holds for.</typeparam>
internal interface ILane<TSelf, TMask> :
    IAdditionOperators<TSelf, TSelf, TSelf>, ISubtractionOperators<TSelf, TSelf, TSelf>, IMultiplyOperators<TSelf, TSelf, TSelf>,
    IUnaryNegationOperators<TSelf, TSelf>
    where TSelf : struct, ILane<TSelf, TMask>
{
    /// <summary>Neurons per group.</summary>
    static abstract int Width { get; }

    static abstract TSelf Zero { get; }

    static abstract TSelf One { get; }

    /// <summary>The same value in every lane (a constant of the equations).</summary>
    static abstract TSelf Broadcast(double value);

    /// <summary>The values of neurons <paramref name="index"/> … + Width − 1 of an array.</summary>
    static abstract TSelf Load(ref double origin, nuint index);

    static abstract void Store(TSelf value, ref double origin, nuint index);

    static abstract TMask IsZero(TSelf value);

    static abstract TMask IsGreaterOrEqual(TSelf left, TSelf right);

    /// <summary>Per lane: <paramref name="ifTrue"/> where <paramref name="mask"/> holds, else <paramref name="ifFalse"/>.</summary>
    static abstract TSelf Select(TMask mask, TSelf ifTrue, TSelf ifFalse);

    /// <summary>
    /// Per lane: <paramref name="bound"/> where <paramref name="value"/> is below it, else <paramref name="value"/> (NEST's
    /// lower bound V_min). One operation, so that the vector form compares and blends in two instructions.
    /// </summary>
    static abstract TSelf AtLeast(TSelf value, TSelf bound);

    /// <summary>Per lane: <paramref name="ifZero"/> where <paramref name="test"/> is zero, else <paramref name="otherwise"/> (one operation, as <see cref="AtLeast"/>).</summary>
    static abstract TSelf IfZero(TSelf test, TSelf ifZero, TSelf otherwise);

    /// <summary>The lanes a mask holds for, lane i as bit i.</summary>
    static abstract uint Bits(TMask mask);

    /// <summary>e^x per lane, exactly as <see cref="Math.Exp"/> computes it.</summary>
    static abstract TSelf Exp(TSelf x);
}
