using System.Runtime.InteropServices;
using NeuroKernel.Models;

namespace NeuroKernel.Connectivity;

/// <summary>
/// <c>pairwise_bernoulli</c>: each (source, target) pair with probability <c>p</c>, target by target. It takes no
/// weight or delay arrays (the number of connections is not known in advance); use a distribution.
/// </summary>
internal sealed class PairwiseBernoulliRule() : ConnectionRule<double>(Name)
{
    public new const string Name = "pairwise_bernoulli";

    protected override double ReadParameters(ParameterReader reader)
    {
        double p = 0;
        if (!reader.TryDouble("p", ref p))
        {
            throw new BadPropertyException("p", "pairwise_bernoulli needs the connection probability 'p'.");
        }

        if (p < 0.0 || p > 1.0)
        {
            throw new BadPropertyException("p", $"Connection probability must be in [0, 1] (p = {StatusDictionary.Describe(p)}).");
        }

        return p;
    }

    protected override ArrayShape ArrayShape(in double p, int sources, int targets) => Connectivity.ArrayShape.None;

    protected override double PlannedConnections(in double p, int sources, int targets) => p * sources * targets;

    protected override void Connect(in double p, in ConnectionRequest request)
    {
        var chosen = new List<int>();
        var rng = request.Random;
        foreach (int t in request.Targets)
        {
            chosen.Clear();
            foreach (int s in request.Sources)
            {
                if ((request.AllowAutapses || s != t) && rng.NextDouble() < p)
                {
                    chosen.Add(s);
                }
            }

            request.Connect(t, CollectionsMarshal.AsSpan(chosen));
        }
    }
}
