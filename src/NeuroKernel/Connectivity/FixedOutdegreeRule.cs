using NeuroKernel.Models;

namespace NeuroKernel.Connectivity;

/// <summary>
/// <c>fixed_outdegree</c>: each source gets <c>outdegree</c> targets drawn uniformly from the targets (distinct unless
/// multapses, never itself unless autapses). Weight and delay arrays have the shape [sources, outdegree].
/// </summary>
internal sealed class FixedOutdegreeRule() : ConnectionRule<long>(Name)
{
    public new const string Name = "fixed_outdegree";
    private const string Key = "outdegree";

    protected override long ReadParameters(ParameterReader reader) => RuleChecks.RequiredCount(reader, Key, Name);

    protected override ArrayShape ArrayShape(in long outdegree, int sources, int targets) =>
        Connectivity.ArrayShape.Matrix(sources, (int)Math.Min(outdegree, int.MaxValue));

    protected override double PlannedConnections(in long outdegree, int sources, int targets) => (double)outdegree * sources;

    protected override void CheckFeasible(in long outdegree, in ConnectionRequest request)
    {
        RuleChecks.RefuseTooMany(Name, Key, outdegree * request.Sources.Length);
        long degree = outdegree;
        RuleChecks.CheckDegree(Key, degree, request.Sources, request.Targets, in request,
            $"Without autapses a source whose only possible target is itself cannot make {outdegree} connections (outdegree = {outdegree}).",
            available => $"Outdegree cannot be larger than the number of distinct targets when multapses are not allowed (outdegree = {degree}, targets = {available}).");
    }

    protected override void Connect(in long outdegree, in ConnectionRequest request)
    {
        int k = (int)outdegree;
        var chosen = new List<int>(k);
        var seen = new HashSet<int>();
        for (int i = 0; i < request.Sources.Length; i++)
        {
            RuleChecks.Draw(request.Targets, request.Sources[i], k, in request, chosen, seen);
            for (int c = 0; c < chosen.Count; c++)
            {
                request.Connect(chosen[c], request.Sources.Slice(i, 1), [i * k + c]);
            }
        }
    }
}
