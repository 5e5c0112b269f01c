using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
namespace NeuroKernel.Synapses;

/// <summary>
/// All finalized connections: one <see cref="ConnectionGroup"/> per <see cref="ConnectionGroupKey"/>, plus the
/// "taps" from sources to spike recorders, which record a spike when it is emitted rather than when it
/// arrives (so recorders hold all data up to the simulated time when Simulate returns).
/// </summary>
internal sealed class ConnectionStore
{
    private ConnectionStore(int numNodes, ReceiverPartitioning partitions, ConnectionGroup[] groups, int[] tapStart, RecorderTap[] taps,
        int minDelay, int maxDelay, int version)
    {
        NumNodes = numNodes;
        Partitions = partitions;
        Groups = groups;
        TapStart = tapStart;
        Taps = taps;
        MinDelaySteps = minDelay;
        MaxDelaySteps = maxDelay;
        Version = version;
    }

    public int NumNodes { get; }

    /// <summary>How the receivers are split; the same for every group.</summary>
    public ReceiverPartitioning Partitions { get; }

    public ConnectionGroup[] Groups { get; }

    /// <summary>Recorder taps of source node index <c>s</c>: <c>Taps[TapStart[s] .. TapStart[s+1]]</c>.</summary>
    public int[] TapStart { get; }

    public RecorderTap[] Taps { get; }

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
            long n = Taps.Length;
            foreach (var g in Groups)
            {
                n += g.Count;
            }

            return n;
        }
    }

    /// <summary>Bytes held by the connection storage (targets, row indices, taps).</summary>
    public long Bytes
    {
        get
        {
            long n = 4L * TapStart.Length + 24L * Taps.Length;
            foreach (var g in Groups)
            {
                n += g.Bytes;
            }

            return n;
        }
    }

    /// <summary>
    /// A view of this store's connections under <paramref name="partitions"/> (a movable partitioning of the same
    /// receivers): the groups share the targets, weights and delays, and get row indices of their own, copied from
    /// this store's, which <see cref="Kernel.ThreadBalancer"/> rewrites when it moves the boundaries.
    /// </summary>
    public ConnectionStore WithPartitions(ReceiverPartitioning partitions)
    {
        var groups = new ConnectionGroup[Groups.Length];
        for (int i = 0; i < groups.Length; i++)
        {
            groups[i] = Groups[i].WithIndex(partitions, (int[])Groups[i].Index.Clone());
        }

        return new ConnectionStore(NumNodes, partitions, groups, TapStart, Taps, MinDelaySteps, MaxDelaySteps, Version);
    }

    /// <summary>The same store with its smallest and largest delay taken again from the groups and taps (after delays were set).</summary>
    public ConnectionStore WithDelayExtrema()
    {
        int min = int.MaxValue, max = 0;
        foreach (var g in Groups)
        {
            g.UpdateDelayExtrema();
            if (g.Count > 0)
            {
                min = Math.Min(min, g.MinDelaySteps);
                max = Math.Max(max, g.MaxDelaySteps);
            }
        }

        foreach (var t in Taps)
        {
            min = Math.Min(min, t.DelaySteps);
            max = Math.Max(max, t.DelaySteps);
        }

        return min == int.MaxValue ? this : new ConnectionStore(NumNodes, Partitions, Groups, TapStart, Taps, min, max, Version);
    }

    /// <summary>
    /// True when every source's targets, over all partitions, are in ascending receiver order with global indices: a
    /// boundary between receivers then cuts each row in two contiguous runs, wherever it lies.
    /// </summary>
    public bool RowsAscending()
    {
        if (!Partitions.IdsAreGlobal)
        {
            return false;
        }

        int p = Partitions.Count;
        foreach (var g in Groups)
        {
            for (int s = 0; s < NumNodes; s++)
            {
                if (!IsAscending(g.Targets.Slice(g.Index[s * p], g.Index[(s + 1) * p] - g.Index[s * p]), strictly: false))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// True when each of <paramref name="row"/>'s targets is at or above (<paramref name="strictly"/>: above) the one
    /// before it.
    /// </summary>
    public static bool IsAscending(ReadOnlySpan<ushort> row, bool strictly)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Each target against the next, sixteen at a time.
            int w = Vector256<ushort>.Count;
            ref ushort first = ref MemoryMarshal.GetReference(row);
            for (; i + w < row.Length; i += w)
            {
                var here = Vector256.LoadUnsafe(ref first, (nuint)i);
                var next = Vector256.LoadUnsafe(ref first, (nuint)i + 1);
                if (strictly ? Vector256.GreaterThanOrEqualAny(here, next) : Vector256.GreaterThanAny(here, next))
                {
                    return false;
                }
            }
        }

        for (; i + 1 < row.Length; i++)
        {
            if (strictly ? row[i] >= row[i + 1] : row[i] > row[i + 1])
            {
                return false;
            }
        }

        return true;
    }

    public static ConnectionStore Empty { get; } = new(0, ReceiverPartitioning.Empty, [], [0], [], 0, 0, 0);

    /// <summary>From this many connections to sort on, a build with several threads sorts its groups in parallel (settable for tests).</summary>
    internal static long ParallelBuildConnections { get; set; } = 1L << 25;

    /// <summary>
    /// Merges the previous store with the connections made since into a new store: a counting sort by
    /// (source, receiver partition), stable for the new connections (they keep the order they were made in).
    /// </summary>
    public static ConnectionStore Build(ConnectionStore previous, IReadOnlyCollection<ConnectionGroupBuilder> builders,
        IReadOnlyList<RecorderTap> newTaps, int numNodes, ReceiverPartitioning partitions, int version, SynapseRegistry synapses, ulong seed = 0)
    {
        if ((long)numNodes * partitions.Count >= int.MaxValue)
        {
            throw new NeuroKernelException($"The network is too large for one connection index ({numNodes} nodes × {partitions.Count} partitions).");
        }

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
        // Plain loops here: LINQ's generic code would be compiled at the first Simulate, on the caller's time.
        var types = new SynapseType[keys.Count];
        long pending = 0;
        for (int i = 0; i < keys.Count; i++)
        {
            types[i] = synapses.Models[keys[i].SynapseModel].Type;
            pending += (oldByKey.TryGetValue(keys[i], out var o) ? o.Count : 0L) + (newByKey.TryGetValue(keys[i], out var b) ? b.Connections : 0L);
        }

        // With several threads (one receiver partition each) a large build is sorted side by side: the receiver
        // partitions of a group when no group holds connections from an earlier build (each thread places the
        // connections into its partition's rows, in the order they were made), else the groups. Either way the content
        // does not depend on the number of workers. Below some 30 million connections the thread pool's start costs more
        // than it saves (order-2500 Brunel's 15.6 million: +17 ms of preparation at 2 threads; the HPC benchmark's 126
        // million: −0.25 s).
        int cores = Math.Min(partitions.Count, Environment.ProcessorCount);
        bool large = pending >= ParallelBuildConnections && cores > 1;
        bool fresh = oldByKey.Count == 0;
        int partitionWorkers = large && fresh ? cores : 1;

        ConnectionGroup BuildGroup(int i)
        {
            oldByKey.TryGetValue(keys[i], out var old);
            newByKey.TryGetValue(keys[i], out var add);
            return new GroupSorter(keys[i], partitions, numNodes, types[i], seed).Build(old, add, partitionWorkers);
        }

        int workers = large && !fresh ? Math.Min(cores, keys.Count) : 1;
        if (workers > 1)
        {
            BuildInParallel(groups, workers, BuildGroup);
        }
        else
        {
            for (int i = 0; i < keys.Count; i++)
            {
                groups[i] = BuildGroup(i);
            }
        }

        int minDelay = int.MaxValue, maxDelay = 0;
        foreach (var g in groups)
        {
            if (g.Count > 0)
            {
                minDelay = Math.Min(minDelay, g.MinDelaySteps);
                maxDelay = Math.Max(maxDelay, g.MaxDelaySteps);
            }
        }

        var (tapStart, taps) = BuildTaps(previous, newTaps, numNodes, ref minDelay, ref maxDelay);
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

        return new ConnectionStore(numNodes, partitions, groups, tapStart, taps, minDelay, maxDelay, version);
    }

    /// <summary>
    /// Builds the groups on <paramref name="workers"/> threads. Kept out of <see cref="Build"/>, so that a small build
    /// does not pay for compiling and loading the parallel machinery on its first call.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void BuildInParallel(ConnectionGroup[] groups, int workers, Func<int, ConnectionGroup> build) =>
        ParallelFor(groups.Length, workers, i => groups[i] = build(i));

    /// <summary><paramref name="body"/> for 0 … <paramref name="count"/> − 1 on up to <paramref name="workers"/> threads; the first failure is rethrown as itself.</summary>
    private static void ParallelFor(int count, int workers, Action<int> body)
    {
        try
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = workers }, body);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count >= 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }
    }

    /// <summary>
    /// Two passes over the same entries — count, then place — with the slot key <c>source·P + partition</c>.
    /// Entries come first from the previous store, then from the new runs in the order they were made;
    /// per-connection weights and delays travel with their entries.
    /// </summary>
    internal sealed class GroupSorter(ConnectionGroupKey key, ReceiverPartitioning partitions, int numNodes, SynapseType type, ulong seed = 0)
    {
        private readonly int _p = partitions.Count;
        private int[] _scratch = [];
        private double[] _weightScratch = [];
        private int[] _delayScratch = [];

        public ConnectionGroup Build(ConnectionGroup? old, ConnectionGroupBuilder? add, int partitionWorkers = 1)
        {
            var index = new int[numNodes * _p + 1];
            bool byPartition = partitionWorkers > 1 && old is null && add is not null;
            if (byPartition)
            {
                CountByPartition(add!, index, partitionWorkers);
            }
            else
            {
                ForEachOld(old, (slot, _, _) => index[slot + 1]++);
                CountNew(add, index);
            }

            long total = 0;
            for (int k = 1; k < index.Length; k++)
            {
                total += index[k];
                if (total > Array.MaxLength)
                {
                    throw new NeuroKernelException($"A synapse group holds more than {Array.MaxLength} connections; split it over several synapse models.");
                }

                index[k] = (int)total;
            }

            // Every entry is written below (old entries, then new ones), so the array need not be zeroed.
            var targets = LargeArrays.AllocateAligned<ushort>((int)total);
            // A plastic type changes its weights, so it keeps one per connection even when they all start from the key's.
            // In huge pages: first-touching hundreds of MiB in 4 KiB pages took seconds (LargeArrays); every entry is written below.
            var weights = key.PerConnectionWeight || !type.IsStatic ? LargeArrays.AllocateAligned<double>((int)total) : default;
            // Delays per connection also when one was set on its own after Connect (the old group holds them so).
            var delays = key.PerConnectionDelay || old?.Delays is not null ? new int[total] : null;
            // Plastic types: where each placed connection came from, so that its state moves with it (−1: new).
            // (Without an old group every connection is new: no array, which would be 4 bytes per connection at the peak.)
            var origin = type.IsStatic || old is null ? null : new int[total];
            origin?.AsSpan().Fill(-1);
            var fill = index.AsSpan(0, index.Length - 1).ToArray();
            // New connections without values of their own (a plastic group's one initial weight, a group whose delay was
            // set per connection later): theirs are the key's, filled in beforehand, and only their targets are placed.
            bool newCarryValues = key.PerConnectionWeight || key.PerConnectionDelay;
            if (!newCarryValues)
            {
                weights.AsSpan().Fill(key.Weight);
                delays?.AsSpan().Fill(key.DelaySteps);
            }

            ForEachOld(old, (slot, local, j) =>
            {
                int at = fill[slot]++;
                targets[at] = local;
                if (origin is not null)
                {
                    origin[at] = j;
                }

                if (weights.Array is not null)
                {
                    weights[at] = old!.WeightAt(j);
                }

                if (delays is not null)
                {
                    delays[at] = old!.DelayAt(j);
                }
            });
            if (byPartition)
            {
                PlaceByPartition(add!, index, targets, newCarryValues ? weights : default, newCarryValues ? delays : null, partitionWorkers);
            }
            else if (!newCarryValues)
            {
                FillNewUniform(add, fill, targets.AsSpan());
            }
            else
            {
                for (int part = 0; add is not null && part < _p; part++)
                {
                    PlacePartition(add, fill, part, targets, weights, delays);
                }
            }

            var group = type.CreateGroup(key, partitions, index, targets, weights, delays);
            if (!type.IsStatic)
            {
                group.CarryState(old, origin, seed);
            }

            return group;
        }

        /// <summary>
        /// The counting pass with one worker per receiver partition (a large build's first sort): each counts, in an
        /// array of its own, the connections into its partition; the counts are then laid out as the index's rows.
        /// Kept out of <see cref="Build"/> with <see cref="PlaceByPartition"/>, so that a small build compiles no parallel code.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void CountByPartition(ConnectionGroupBuilder add, int[] index, int workers)
        {
            var counts = new int[_p][];
            RunPerPartition(workers, part => counts[part] = CountPartition(add, part));
            for (int part = 0; part < _p; part++)
            {
                var c = counts[part];
                for (int s = 0; s < numNodes; s++)
                {
                    index[(s * _p) + part + 1] = c[s];
                }
            }
        }

        /// <summary>How many new connections each source has into partition <paramref name="part"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private int[] CountPartition(ConnectionGroupBuilder add, int part)
        {
            var counts = new int[numNodes];
            int[] scratch = [];
            ushort[] narrow = [];
            foreach (var run in add.Runs)
            {
                if (run.IsTargetRun)
                {
                    if (partitions.Of(run.Anchor) != part)
                    {
                        continue;
                    }

                    foreach (int s in add.Ids.GetSpan(run.Start, run.Count, ref scratch, ref narrow))
                    {
                        counts[s]++;
                    }
                }
                else
                {
                    foreach (int r in add.Ids.GetSpan(run.Start, run.Count, ref scratch, ref narrow))
                    {
                        if (partitions.Of(r) == part)
                        {
                            counts[run.Anchor]++;
                        }
                    }
                }
            }

            return counts;
        }

        /// <summary>
        /// The placing pass with one worker per receiver partition: each places the connections into its partition's rows
        /// (the rows of different partitions do not overlap), in the order they were made, as the one-thread pass does;
        /// with <paramref name="weights"/> or <paramref name="delays"/>, their values too.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void PlaceByPartition(ConnectionGroupBuilder add, int[] index, ArraySegment<ushort> targets, ArraySegment<double> weights, int[]? delays, int workers) =>
            RunPerPartition(workers, part => PlacePartition(add, index, part, targets, weights, delays));

        /// <summary>
        /// Places the new connections into partition <paramref name="part"/>'s rows, each row from its entry in
        /// <paramref name="rowStart"/> (source · P + partition) on, with their weights and delays where the group stores
        /// them: a plain loop per run (a call per connection took half of the microcircuit's preparation).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void PlacePartition(ConnectionGroupBuilder add, int[] rowStart, int part, ArraySegment<ushort> targetArray, ArraySegment<double> weightArray, int[]? delays)
        {
            var fill = new int[numNodes];
            for (int s = 0; s < numNodes; s++)
            {
                fill[s] = rowStart[(s * _p) + part];
            }

            var targets = targetArray.AsSpan();
            var weights = weightArray.AsSpan();
            bool ownWeights = key.PerConnectionWeight && !weights.IsEmpty, ownDelays = key.PerConnectionDelay && delays is not null;
            int[] scratch = [], delayScratch = [], lazyDelays = [];
            ushort[] narrow = [];
            double[] weightScratch = [], lazyWeights = [];
            Connectivity.DrawScratch? draws = null;
            foreach (var run in add.Runs)
            {
                if (run.IsTargetRun)
                {
                    var (rp, local) = partitions.Locate(run.Anchor);
                    if (rp != part)
                    {
                        continue;
                    }

                    var ids = add.Ids.GetSpan(run.Start, run.Count, ref scratch, ref narrow);
                    scoped ReadOnlySpan<double> w;
                    scoped ReadOnlySpan<int> d;
                    if (run.IsLazy)
                    {
                        var (seed, lazy, _, _) = add.LazyOf(in run);
                        // Values not kept: drawn again from the run's seed (the same values on any thread).
                        draws ??= new Connectivity.DrawScratch();
                        if (lazyWeights.Length < run.Count)
                        {
                            lazyWeights = new double[run.Count];
                            lazyDelays = new int[run.Count];
                        }

                        if (ownWeights)
                        {
                            lazy.Weights(seed, lazyWeights.AsSpan(0, run.Count), draws);
                        }

                        if (ownDelays)
                        {
                            lazy.Delays(seed, lazyDelays.AsSpan(0, run.Count), draws);
                        }

                        w = ownWeights ? lazyWeights.AsSpan(0, run.Count) : default;
                        d = ownDelays ? lazyDelays.AsSpan(0, run.Count) : default;
                    }
                    else
                    {
                        long at = add.ValueStart(in run);
                        w = ownWeights ? add.Weights.GetSpan(at, run.Count, ref weightScratch) : default;
                        d = ownDelays ? add.Delays.GetSpan(at, run.Count, ref delayScratch) : default;
                    }

                    for (int k = 0; k < ids.Length; k++)
                    {
                        int at = fill[ids[k]]++;
                        targets[at] = local;
                        if (!weights.IsEmpty)
                        {
                            weights[at] = ownWeights ? w[k] : key.Weight;
                        }

                        if (delays is not null)
                        {
                            delays[at] = ownDelays ? d[k] : key.DelaySteps;
                        }
                    }
                }
                else
                {
                    foreach (int r in add.Ids.GetSpan(run.Start, run.Count, ref scratch, ref narrow))
                    {
                        var (rp, local) = partitions.Locate(r);
                        if (rp != part)
                        {
                            continue;
                        }

                        int at = fill[run.Anchor]++;
                        targets[at] = local;
                        if (!weights.IsEmpty)
                        {
                            weights[at] = key.Weight;
                        }

                        if (delays is not null)
                        {
                            delays[at] = key.DelaySteps;
                        }
                    }
                }
            }
        }

        private void RunPerPartition(int workers, Action<int> partition) => ParallelFor(_p, workers, partition);

        /// <summary>The counting pass over the new runs, without a call per connection (the build's hot loop).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void CountNew(ConnectionGroupBuilder? add, int[] index)
        {
            if (add is null)
            {
                return;
            }

            foreach (var run in add.Runs)
            {
                var ids = add.Ids.GetSpan(run.Start, run.Count, ref _scratch);
                if (run.IsTargetRun)
                {
                    int slot1 = partitions.Of(run.Anchor) + 1;
                    foreach (int s in ids)
                    {
                        index[s * _p + slot1]++;
                    }
                }
                else
                {
                    int row1 = run.Anchor * _p + 1;
                    foreach (int r in ids)
                    {
                        index[row1 + partitions.Of(r)]++;
                    }
                }
            }
        }

        /// <summary>The placing pass for groups without per-connection values.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void FillNewUniform(ConnectionGroupBuilder? add, int[] fill, Span<ushort> targets)
        {
            if (add is null)
            {
                return;
            }

            foreach (var run in add.Runs)
            {
                var ids = add.Ids.GetSpan(run.Start, run.Count, ref _scratch);
                if (run.IsTargetRun)
                {
                    var (part, local) = partitions.Locate(run.Anchor);
                    foreach (int s in ids)
                    {
                        targets[fill[s * _p + part]++] = local;
                    }
                }
                else
                {
                    int row = run.Anchor * _p;
                    foreach (int r in ids)
                    {
                        var (part, local) = partitions.Locate(r);
                        targets[fill[row + part]++] = local;
                    }
                }
            }
        }

        private void ForEachOld(ConnectionGroup? old, Action<int, ushort, int> entry)
        {
            if (old is null)
            {
                return;
            }

            var op = old.Partitions;
            int oldSources = (old.Index.Length - 1) / op.Count;
            for (int s = 0; s < oldSources; s++)
            {
                for (int part = 0; part < op.Count; part++)
                {
                    int start = op.Base(part);
                    for (int j = old.Index[s * op.Count + part]; j < old.Index[s * op.Count + part + 1]; j++)
                    {
                        int receiver = start + old.Targets[j];
                        var (p, local) = partitions.Locate(receiver);
                        entry(s * _p + p, local, j);
                    }
                }
            }
        }
    }

    private static (int[] Start, RecorderTap[] Taps) BuildTaps(ConnectionStore previous, IReadOnlyList<RecorderTap> taps, int numNodes,
        ref int minDelay, ref int maxDelay)
    {
        var start = new int[numNodes + 1];
        foreach (var t in previous.Taps)
        {
            start[t.SourceIndex + 1]++;
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

        var all = new RecorderTap[start[numNodes]];
        var fill = start.AsSpan(0, numNodes).ToArray();
        foreach (var t in previous.Taps)
        {
            all[fill[t.SourceIndex]++] = t;
        }

        foreach (var t in taps)
        {
            all[fill[t.SourceIndex]++] = t;
        }

        return (start, all);
    }
}

/// <summary>A connection from a source (node index) to a spike recorder (node id), with the values GetConnections reports.</summary>
internal readonly record struct RecorderTap(int SourceIndex, int RecorderId, int DelaySteps, int SynapseModel, double Weight, int Receptor = 0);
