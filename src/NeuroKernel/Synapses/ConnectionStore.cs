namespace NeuroKernel.Synapses;

/// <summary>
/// All finalized connections: one <see cref="ConnectionGroup"/> per (model, weight, delay), plus the
/// "taps" from sources to spike recorders, which record a spike when it is emitted rather than when it
/// arrives (so recorders hold all data up to the simulated time when Simulate returns).
/// </summary>
internal sealed class ConnectionStore
{
    private ConnectionStore(int numNodes, ConnectionGroup[] groups, int[] tapStart, int[] tapRecorder, int minDelay, int maxDelay, int version)
    {
        NumNodes = numNodes;
        Groups = groups;
        TapStart = tapStart;
        TapRecorder = tapRecorder;
        MinDelaySteps = minDelay;
        MaxDelaySteps = maxDelay;
        Version = version;
    }

    public int NumNodes { get; }

    public ConnectionGroup[] Groups { get; }

    /// <summary>Recorder taps of source node index <c>s</c>: <c>TapRecorder[TapStart[s] .. TapStart[s+1]]</c> (recorder node ids).</summary>
    public int[] TapStart { get; }

    public int[] TapRecorder { get; }

    /// <summary>Smallest delay of any connection in steps (0 when there is none).</summary>
    public int MinDelaySteps { get; }

    /// <summary>Largest delay of any connection in steps (0 when there is none).</summary>
    public int MaxDelaySteps { get; }

    /// <summary>Changes whenever the connectivity changes (blocks keep per-target state keyed by it).</summary>
    public int Version { get; }

    public long TotalConnections
    {
        get
        {
            long n = TapRecorder.Length;
            foreach (var g in Groups)
            {
                n += g.Count;
            }

            return n;
        }
    }

    public static ConnectionStore Empty { get; } = new(0, [], [0], [], 0, 0, 0);

    /// <summary>
    /// Merges the previous store with the connections made since into a new store (counting sort by source,
    /// stable: earlier connections first, then in the order they were made).
    /// </summary>
    public static ConnectionStore Build(ConnectionStore previous, IReadOnlyCollection<ConnectionGroupBuilder> builders,
        IReadOnlyList<RecorderTap> newTaps, int numNodes, int version)
    {
        var keys = new List<ConnectionGroupKey>();
        var oldByKey = new Dictionary<ConnectionGroupKey, ConnectionGroup>();
        foreach (var g in previous.Groups)
        {
            oldByKey[g.Key] = g;
            keys.Add(g.Key);
        }

        var newByKey = new Dictionary<ConnectionGroupKey, ConnectionGroupBuilder>();
        foreach (var b in builders)
        {
            if (b.Connections == 0)
            {
                continue;
            }

            newByKey[b.Key] = b;
            if (!oldByKey.ContainsKey(b.Key))
            {
                keys.Add(b.Key);
            }
        }

        var groups = new ConnectionGroup[keys.Count];
        int minDelay = int.MaxValue, maxDelay = 0;
        for (int i = 0; i < keys.Count; i++)
        {
            oldByKey.TryGetValue(keys[i], out var old);
            newByKey.TryGetValue(keys[i], out var add);
            groups[i] = BuildGroup(keys[i], old, add, numNodes);
            minDelay = Math.Min(minDelay, keys[i].DelaySteps);
            maxDelay = Math.Max(maxDelay, keys[i].DelaySteps);
        }

        var (tapStart, tapRecorder) = BuildTaps(previous, newTaps, numNodes, ref minDelay, ref maxDelay);
        if (minDelay == int.MaxValue)
        {
            minDelay = previous.MinDelaySteps;
            maxDelay = previous.MaxDelaySteps;
        }
        else if (previous.MaxDelaySteps > 0)
        {
            minDelay = Math.Min(minDelay, previous.MinDelaySteps);
            maxDelay = Math.Max(maxDelay, previous.MaxDelaySteps);
        }

        return new ConnectionStore(numNodes, groups, tapStart, tapRecorder, minDelay, maxDelay, version);
    }

    private static ConnectionGroup BuildGroup(ConnectionGroupKey key, ConnectionGroup? old, ConnectionGroupBuilder? add, int numNodes)
    {
        var rowStart = new int[numNodes + 1];
        if (old is not null)
        {
            for (int s = 0; s < old.RowStart.Length - 1; s++)
            {
                rowStart[s + 1] = old.RowLength(s);
            }
        }

        int[] scratch = [];
        if (add is not null)
        {
            foreach (var run in add.Runs)
            {
                if (run.IsTargetRun)
                {
                    foreach (int s in add.Ids.GetSpan(run.Start, run.Count, ref scratch))
                    {
                        rowStart[s + 1]++;
                    }
                }
                else
                {
                    rowStart[run.Anchor + 1] += run.Count;
                }
            }
        }

        long total = 0;
        for (int s = 0; s < numNodes; s++)
        {
            total += rowStart[s + 1];
            if (total > Array.MaxLength)
            {
                throw new NeuroKernelException($"A synapse group holds more than {Array.MaxLength} connections; split it over several synapse models.");
            }

            rowStart[s + 1] = (int)total;
        }

        var targets = new int[total];
        var fill = rowStart.AsSpan(0, numNodes).ToArray();
        if (old is not null)
        {
            for (int s = 0; s < old.RowStart.Length - 1; s++)
            {
                int len = old.RowLength(s);
                Array.Copy(old.Targets, old.RowStart[s], targets, fill[s], len);
                fill[s] += len;
            }
        }

        if (add is not null)
        {
            foreach (var run in add.Runs)
            {
                var ids = add.Ids.GetSpan(run.Start, run.Count, ref scratch);
                if (run.IsTargetRun)
                {
                    foreach (int s in ids)
                    {
                        targets[fill[s]++] = run.Anchor;
                    }
                }
                else
                {
                    ids.CopyTo(targets.AsSpan(fill[run.Anchor]));
                    fill[run.Anchor] += run.Count;
                }
            }
        }

        return new ConnectionGroup(key, rowStart, targets);
    }

    private static (int[] Start, int[] Recorder) BuildTaps(ConnectionStore previous, IReadOnlyList<RecorderTap> taps, int numNodes,
        ref int minDelay, ref int maxDelay)
    {
        var start = new int[numNodes + 1];
        for (int s = 0; s < previous.TapStart.Length - 1; s++)
        {
            start[s + 1] = previous.TapStart[s + 1] - previous.TapStart[s];
        }

        foreach (var t in taps)
        {
            start[t.SourceIndex + 1]++;
            minDelay = Math.Min(minDelay, t.DelaySteps);
            maxDelay = Math.Max(maxDelay, t.DelaySteps);
        }

        for (int s = 0; s < numNodes; s++)
        {
            start[s + 1] += start[s];
        }

        var recorder = new int[start[numNodes]];
        var fill = start.AsSpan(0, numNodes).ToArray();
        for (int s = 0; s < previous.TapStart.Length - 1; s++)
        {
            for (int j = previous.TapStart[s]; j < previous.TapStart[s + 1]; j++)
            {
                recorder[fill[s]++] = previous.TapRecorder[j];
            }
        }

        foreach (var t in taps)
        {
            recorder[fill[t.SourceIndex]++] = t.RecorderId;
        }

        return (start, recorder);
    }
}

/// <summary>A connection from a source (node index) to a spike recorder (node id).</summary>
internal readonly record struct RecorderTap(int SourceIndex, int RecorderId, int DelaySteps);
