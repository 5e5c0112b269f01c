using System.Runtime.InteropServices;
using NeuroKernel.Models;

namespace NeuroKernel.Connectivity;

/// <summary>
/// <c>fixed_total_number</c>: <c>N</c> (source, target) pairs drawn uniformly (distinct unless multapses, no
/// self-pairs unless autapses). Weight and delay arrays have one value per connection.
/// </summary>
internal sealed class FixedTotalNumberRule() : ConnectionRule<long>(Name)
{
    public new const string Name = "fixed_total_number";
    private const string Key = "N";

    protected override long ReadParameters(ParameterReader reader) => RuleChecks.RequiredCount(reader, Key, Name);

    protected override ArrayShape ArrayShape(in long n, int sources, int targets) =>
        Connectivity.ArrayShape.Vector((int)Math.Min(n, int.MaxValue));

    protected override double PlannedConnections(in long n, int sources, int targets) => n;

    protected override void CheckFeasible(in long n, in ConnectionRequest request)
    {
        RuleChecks.RefuseTooMany(Name, Key, n);
        var sourceSet = new HashSet<int>(request.Sources.ToArray());
        var targetSet = new HashSet<int>(request.Targets.ToArray());
        if (request.AllowMultapses)
        {
            if (!request.AllowAutapses && n > 0 && sourceSet.Count == 1 && targetSet.Count == 1 && sourceSet.SetEquals(targetSet))
            {
                throw new BadPropertyException(Key,
                    $"Without autapses the only possible pair is a self-connection, so N = {n} connections cannot be made.");
            }

            return;
        }

        long pairs = (long)sourceSet.Count * targetSet.Count - (request.AllowAutapses ? 0 : sourceSet.Count(targetSet.Contains));
        if (n > pairs)
        {
            throw new BadPropertyException(Key,
                $"The total number of connections cannot exceed the number of distinct pairs when multapses are not allowed (N = {n}, pairs = {pairs}).");
        }
    }

    protected override void Connect(in long n, in ConnectionRequest request)
    {
        if (!request.AllowMultapses)
        {
            ConnectDistinct(n, in request);
            return;
        }

        // With multapses the N connections are independent uniform draws among the allowed pairs. Drawn as: each
        // connection's target (a pair drawn uniformly, redrawn while it is a self-pair when autapses are not allowed,
        // so that a target's count follows the number of its allowed pairs), then each target's sources uniformly among
        // those allowed to it. That is the same distribution, written one target at a time (one run of sources per
        // target instead of one run per connection, and no pair set).
        var rng = request.Random;
        var sources = request.Sources;
        var targets = request.Targets;
        var counts = new int[targets.Length];
        for (long c = 0; c < n; c++)
        {
            int s, t;
            do
            {
                s = sources[(int)rng.NextInt((ulong)sources.Length)];
                t = (int)rng.NextInt((ulong)targets.Length);
            }
            while (!request.AllowAutapses && s == targets[t]);

            counts[t]++;
        }

        var chosen = new List<int>();
        var index = new List<int>();
        int next = 0;
        for (int t = 0; t < targets.Length; t++)
        {
            if (counts[t] == 0)
            {
                continue;
            }

            chosen.Clear();
            index.Clear();
            int target = targets[t];
            for (int k = 0; k < counts[t]; k++)
            {
                int s;
                do
                {
                    s = sources[(int)rng.NextInt((ulong)sources.Length)];
                }
                while (!request.AllowAutapses && s == target);

                chosen.Add(s);
                index.Add(next++);
            }

            request.Connect(target, CollectionsMarshal.AsSpan(chosen), CollectionsMarshal.AsSpan(index));
        }
    }

    /// <summary>Without multapses: pairs drawn uniformly, a pair drawn again while it was taken (or is a self-pair without autapses).</summary>
    private static void ConnectDistinct(long n, in ConnectionRequest request)
    {
        var seen = new HashSet<(int, int)>();
        var rng = request.Random;
        var sources = request.Sources;
        var targets = request.Targets;
        for (long c = 0; c < n; c++)
        {
            int s, t;
            do
            {
                s = sources[(int)rng.NextInt((ulong)sources.Length)];
                t = targets[(int)rng.NextInt((ulong)targets.Length)];
            }
            while ((!request.AllowAutapses && s == t) || !seen.Add((s, t)));

            request.Connect(t, [s], [(int)c]);
        }
    }
}
