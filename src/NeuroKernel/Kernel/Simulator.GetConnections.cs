using NeuroKernel.Synapses;

namespace NeuroKernel;

public sealed partial class Simulator
{
    /// <summary>
    /// The connections made so far (NEST's <c>GetConnections(source, target, synapse_model)</c>), optionally
    /// only those from <paramref name="source"/>, to <paramref name="target"/> and of <paramref name="synapseModel"/>.
    /// Device connections (generators, recorders, multimeters) are included, as NEST counts them. Collecting
    /// the connections made since the last Simulate sorts them, as Simulate would.
    /// </summary>
    /// <param name="source">Only connections from these nodes, or null for all.</param>
    /// <param name="target">Only connections to these nodes, or null for all.</param>
    /// <param name="synapseModel">Only connections of this synapse model, or null for all.</param>
    /// <returns>The connections, by source, then synapse group, then target.</returns>
    /// <exception cref="UnknownSynapseTypeException"><paramref name="synapseModel"/> is not a synapse model.</exception>
    /// <exception cref="UnknownNodeException">A node of the filters does not exist.</exception>
    public ConnectionTable GetConnections(NodeCollection? source = null, NodeCollection? target = null, string? synapseModel = null)
    {
        int modelFilter = synapseModel is null ? -1 : _synapses.Get(synapseModel).Index;
        bool[]? fromSet = Membership(source);
        bool[]? toSet = Membership(target);
        FinalizeConnections();
        var store = _store;

        // receiver index → node id
        var nodeOfReceiver = new int[_numReceivers];
        foreach (var b in _blocks)
        {
            if (b.ReceiverOffset >= 0)
            {
                for (int i = 0; i < b.Count; i++)
                {
                    nodeOfReceiver[b.ReceiverOffset + i] = b.FirstId + i;
                }
            }
        }

        // Two passes over the same filter: count, then fill arrays of the exact size (no list growth for millions).
        int count = 0;
        Visit(store, nodeOfReceiver, fromSet, toSet, modelFilter, (_, _, _, _, _) => count++);
        var src = new int[count];
        var tgt = new int[count];
        var model = new int[count];
        var weight = new double[count];
        var delay = new double[count];
        var grid = Grid;
        int row = 0;
        Visit(store, nodeOfReceiver, fromSet, toSet, modelFilter, (s, t, m, w, d) =>
        {
            src[row] = s;
            tgt[row] = t;
            model[row] = m;
            weight[row] = w;
            delay[row] = grid.ToMs(d);
            row++;
        });

        return new ConnectionTable(src, tgt, model, weight, delay, [.. _synapses.Models.Select(m => m.Name)]);
    }

    /// <summary>Calls <paramref name="row"/>(source, target, model, weight, delay steps) for every connection passing the filters.</summary>
    private void Visit(ConnectionStore store, int[] nodeOfReceiver, bool[]? fromSet, bool[]? toSet, int modelFilter, Action<int, int, int, double, int> row)
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
                            row(s + 1, t, g.Key.SynapseModel, g.WeightAt(j), g.DelayAt(j));
                        }
                    }
                }
            }

            for (int j = store.TapStart[s]; j < store.TapStart[s + 1]; j++)
            {
                var tap = store.Taps[j];
                if ((toSet is null || toSet[tap.RecorderId]) && (modelFilter < 0 || tap.SynapseModel == modelFilter))
                {
                    row(s + 1, tap.RecorderId, tap.SynapseModel, tap.Weight, tap.DelaySteps);
                }
            }
        }

        foreach (var (meter, t, info) in _samplerTaps)
        {
            if ((fromSet is null || fromSet[meter]) && (toSet is null || toSet[t]) && (modelFilter < 0 || info.SynapseModel == modelFilter))
            {
                row(meter, t, info.SynapseModel, info.Weight, info.DelaySteps);
            }
        }
    }

    private bool[]? Membership(NodeCollection? nodes)
    {
        if (nodes is null)
        {
            return null;
        }

        var set = new bool[_numNodes + 1];
        foreach (var (first, count) in nodes.Ranges)
        {
            FindBlock(first);
            FindBlock(first + count - 1);
            Array.Fill(set, true, first, count);
        }

        return set;
    }

    /// <summary>Sorts the connections made since the last run into the store (the connectivity part of Prepare).</summary>
    private void FinalizeConnections()
    {
        var partitions = ReceiverPartitioning.For(_numReceivers, _settings.LocalNumThreads);
        if (_pendingGroups.Count == 0 && _pendingTaps.Count == 0 && _store.NumNodes == _numNodes
            && _store.Partitions.Count == partitions.Count && _store.Partitions.Receivers == _numReceivers)
        {
            return;
        }

        _store = ConnectionStore.Build(_store, _pendingGroups.Values, _pendingTaps, _numNodes, partitions, ++_storeVersion);
        _pendingGroups.Clear();
        _pendingTaps.Clear();
        _prepared = false;
    }
}
