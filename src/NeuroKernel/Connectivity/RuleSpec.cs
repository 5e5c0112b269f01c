using NeuroKernel.Models;

namespace NeuroKernel.Connectivity;

/// <summary>A validated connection rule with its parameters (NEST's conn_spec).</summary>
internal sealed record RuleSpec(string Rule, bool Autapses, bool Multapses, long Indegree, long Outdegree, long N, double P)
{
    public const string AllToAll = "all_to_all";
    public const string OneToOne = "one_to_one";
    public const string FixedIndegree = "fixed_indegree";
    public const string FixedOutdegree = "fixed_outdegree";
    public const string FixedTotalNumber = "fixed_total_number";
    public const string PairwiseBernoulli = "pairwise_bernoulli";

    public static readonly string[] Names = [AllToAll, OneToOne, FixedIndegree, FixedOutdegree, FixedTotalNumber, PairwiseBernoulli];

    /// <summary>Reads and checks a conn_spec: rule name, its required parameter and allow_autapses/allow_multapses.</summary>
    public static RuleSpec Read(ConnSpec conn)
    {
        if (Array.IndexOf(Names, conn.Rule) < 0)
        {
            throw new UnknownConnectionRuleException(conn.Rule);
        }

        var r = new ParameterReader(conn.Parameters, "conn_spec");
        bool autapses = true, multapses = true;
        r.TryBool("allow_autapses", ref autapses);
        r.TryBool("allow_multapses", ref multapses);
        long indegree = 0, outdegree = 0, n = 0;
        double p = 0;
        switch (conn.Rule)
        {
            case FixedIndegree:
                indegree = Count(r, "indegree", conn.Rule);
                break;
            case FixedOutdegree:
                outdegree = Count(r, "outdegree", conn.Rule);
                break;
            case FixedTotalNumber:
                n = Count(r, "N", conn.Rule);
                break;
            case PairwiseBernoulli:
                if (!r.TryDouble("p", ref p))
                {
                    throw new BadPropertyException("p", "pairwise_bernoulli needs the connection probability 'p'.");
                }

                if (p < 0.0 || p > 1.0)
                {
                    throw new BadPropertyException("p", $"Connection probability must be in [0, 1] (p = {StatusDictionary.Describe(p)}).");
                }

                break;
        }

        r.ThrowIfUnused();
        return new RuleSpec(conn.Rule, autapses, multapses, indegree, outdegree, n, p);
    }

    private static long Count(ParameterReader r, string key, string rule)
    {
        long value = -1;
        if (!r.TryLong(key, ref value))
        {
            throw new BadPropertyException(key, $"{rule} needs the parameter '{key}'.");
        }

        if (value < 0)
        {
            throw new BadPropertyException(key, $"{rule}: {key} must not be negative ({key} = {value}).");
        }

        return value;
    }
}
