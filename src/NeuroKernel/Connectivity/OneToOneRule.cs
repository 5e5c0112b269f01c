using NeuroKernel.Kernel;
using NeuroKernel.Models;

namespace NeuroKernel.Connectivity;

/// <summary><c>one_to_one</c>: the i-th source to the i-th target; both collections have the same size.</summary>
internal sealed class OneToOneRule() : ConnectionRule<OneToOneRule.None>(Name), IPairRule
{
    public new const string Name = "one_to_one";

    /// <summary>one_to_one has no parameters of its own.</summary>
    internal readonly record struct None;

    protected override None ReadParameters(ParameterReader reader) => default;

    protected override void CheckSizes(in None parameters, int sources, int targets)
    {
        if (sources != targets)
        {
            throw new DimensionMismatchException($"one_to_one needs collections of equal size (pre has {sources} nodes, post has {targets}).");
        }
    }

    protected override ArrayShape ArrayShape(in None parameters, int sources, int targets) => Connectivity.ArrayShape.Vector(sources);

    protected override double PlannedConnections(in None parameters, int sources, int targets) => sources;

    protected override void Connect(in None parameters, in ConnectionRequest request)
    {
        for (int i = 0; i < request.Sources.Length; i++)
        {
            if (request.AllowAutapses || request.Sources[i] != request.Targets[i])
            {
                request.Connect(request.Targets[i], request.Sources.Slice(i, 1), [i]);
            }
        }
    }

    public IEnumerable<(int Source, int Target)> Pairs(NodeCollection pre, NodeCollection post)
    {
        for (int i = 0; i < pre.Count; i++)
        {
            yield return (pre[i], post[i]);
        }
    }

    public long ConnectUniform(NodeCollection pre, NodeCollection post, bool autapses, ConnectionWriter writer)
    {
        long made = 0;
        Span<int> one = stackalloc int[1];
        for (int i = 0; i < pre.Count; i++)
        {
            int s = pre[i], t = post[i];
            if (!autapses && s == t)
            {
                continue;
            }

            one[0] = s - 1;
            writer.AddToTarget(one, writer.BlockOf(t), t);
            made++;
        }

        return made;
    }
}
