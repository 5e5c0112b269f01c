using System.Runtime.InteropServices;
using NeuroKernel.Models;

namespace NeuroKernel.Connectivity;

/// <summary>
/// <c>fixed_indegree</c>: each target gets <c>indegree</c> sources drawn uniformly from the sources (distinct unless
/// multapses, never itself unless autapses). Weight and delay arrays have the shape [targets, indegree].
/// </summary>
internal sealed class FixedIndegreeRule() : ConnectionRule<long>(Name)
{
    public new const string Name = "fixed_indegree";
    private const string Key = "indegree";

    protected override long ReadParameters(ParameterReader reader) => RuleChecks.RequiredCount(reader, Key, Name);

    protected override ArrayShape ArrayShape(in long indegree, int sources, int targets) =>
        Connectivity.ArrayShape.Matrix(targets, (int)Math.Min(indegree, int.MaxValue));

    protected override double PlannedConnections(in long indegree, int sources, int targets) => (double)indegree * targets;

    protected override void CheckFeasible(in long indegree, in ConnectionRequest request)
    {
        RuleChecks.RefuseTooMany(Name, Key, indegree * request.Targets.Length);
        long degree = indegree;
        RuleChecks.CheckDegree(Key, degree, request.Targets, request.Sources, in request,
            $"Without autapses a target whose only possible source is itself cannot get {indegree} inputs (indegree = {indegree}).",
            available => $"Indegree cannot be larger than the number of distinct sources when multapses are not allowed (indegree = {degree}, sources = {available}).");
    }

    protected override void Connect(in long indegree, in ConnectionRequest request)
    {
        int k = (int)indegree;
        var chosen = new List<int>(k);
        var index = new List<int>(k);
        var seen = new HashSet<int>();
        for (int j = 0; j < request.Targets.Length; j++)
        {
            RuleChecks.Draw(request.Sources, request.Targets[j], k, in request, chosen, seen);
            index.Clear();
            for (int c = 0; c < chosen.Count; c++)
            {
                index.Add(j * k + c);
            }

            request.Connect(request.Targets[j], CollectionsMarshal.AsSpan(chosen), CollectionsMarshal.AsSpan(index));
        }
    }
}
