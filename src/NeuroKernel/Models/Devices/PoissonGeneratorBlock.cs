using System.Runtime.CompilerServices;
using NeuroKernel.Kernel;
using NeuroKernel.Random;
using NeuroKernel.Synapses;

namespace NeuroKernel.Models.Devices;

/// <summary>
/// poisson_generator nodes. They emit nothing in the update phase; in the delivery phase each active node
/// draws a count for every one of its targets and adds count·weight straight into the target's ring
/// buffer slot (NEST's per-target <c>DSSpikeEvent</c>).
/// </summary>
internal sealed class PoissonGeneratorBlock(PoissonGeneratorModel model, int firstId, int count, PoissonGeneratorParameters p)
    : DeviceBlock<PoissonGeneratorParameters>(model, firstId, count, p)
{
    private Target[] _targets = [];
    private ulong[] _streams = [];
    private StreamKey[] _streamKeys = [];
    private int _streamsVersion = -1;
    private ulong _streamsSeed;
    private PoissonSampler?[] _samplers = [];
    private bool[] _strictlyAscending = [];

    public override void Prepare(PrepareContext context)
    {
        base.Prepare(context);
        double h = context.Grid.Resolution;
        _samplers = new PoissonSampler?[Count];
        for (int i = 0; i < Count; i++)
        {
            double mean = Parameters[i].Rate * h / 1000.0;
            _samplers[i] = mean > 0.0 ? new PoissonSampler(mean) : null;
        }

        if (_streamsVersion != context.Connections.Version || _streamsSeed != context.Seed)
        {
            BuildStreams(context.Connections, context.Seed);
        }

        // Whether each target run is strictly ascending within every partition: then a part of it is a block of
        // consecutive receivers (all_to_all onto a population) when its last target is its first plus its length − 1,
        // and the counts are added with vector adds. With global receiver indices the partitions follow one another,
        // so this holds for any part cut at any receiver (the thread boundaries move during a run).
        var store = context.Connections;
        var parts = store.Partitions;
        _strictlyAscending = new bool[_targets.Length];
        for (int k = 0; k < _targets.Length; k++)
        {
            var t = _targets[k];
            var g = store.Groups[t.Group];
            bool strict = true;
            for (int p = 0; p < parts.Count && strict; p++)
            {
                int begin = g.Index[t.Row + p], end = g.Index[t.Row + p + 1];
                strict = ConnectionStore.IsAscending(g.Targets.Slice(begin, end - begin), strictly: true);
            }

            _strictlyAscending[k] = strict;
        }
    }

    /// <summary>
    /// One stream per outgoing connection, seeded from (seed, generator id, receiver, ordinal), where the
    /// ordinal counts earlier connections of the same generator to the same receiver. The key does not
    /// depend on how the store is laid out, so the trains are the same for any number of threads.
    /// </summary>
    private void BuildStreams(ConnectionStore store, ulong seed)
    {
        var targets = new List<Target>();
        long total = 0;
        var parts = store.Partitions;
        for (int i = 0; i < Count; i++)
        {
            int source = FirstId - 1 + i;
            if (source >= store.NumNodes)
            {
                continue;
            }

            for (int gi = 0; gi < store.Groups.Length; gi++)
            {
                var g = store.Groups[gi];
                int rowBase = g.Index[source * parts.Count];
                int len = g.RowLength(source);
                if (len == 0)
                {
                    continue;
                }

                targets.Add(new Target(i, gi, source * parts.Count, rowBase, total));
                total += len;
            }
        }

        // Streams of connections that existed before continue where they were (a Connect between Simulate
        // calls must not replay the old targets' input); new connections get fresh streams.
        var previous = new Dictionary<StreamKey, ulong>();
        if (_streamsSeed == seed)
        {
            for (int k = 0; k < _streamKeys.Length; k++)
            {
                previous[_streamKeys[k]] = _streams[k];
            }
        }

        _targets = [.. targets];
        _streams = new ulong[total];
        _streamKeys = new StreamKey[total];
        var seen = new Dictionary<(int Local, int Receiver), int>();
        foreach (var t in _targets)
        {
            var g = store.Groups[t.Group];
            for (int p = 0; p < parts.Count; p++)
            {
                for (int j = g.Index[t.Row + p]; j < g.Index[t.Row + p + 1]; j++)
                {
                    int receiver = parts.Base(p) + g.Targets[j];
                    seen.TryGetValue((t.Local, receiver), out int ordinal);
                    seen[(t.Local, receiver)] = ordinal + 1;
                    var key = new StreamKey(t.Local, receiver, ordinal, g.Key);
                    long at = t.StreamOffset + (j - t.RowBase);
                    _streamKeys[at] = key;
                    _streams[at] = previous.TryGetValue(key, out ulong state)
                        ? state
                        : SplitMix64.Derive(seed, (ulong)(FirstId + t.Local), (ulong)receiver, (ulong)ordinal);
                }
            }
        }

        _streamsVersion = store.Version;
        _streamsSeed = seed;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void DeliverPerTarget(in SliceContext slice, int lag, int firstPartition, int endPartition)
    {
        long stamp = slice.Step0 + lag + 1;
        var rings = slice.Rings;
        // The connections as the calling thread currently sees them split: the same targets and streams, its own cuts.
        var connections = slice.Connections;
        var parts = connections.Partitions;
        for (int k = 0; k < _targets.Length; k++)
        {
            var t = _targets[k];
            var sampler = _samplers[t.Local];
            if (sampler is null || !IsActive(t.Local, stamp))
            {
                continue;
            }

            var g = connections.Groups[t.Group];
            // Arrives in the step that ends delay after the stamp: step index stamp + delay − 1.
            int slotBase = rings.SlotBase(stamp + g.DelaySteps - 1);
            var buffer = g.Buffer(rings);
            for (int p = firstPartition; p < endPartition; p++)
            {
                int begin = g.Index[t.Row + p], end = g.Index[t.Row + p + 1];
                if (begin == end)
                {
                    continue;
                }

                int start = parts.Base(p);
                if (!g.IsUniform)
                {
                    // Weights or delays per connection: one draw at a time, into each connection's slot.
                    for (int j = begin; j < end; j++)
                    {
                        int n = sampler.Sample(ref _streams[t.StreamOffset + (j - t.RowBase)]);
                        double weight = g.WeightAt(j);
                        g.Buffer(rings, weight)[rings.SlotBase(stamp + g.DelayAt(j) - 1) + start + g.Targets[j]] +=
                            g.EventValue(weight, n, 1.0);
                    }

                    continue;
                }

                sampler.AddDraws(
                    _streams.AsSpan((int)(t.StreamOffset + (begin - t.RowBase)), end - begin),
                    g.Targets.Slice(begin, end - begin),
                    buffer.AsSpan(slotBase + start, parts.End(p) - start),
                    g.DeliveredWeight,
                    _strictlyAscending[k] && PoissonSampler.SpansConsecutively(g.Targets[begin], g.Targets[end - 1], end - begin));
            }
        }
    }

    /// <summary>Identifies a connection's stream across rebuilds of the store.</summary>
    private readonly record struct StreamKey(int Local, int Receiver, int Ordinal, ConnectionGroupKey Group);

    /// <summary>
    /// The targets of one generator node in group number <c>Group</c> of the store: its row starts at
    /// <c>Index[Row]</c> = RowBase (the same in every split of the store).
    /// </summary>
    private readonly record struct Target(int Local, int Group, int Row, int RowBase, long StreamOffset);
}
