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
            while ((!request.AllowAutapses && s == t) || (!request.AllowMultapses && !seen.Add((s, t))));

            request.Connect(t, [s], [(int)c]);
        }
    }
}
