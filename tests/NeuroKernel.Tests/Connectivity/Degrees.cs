namespace NeuroKernel.Tests.Connectivity;

/// <summary>In- and out-degrees read from <see cref="Simulator.GetConnections"/> (NEST's <c>get_degrees</c>).</summary>
internal static class Degrees
{
    /// <summary>For each node of <paramref name="targets"/> (in order), the connections it receives.</summary>
    public static int[] In(ConnectionTable connections, NodeCollection targets) => Count(connections.Target, targets);

    /// <summary>For each node of <paramref name="sources"/> (in order), the connections it sends.</summary>
    public static int[] Out(ConnectionTable connections, NodeCollection sources) => Count(connections.Source, sources);

    private static int[] Count(IReadOnlyList<int> ids, NodeCollection nodes)
    {
        var index = new Dictionary<int, int>(nodes.Count);
        for (int i = 0; i < nodes.Count; i++)
        {
            index.Add(nodes[i], i);
        }

        var degrees = new int[nodes.Count];
        foreach (int id in ids)
        {
            if (index.TryGetValue(id, out int i))
            {
                degrees[i]++;
            }
        }

        return degrees;
    }

    /// <summary>The (source, target) pairs, for checks of autapses and multapses.</summary>
    public static IEnumerable<(int Source, int Target)> Pairs(ConnectionTable connections)
    {
        for (int i = 0; i < connections.Count; i++)
        {
            yield return (connections.Source[i], connections.Target[i]);
        }
    }

    /// <summary>Every connection as (source, target, model, weight, delay), sorted, so tables can be compared as multisets.</summary>
    public static List<(int Source, int Target, int Model, double Weight, double Delay)> Sorted(ConnectionTable c)
    {
        var rows = new List<(int, int, int, double, double)>(c.Count);
        for (int i = 0; i < c.Count; i++)
        {
            rows.Add((c.Source[i], c.Target[i], c.SynapseModelIndex[i], c.Weight[i], c.Delay[i]));
        }

        rows.Sort();
        return rows;
    }
}
