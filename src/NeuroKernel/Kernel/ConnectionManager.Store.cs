using NeuroKernel.Synapses;

namespace NeuroKernel.Kernel;

internal sealed partial class ConnectionManager
{
    /// <summary>
    /// NEST's <c>GetConnections</c>: every connection (devices included) passing the filters, by source, then group,
    /// then target. The connections made since the last run are sorted first, as Simulate would.
    /// </summary>
    public ConnectionTable GetConnections(NodeCollection? source, NodeCollection? target, string? synapseModel)
    {
        int modelFilter = synapseModel is null ? -1 : Synapses.Get(synapseModel).Index;
        bool[]? fromSet = Nodes.Membership(source);
        bool[]? toSet = Nodes.Membership(target);
        FinalizeConnections();
        var store = Store;
        var nodeOfReceiver = Nodes.NodeOfReceiver();

        // Two passes over the same filter: count, then fill arrays of the exact size (no list growth for millions).
        int count = 0;
        Visit(store, nodeOfReceiver, fromSet, toSet, modelFilter, (_, _, _, _, _, _, _) => count++);
        var src = new int[count];
        var tgt = new int[count];
        var model = new int[count];
        var weight = new double[count];
        var delay = new double[count];
        var places = new (ConnectionGroup? Group, int Position)[count];
        var grid = Grid;
        int row = 0;
        Visit(store, nodeOfReceiver, fromSet, toSet, modelFilter, (s, t, m, w, d, g, j) =>
        {
            src[row] = s;
            tgt[row] = t;
            model[row] = m;
            weight[row] = w;
            delay[row] = grid.ToMs(d);
            places[row] = (g, j);
            row++;
        });

        int version = store.Version;
        return new ConnectionTable(src, tgt, model, weight, delay, [.. Synapses.Models.Select(m => m.Name)],
            new ConnectionTable.Places(places, () => Store.Version == version)
            {
                DelaySteps = delayMs =>
                {
                    int steps = SynapseRegistry.CheckDelay(Grid, delayMs);
                    CheckRingMemory(steps);
                    return steps;
                },
                DelaysChanged = () =>
                {
                    // Same connections, same places (open tables stay valid); the delay extrema and the preparation change.
                    Store = Store.WithDelayExtrema();
                    Version++;
                },
                ToMs = steps => grid.ToMs(steps),
            });
    }

    /// <summary>Calls <paramref name="row"/>(source, target, model, weight, delay steps) for every connection passing the filters.</summary>
    private void Visit(ConnectionStore store, int[] nodeOfReceiver, bool[]? fromSet, bool[]? toSet, int modelFilter, RowVisitor row)
    {
        var parts = store.Partitions;
        for (int s = 0; s < store.NumNodes; s++)
        {
            if (fromSet is not null && !fromSet[s + 1])
            {
                continue;
            }

            foreach (var g in store.Groups)
            {
                if (modelFilter >= 0 && g.Key.SynapseModel != modelFilter)
                {
                    continue;
                }

                for (int p = 0; p < parts.Count; p++)
                {
                    int start = parts.Base(p);
                    for (int j = g.Index[s * parts.Count + p]; j < g.Index[s * parts.Count + p + 1]; j++)
                    {
                        int t = nodeOfReceiver[start + g.Targets[j]];
                        if (toSet is null || toSet[t])
                        {
                            row(s + 1, t, g.Key.SynapseModel, g.WeightAt(j), g.DelayAt(j), g, j);
                        }
                    }
                }
            }

            for (int j = store.TapStart[s]; j < store.TapStart[s + 1]; j++)
            {
                var tap = store.Taps[j];
                if ((toSet is null || toSet[tap.RecorderId]) && (modelFilter < 0 || tap.SynapseModel == modelFilter))
                {
                    row(s + 1, tap.RecorderId, tap.SynapseModel, tap.Weight, tap.DelaySteps, null, -1);
                }
            }
        }

        foreach (var (meter, t, info) in kernel.Recording.SamplerTaps)
        {
            if ((fromSet is null || fromSet[meter]) && (toSet is null || toSet[t]) && (modelFilter < 0 || info.SynapseModel == modelFilter))
            {
                row(meter, t, info.SynapseModel, info.Weight, info.DelaySteps, null, -1);
            }
        }
    }

    /// <summary>One connection found by <see cref="Visit"/>: source and target ids, model, weight, delay (steps), and its group and position (null, −1 for recorder and multimeter connections).</summary>
    private delegate void RowVisitor(int source, int target, int model, double weight, int delaySteps, ConnectionGroup? group, int position);

    /// <summary>
    /// Sorts the connections made since the last run into the store (the connectivity part of Prepare): the receivers
    /// are partitioned for the current number of threads, and the store is rebuilt when anything is pending, nodes were
    /// added or the partitioning changed. Returns true when it was rebuilt.
    /// </summary>
    public bool FinalizeConnections()
    {
        int numNodes = Nodes.NumNodes, numReceivers = Nodes.NumReceivers;
        var partitions = ReceiverPartitioning.For(numReceivers, kernel.Settings.LocalNumThreads);
        if (_pendingGroups.Count == 0 && _pendingTaps.Count == 0 && Store.NumNodes == numNodes
            && Store.Partitions.Count == partitions.Count && Store.Partitions.Receivers == numReceivers)
        {
            return false;
        }

        Store = ConnectionStore.Build(Store, _pendingGroups.Values, _pendingTaps, numNodes, partitions, ++_storeVersion, Synapses, kernel.Random.Seed);
        _pendingGroups.Clear();
        _pendingTaps.Clear();
        return true;
    }

    /// <summary>min and max delay over all connections made so far, in steps (one step when there are none).</summary>
    public (long Min, long Max) DelayExtremaSteps()
    {
        long min = Store.MaxDelaySteps > 0 ? Store.MinDelaySteps : long.MaxValue;
        long max = Store.MaxDelaySteps;
        foreach (var g in _pendingGroups.Values)
        {
            if (g.Connections > 0)
            {
                min = Math.Min(min, g.Key.PerConnectionDelay ? g.MinDelay : g.Key.DelaySteps);
                max = Math.Max(max, g.Key.PerConnectionDelay ? g.MaxDelay : g.Key.DelaySteps);
            }
        }

        foreach (var t in _pendingTaps)
        {
            min = Math.Min(min, t.DelaySteps);
            max = Math.Max(max, t.DelaySteps);
        }

        return min == long.MaxValue ? (1, 1) : (min, max);
    }
}
