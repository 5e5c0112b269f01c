using NeuroKernel.Connectivity;
using NeuroKernel.Models;

namespace NeuroKernel.Extensions.Tests;

/// <summary>
/// A connection rule written as a user would: source i connects to target (i + shift) mod n, for collections of equal
/// size n. Weights and delays may be arrays with one value per source.
/// </summary>
public sealed class RingRule() : ConnectionRule<int>("ring")
{
    /// <summary>Reads <c>shift</c> (default 1), which must lie in [0, n).</summary>
    protected override int ReadParameters(ParameterReader reader)
    {
        long shift = 1;
        reader.TryLong("shift", ref shift);
        if (shift < 0 || shift > int.MaxValue)
        {
            throw ParameterReader.Bad("shift", shift, "shift must be a non-negative integer.");
        }

        return (int)shift;
    }

    protected override void CheckSizes(in int shift, int sources, int targets)
    {
        if (sources != targets)
        {
            throw new DimensionMismatchException($"ring needs collections of equal size (pre has {sources} nodes, post has {targets}).");
        }

        if (shift >= targets)
        {
            throw ParameterReader.Bad("shift", shift, $"shift must be smaller than the number of nodes ({targets}).");
        }
    }

    protected override ArrayShape ArrayShape(in int shift, int sources, int targets) => Connectivity.ArrayShape.Vector(sources);

    protected override double PlannedConnections(in int shift, int sources, int targets) => sources;

    protected override void Connect(in int shift, in ConnectionRequest request)
    {
        int n = request.Sources.Length;
        for (int i = 0; i < n; i++)
        {
            int target = request.Targets[(i + shift) % n];
            if (request.AllowAutapses || request.Sources[i] != target)
            {
                request.Connect(target, request.Sources.Slice(i, 1), [i]);
            }
        }
    }
}
