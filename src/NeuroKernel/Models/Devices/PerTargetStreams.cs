using NeuroKernel.Delivery;
using NeuroKernel.Kernel;
using NeuroKernel.Synapses;

namespace NeuroKernel.Models.Devices;

/// <summary>
/// The per-target state of a device that draws for each of its connections independently (poisson_generator and its
/// relatives): the device's runs in the store and one random stream per connection, keyed by the kernel's seed, the
/// device node, the target and the connection's ordinal among repeated pairs, so that the draws are the same for any
/// thread count. Streams of connections that existed before a rebuild continue where they were.
/// </summary>
internal sealed class PerTargetStreams
{
    private ulong[] _streams = [];
    private StreamKey[] _keys = [];
    private int _version = -1;
    private ulong _seed;

    /// <summary>The device's rows in the store, node by node and group by group.</summary>
    public PerTargetRun[] Runs { get; private set; } = [];

    /// <summary>One stream per connection, in the order of <see cref="Runs"/>.</summary>
    public Span<ulong> Streams => _streams;

    /// <summary>
    /// For each connection, its index before the last rebuild, or −1 for a new one (or after a new seed): devices that keep
    /// more per target than a stream carry their state over with it.
    /// </summary>
    public int[] Origins { get; private set; } = [];

    /// <summary>Rebuilds the runs and streams when the store or the seed changed since the last call.</summary>
    public void Update(ConnectionStore store, ulong seed, int firstIndex, int firstId, int count)
    {
        if (_version == store.Version && _seed == seed)
        {
            return;
        }

        var (runs, total) = PerTargetRun.Build(store, firstIndex, count);
        var parts = store.Partitions;
        var previous = new Dictionary<StreamKey, int>();
        if (_seed == seed)
        {
            for (int k = 0; k < _keys.Length; k++)
            {
                previous[_keys[k]] = k;
            }
        }

        var oldStreams = _streams;
        Runs = runs;
        _streams = new ulong[total];
        _keys = new StreamKey[total];
        Origins = new int[total];
        var seen = new Dictionary<(int Local, int Receiver), int>();
        foreach (var t in runs)
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
                    _keys[at] = key;
                    bool kept = previous.TryGetValue(key, out int before);
                    Origins[at] = kept ? before : -1;
                    _streams[at] = kept ? oldStreams[before] : RandomManager.PerTargetStream(seed, firstId + t.Local, receiver, ordinal);
                }
            }
        }

        _version = store.Version;
        _seed = seed;
    }

    private readonly record struct StreamKey(int Local, int Receiver, int Ordinal, ConnectionGroupKey Group);
}
