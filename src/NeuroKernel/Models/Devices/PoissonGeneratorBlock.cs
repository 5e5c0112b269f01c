using System.Runtime.CompilerServices;
using NeuroKernel.Delivery;
using NeuroKernel.Kernel;
using NeuroKernel.Random;
using NeuroKernel.Synapses;

namespace NeuroKernel.Models.Devices;

/// <summary>
/// poisson_generator nodes: each sends every one of its targets an independent train (NEST's per-target
/// <c>DSSpikeEvent</c>). They emit nothing in the update phase; delivery asks them, at their place in the canonical order,
/// for a count per target drawn from the connection's own stream, and adds count·weight into the target's buffer — with
/// the fused vectorized draw-and-add of <see cref="PoissonSampler.AddDraws"/> for uniform groups.
/// </summary>
internal sealed class PoissonGeneratorBlock(PoissonGeneratorModel model, int firstId, int count, PoissonGeneratorParameters p)
    : DeviceBlock<PoissonGeneratorParameters>(model, firstId, count, p), IPerTargetSender
{
    private PerTargetRun[] _runs = [];
    private ulong[] _streams = [];
    private StreamKey[] _streamKeys = [];
    private int _streamsVersion = -1;
    private ulong _streamsSeed;
    private PoissonSampler?[] _samplers = [];

    public ReadOnlySpan<PerTargetRun> Runs => _runs;

    public Span<ulong> Streams => _streams;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Sends(int local, long stamp) => _samplers[local] is not null && IsActive(local, stamp);

    public (int Multiplicity, double Factor) EventOf(int local, int buffer, int lag, ref ulong stream) => (_samplers[local]!.Sample(ref stream), 1.0);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public PoissonSampler? FusedSampler(int local) => _samplers[local];

    public override void Prepare(PrepareContext context)
    {
        base.Prepare(context);
        double h = context.Grid.Resolution;
        var samplers = new PoissonSampler?[Count];
        for (int i = 0; i < Count; i++)
        {
            PoissonGeneratorParameters.CheckMean(Parameters[i].Rate, h);
            double mean = Parameters[i].Rate * h / 1000.0;
            samplers[i] = mean > 0.0 ? new PoissonSampler(mean) : null;
        }

        _samplers = samplers;

        if (_streamsVersion != context.Connections.Version || _streamsSeed != context.Seed)
        {
            BuildStreams(context.Connections, context.Seed);
        }
    }

    /// <summary>
    /// One stream per outgoing connection, seeded from (seed, generator id, receiver, ordinal), where the
    /// ordinal counts earlier connections of the same generator to the same receiver. The key does not
    /// depend on how the store is laid out, so the trains are the same for any number of threads.
    /// </summary>
    private void BuildStreams(ConnectionStore store, ulong seed)
    {
        var (runs, total) = PerTargetRun.Build(store, FirstIndex, Count);
        var parts = store.Partitions;

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

        _runs = runs;
        _streams = new ulong[total];
        _streamKeys = new StreamKey[total];
        var seen = new Dictionary<(int Local, int Receiver), int>();
        foreach (var t in _runs)
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
                        : RandomManager.PerTargetStream(seed, FirstId + t.Local, receiver, ordinal);
                }
            }
        }

        _streamsVersion = store.Version;
        _streamsSeed = seed;
    }

    /// <summary>Identifies a connection's stream across rebuilds of the store.</summary>
    private readonly record struct StreamKey(int Local, int Receiver, int Ordinal, ConnectionGroupKey Group);
}
