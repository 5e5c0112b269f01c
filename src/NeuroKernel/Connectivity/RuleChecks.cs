namespace NeuroKernel.Connectivity;

/// <summary>Refusals that several rules share, with NEST's wording.</summary>
internal static class RuleChecks
{
    /// <summary>Most connections one call of a counting rule may make (the build's indices are 32-bit).</summary>
    private const long MaxConnections = int.MaxValue / 2;

    /// <summary>A non-negative count the rule needs (indegree, outdegree, N).</summary>
    public static long RequiredCount(Models.ParameterReader r, string key, string rule)
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

    /// <summary>Refuses more connections in one call than the build can index.</summary>
    public static void RefuseTooMany(string rule, string key, long planned)
    {
        if (planned > MaxConnections)
        {
            throw new BadPropertyException(key,
                $"{rule} would make {planned} connections in one call, more than the {MaxConnections} one call may make; split the call.");
        }
    }

    /// <summary>
    /// Refuses a degree that some node of <paramref name="nodes"/> cannot get from <paramref name="partners"/>: more
    /// distinct partners than there are without multapses, or any when its only partner is itself without autapses.
    /// </summary>
    /// <param name="key">The degree's key (<c>indegree</c>, <c>outdegree</c>).</param>
    /// <param name="degree">Connections per node.</param>
    /// <param name="nodes">The nodes that get <paramref name="degree"/> connections each.</param>
    /// <param name="partners">The nodes they are drawn from.</param>
    /// <param name="request">The call's options.</param>
    /// <param name="onlySelf">NEST's sentence for a node whose only partner is itself.</param>
    /// <param name="tooMany">NEST's sentence for more distinct partners than exist, given how many exist.</param>
    public static void CheckDegree(string key, long degree, ReadOnlySpan<int> nodes, ReadOnlySpan<int> partners, in ConnectionRequest request,
        string onlySelf, Func<long, string> tooMany)
    {
        var pool = new HashSet<int>(partners.ToArray());
        foreach (int node in nodes)
        {
            if (request.AllowMultapses)
            {
                // Even with multapses, a node whose only possible partner is itself gets none without autapses.
                if (!request.AllowAutapses && degree > 0 && OnlySelf(pool, node))
                {
                    throw new BadPropertyException(key, onlySelf);
                }
            }
            else if (degree > Available(pool, node, request.AllowAutapses))
            {
                throw new BadPropertyException(key, tooMany(Available(pool, node, request.AllowAutapses)));
            }
        }
    }

    /// <summary>The distinct partners of <paramref name="self"/> in <paramref name="pool"/> (itself excluded without autapses).</summary>
    public static long Available(HashSet<int> pool, int self, bool autapses) => pool.Count - (!autapses && pool.Contains(self) ? 1 : 0);

    /// <summary>True when a node's only possible partner is itself.</summary>
    public static bool OnlySelf(HashSet<int> pool, int self) => pool.Count == 1 && pool.Contains(self);

    /// <summary>
    /// <paramref name="k"/> partners of <paramref name="self"/> drawn uniformly from <paramref name="pool"/> into
    /// <paramref name="chosen"/> (distinct unless multapses, never itself unless autapses).
    /// </summary>
    public static void Draw(ReadOnlySpan<int> pool, int self, int k, in ConnectionRequest request, List<int> chosen, HashSet<int> seen)
    {
        chosen.Clear();
        seen.Clear();
        var rng = request.Random;
        while (chosen.Count < k)
        {
            int candidate = pool[(int)rng.NextInt((ulong)pool.Length)];
            if ((!request.AllowAutapses && candidate == self) || (!request.AllowMultapses && !seen.Add(candidate)))
            {
                continue;
            }

            chosen.Add(candidate);
        }
    }
}
