using NeuroKernel.Synapses;

namespace NeuroKernel.Delivery;

/// <summary>
/// The connections of one node of a per-target device in one group of the store: its row starts at
/// <c>Index[Row]</c> = <see cref="RowBase"/> (the same in every split of the store), and its connections' streams at
/// <see cref="StreamOffset"/>.
/// </summary>
internal readonly record struct PerTargetRun(int Local, int Group, int Row, int RowBase, long StreamOffset, bool StrictlyAscending)
{
    /// <summary>
    /// The runs of nodes [<paramref name="firstIndex"/>, + <paramref name="count"/>) in <paramref name="store"/>, node by
    /// node and group by group, and the number of connections they hold.
    /// </summary>
    public static (PerTargetRun[] Runs, long Connections) Build(ConnectionStore store, int firstIndex, int count)
    {
        var runs = new List<PerTargetRun>();
        long total = 0;
        var parts = store.Partitions;
        for (int i = 0; i < count; i++)
        {
            int source = firstIndex + i;
            if (source >= store.NumNodes)
            {
                continue;
            }

            for (int gi = 0; gi < store.Groups.Length; gi++)
            {
                var g = store.Groups[gi];
                int len = g.RowLength(source);
                if (len > 0)
                {
                    runs.Add(new PerTargetRun(i, gi, source * parts.Count, g.Index[source * parts.Count], total, RowIsStrictlyAscending(g, source * parts.Count)));
                    total += len;
                }
            }
        }

        return ([.. runs], total);
    }

    /// <summary>
    /// Whether a row is strictly ascending within every partition: then a part of it is a block of consecutive receivers
    /// (all_to_all onto a population) when its last target is its first plus its length − 1, and counts are added with
    /// vector adds. With global receiver indices the partitions follow one another, so this holds for any part cut at
    /// any receiver (the thread boundaries move during a run).
    /// </summary>
    private static bool RowIsStrictlyAscending(ConnectionGroup g, int row)
    {
        for (int p = 0; p < g.Partitions.Count; p++)
        {
            int begin = g.Index[row + p], end = g.Index[row + p + 1];
            if (!ConnectionStore.IsAscending(g.Targets.Slice(begin, end - begin), strictly: true))
            {
                return false;
            }
        }

        return true;
    }
}
