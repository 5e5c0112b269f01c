using NeuroKernel.Connectivity;
using NeuroKernel.Models;
using NeuroKernel.Synapses;

namespace NeuroKernel.Kernel;

/// <summary>
/// Where one Connect call puts its connections: the pending group of the synapse model, weight and delay for each
/// target's channel, or a recorder tap. Rules reach it through <see cref="ConnectionRequest.Connect"/> (one target at a
/// time, weights and delays per connection) or, on the fast path of a pair rule, directly.
/// </summary>
/// <remarks>
/// A plastic synapse type's group stores its weights per connection, also when the call gives one weight for all; the
/// pending group then keeps that one weight in its key, and the store makes the array.
/// </remarks>
internal sealed class ConnectionWriter(ConnectionManager connections, ConnectionGroupKey key, SourceKinds kinds, ValueSpec weight, ValueSpec delay,
    SeededRandom? values, bool plastic, bool redraw = false)
{
    /// <summary>A plastic model's type, which checks every connection's weight (NEST's sign rules); null for static ones.</summary>
    private readonly SynapseType? _plasticType = plastic ? connections.Synapses.Models[key.SynapseModel].Type : null;

    private int[] _indices = [];
    private double[] _weights = [];
    private int[] _delays = [];

    /// <summary>Weights and delays drawn again when the store is built (null: kept from here); see <see cref="LazyValues"/>.</summary>
    private readonly LazyValues? _lazy = redraw && values is not null && LazyValues.Qualifies(weight, delay, plastic)
        ? new LazyValues(weight, delay, connections.Grid, key.DelaySteps)
        : null;

    private Connectivity.DrawScratch? _draws;

    public ValueSpec Weight => weight;

    public ValueSpec Delay => delay;

    /// <summary>True when the call gives one weight and one delay for all connections and the synapse type is static.</summary>
    public bool IsUniform => weight.IsScalar && delay.IsScalar && !plastic;

    /// <summary>True when weights or delays are arrays, which connections index by their value index.</summary>
    public bool HasArrays => weight.IsArray || delay.IsArray;

    /// <summary>Connections added through <see cref="Add"/>.</summary>
    public long Made { get; private set; }

    public NodeBlock BlockOf(int id) => connections.Nodes.FindBlock(id);

    public void ForEachBlockSegment(NodeCollection nodes, Action<NodeBlock, int, int> visit) => connections.Nodes.ForEachBlockSegment(nodes, visit);

    /// <summary>The ring-buffer channel of connections into <paramref name="target"/>'s nodes.</summary>
    public InputChannel ChannelFor(NodeBlock target) => ConnectionManager.ChannelFor(target, kinds);

    /// <summary>The pending group of this call's key on <paramref name="channel"/> (uniform weight and delay).</summary>
    public ConnectionGroupBuilder Group(InputChannel channel) => connections.PendingGroup(key with { Channel = channel });

    /// <summary>A connection from a source (0-based index) to a spike recorder, with the call's weight and delay.</summary>
    public void AddTap(int sourceIndex, int recorderId) =>
        connections.AddTap(new RecorderTap(sourceIndex, recorderId, key.DelaySteps, key.SynapseModel, key.Weight, key.Receptor));

    /// <summary>Connections from <paramref name="sourceIndices"/> (0-based) to one target with the call's weight and delay.</summary>
    public void AddToTarget(ReadOnlySpan<int> sourceIndices, NodeBlock block, int target) =>
        connections.AddToTarget(sourceIndices, block, target, key, kinds);

    /// <summary>
    /// Connections from <paramref name="sources"/> (ids) to <paramref name="target"/> with their weights and delays:
    /// <paramref name="valueIndex"/> gives each connection's index into weight/delay arrays (empty when there are none).
    /// </summary>
    public void Add(int target, ReadOnlySpan<int> sources, ReadOnlySpan<int> valueIndex)
    {
        int n = sources.Length;
        if (n == 0)
        {
            return;
        }

        if (_indices.Length < n)
        {
            _indices = new int[n];
            _weights = new double[n];
            _delays = new int[n];
        }

        if (_lazy is not null && !BlockOf(target).Model.RecordsSpikes)
        {
            AddLazy(target, sources, _lazy);
            return;
        }

        var grid = connections.Grid;
        for (int c = 0; c < n; c++)
        {
            _indices[c] = sources[c] - 1;
            _weights[c] = weight.IsScalar ? weight.Scalar : weight.IsArray ? weight.At(valueIndex[c]) : weight.Draw(values!);
            _plasticType?.CheckWeight(key.Variant, _weights[c]);
            _delays[c] = delay.IsScalar ? key.DelaySteps : SynapseRegistry.CheckDelay(grid, delay.IsArray ? delay.At(valueIndex[c]) : delay.Draw(values!));
        }

        if (!delay.IsScalar)
        {
            int largest = 0;
            for (int c = 0; c < n; c++)
            {
                largest = Math.Max(largest, _delays[c]);
            }

            connections.CheckRingMemory(largest);
        }

        var block = BlockOf(target);
        if (block.Model.RecordsSpikes)
        {
            for (int c = 0; c < n; c++)
            {
                connections.AddTap(new RecorderTap(_indices[c], target, _delays[c], key.SynapseModel, _weights[c], key.Receptor));
            }
        }
        else
        {
            var groupKey = GroupKeyFor(block);
            connections.PendingGroup(groupKey).AddToTarget(_indices.AsSpan(0, n), block.ReceiverOf(target),
                groupKey.PerConnectionWeight ? _weights.AsSpan(0, n) : default,
                groupKey.PerConnectionDelay ? _delays.AsSpan(0, n) : default);
        }

        Made += n;
    }

    /// <summary>
    /// The group of connections into <paramref name="block"/>: the call's key on the block's channel, with per-connection
    /// flags for values that are not one number. A plastic type stores its weights per connection anyway (the group makes
    /// them from the key's one weight), so one weight for all is kept once in the key: 8 bytes less per pending connection.
    /// </summary>
    private ConnectionGroupKey GroupKeyFor(NodeBlock block) => key with
    {
        Weight = weight.IsScalar ? key.Weight : 0.0,
        Channel = ChannelFor(block),
        PerConnectionWeight = !weight.IsScalar,
        PerConnectionDelay = !delay.IsScalar,
    };

    /// <summary>
    /// The same for a call whose values are drawn again when the store is built: the run gets a seed from the call's stream;
    /// its delays are drawn now for NEST's checks, the extrema and the memory check, and not kept.
    /// </summary>
    private void AddLazy(int target, ReadOnlySpan<int> sources, LazyValues lazy)
    {
        int n = sources.Length;
        ulong seed = Random.SplitMix64.Next(ref values!.State);
        int minDelay = key.DelaySteps, maxDelay = key.DelaySteps;
        if (!delay.IsScalar)
        {
            var delays = _delays.AsSpan(0, n);
            lazy.Delays(seed, delays, _draws ??= new Connectivity.DrawScratch());
            minDelay = int.MaxValue;
            maxDelay = 0;
            foreach (int d in delays)
            {
                minDelay = Math.Min(minDelay, d);
                maxDelay = Math.Max(maxDelay, d);
            }

            connections.CheckRingMemory(maxDelay);
        }

        for (int c = 0; c < n; c++)
        {
            _indices[c] = sources[c] - 1;
        }

        var block = BlockOf(target);
        connections.PendingGroup(GroupKeyFor(block)).AddToTargetLazy(_indices.AsSpan(0, n), block.ReceiverOf(target), seed, lazy, minDelay, maxDelay);
        Made += n;
    }
}
