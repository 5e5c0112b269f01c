using System.Runtime.InteropServices;
using NeuroKernel.Models;

namespace NeuroKernel.Connectivity;

/// <summary>
/// <c>pairwise_bernoulli</c>: each (source, target) pair with probability <c>p</c>, target by target; <c>p</c> may be a
/// <see cref="Parameter"/>, drawn for each pair from the rule's stream just before the pair's own draw (a value outside
/// [0, 1] acts as its bound). It takes no weight or delay arrays (the number of connections is not known in advance);
/// use a distribution.
/// </summary>
internal sealed class PairwiseBernoulliRule() : ConnectionRule<PairwiseBernoulliRule.Probability>(Name)
{
    public new const string Name = "pairwise_bernoulli";

    /// <summary>The connection probability: a number, or a parameter drawn per pair.</summary>
    internal readonly record struct Probability(double P, Parameter? PerPair);

    protected override Probability ReadParameters(ParameterReader reader)
    {
        if (reader.TryParameter("p", out var parameter) && parameter!.IsRandom)
        {
            return new Probability(double.NaN, parameter);
        }

        double p = 0;
        if (parameter is not null)
        {
            // A parameter without random leaves is one number.
            p = parameter.Evaluate(SeededRandom.FromState());
        }
        else if (!reader.TryDouble("p", ref p))
        {
            throw new BadPropertyException("p", "pairwise_bernoulli needs the connection probability 'p'.");
        }

        if (p < 0.0 || p > 1.0)
        {
            throw new BadPropertyException("p", $"Connection probability must be in [0, 1] (p = {StatusDictionary.Describe(p)}).");
        }

        return new Probability(p, null);
    }

    protected override ArrayShape ArrayShape(in Probability p, int sources, int targets) => Connectivity.ArrayShape.None;

    // A parameter's mean is not known: plan for every pair (the plan only chooses how values are kept).
    protected override double PlannedConnections(in Probability p, int sources, int targets) => (p.PerPair is null ? p.P : 1.0) * sources * targets;

    protected override void Connect(in Probability p, in ConnectionRequest request)
    {
        var chosen = new List<int>();
        var rng = request.Random;
        var perPair = p.PerPair;
        foreach (int t in request.Targets)
        {
            chosen.Clear();
            foreach (int s in request.Sources)
            {
                if (!request.AllowAutapses && s == t)
                {
                    continue;
                }

                double probability = perPair is null ? p.P : perPair.Evaluate(rng);
                if (rng.NextDouble() < probability)
                {
                    chosen.Add(s);
                }
            }

            request.Connect(t, CollectionsMarshal.AsSpan(chosen));
        }
    }
}
