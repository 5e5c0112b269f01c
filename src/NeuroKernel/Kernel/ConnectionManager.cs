using System.Numerics.Tensors;
using NeuroKernel.Connectivity;
using NeuroKernel.Models;
using NeuroKernel.Recording;
using NeuroKernel.Synapses;

namespace NeuroKernel.Kernel;

/// <summary>
/// The connections (NEST's <c>ConnectionManager</c>): the synapse models, the connection rules, the connections made
/// since the last preparation (builders and recorder taps, appended without sorting) and the finalized store.
/// </summary>
internal sealed partial class ConnectionManager(KernelManager kernel)
{
    private Dictionary<ConnectionGroupKey, ConnectionGroupBuilder> _pendingGroups = [];
    private List<RecorderTap> _pendingTaps = [];
    private int[] _connectScratch = new int[1024];

    /// <summary>0, 1, 2, …: the value indices of explicit sources (<see cref="Identity"/>).</summary>
    private int[] _identity = [];
    private int _largestCheckedDelay;

    /// <summary>Numbers the stores ever built (never reset: blocks key per-connection state such as streams by it).</summary>
    private int _storeVersion;

    public SynapseRegistry Synapses { get; private set; } = null!;

    public ConnectionRuleRegistry Rules { get; private set; } = null!;

    /// <summary>The connections finalized so far (<see cref="FinalizeConnections"/>).</summary>
    public ConnectionStore Store { get; private set; } = ConnectionStore.Empty;

    /// <summary>Raised by every Connect (and reset): the network's connections changed.</summary>
    public int Version { get; private set; }

    /// <summary>A synapse model's weight_recorder changed: the next run prepares its delivery again.</summary>
    public void WeightRecorderChanged() => Version++;

    /// <summary>The synapse model a syn_spec names, checked as NEST checks it at Connect.</summary>
    /// <exception cref="UnknownSynapseTypeException">No such model.</exception>
    /// <exception cref="BadPropertyException">A dopamine synapse model without a volume transmitter.</exception>
    private SynapseModel ModelFor(SynSpec syn)
    {
        var model = Synapses.TryGet(syn.Model, out var m) ? m : throw new UnknownSynapseTypeException(syn.Model);
        if (model.UsesVolumeTransmitter && model.VolumeTransmitter == 0)
        {
            throw new BadPropertyException(ParameterNames.VolumeTransmitter,
                $"No volume transmitter has been assigned to the dopamine synapse ({model.Name}): set its volume_transmitter with SetDefaults or CopyModel before Connect.");
        }

        return model;
    }

    internal NodeManager Nodes => kernel.Nodes;

    internal TimeGrid Grid => kernel.Grid;

    public void Initialize()
    {
        Synapses = new SynapseRegistry
        {
            IsWeightRecorder = id => id <= Nodes.NumNodes && Nodes.FindBlock(id) is Recording.WeightRecorderBlock,
            IsVolumeTransmitter = id => id <= Nodes.NumNodes && Nodes.FindBlock(id) is Models.VolumeTransmitter.VolumeTransmitterBlock,
        };
        Rules = new ConnectionRuleRegistry();
        ConnectionRuleCatalog.RegisterBuiltIns(Rules);
        _pendingGroups = [];
        _pendingTaps = [];
        _largestCheckedDelay = 0;
        Store = ConnectionStore.Empty;
        Version++;
    }

    /// <summary>NEST's <c>Connect(pre, post, conn_spec, syn_spec)</c>: a registered rule, or the fast path of a pair rule.</summary>
    public void Connect(NodeCollection pre, NodeCollection post, ConnSpec conn, SynSpec syn)
    {
        var model = ModelFor(syn);
        int variant = model.InitialValuesFor(syn.Parameters);
        var reader = new ParameterReader(conn.Parameters, "conn_spec");
        var bound = Rules.Get(conn.Rule).Bind(reader);
        reader.ThrowIfUnused();

        var weight = ValueSpec.From(ParameterNames.Weight, syn.WeightValue, model.Weight);
        var delay = ValueSpec.From(ParameterNames.Delay, syn.DelayValue, SynapseRegistry.DelayOnGrid(model, Grid));
        int delaySteps = delay.IsScalar ? SynapseRegistry.CheckDelay(Grid, delay.Scalar) : 0;
        CheckRingMemory(delaySteps);
        if (pre.Count == 0 || post.Count == 0)
        {
            throw new IllegalConnectionException($"Connect needs non-empty collections (pre has {pre.Count} nodes, post has {post.Count}).");
        }

        bound.CheckSizes(pre.Count, post.Count);
        if (IsSampler(pre))
        {
            model.NumConnections += ConnectSamplers(post, bound.SamplerPairs(pre, post),
                new SamplerTapInfo(model.Index, weight.IsScalar ? weight.Scalar : model.Weight, delaySteps == 0 ? 1 : delaySteps));
            Version++;
            return;
        }

        var kinds = CheckSources(pre) with { Receptor = syn.ReceptorType, NegativeWeight = weight.HasNegative };
        CheckTargets(post, kinds);
        var key = new ConnectionGroupKey(model.Index, weight.IsScalar ? weight.Scalar : 0.0, delaySteps, Variant: variant, Receptor: syn.ReceptorType);
        // A large call's drawn weights and delays are drawn again when the store is built instead of being kept (LazyValues).
        bool redraw = bound.PlannedConnections(pre.Count, post.Count) >= RedrawFromConnections;
        var writer = new ConnectionWriter(this, key, kinds, weight, delay, kernel.Random.ValueStream(), !model.IsStatic, redraw);
        long made = bound.TakesUniformPath(writer) ? bound.ConnectUniform(pre, post, writer) : ConnectDrawn(pre, post, bound, writer);
        MarkConnected(post, kinds);
        model.NumConnections += made;
        Version++;
    }

    /// <summary>
    /// Calls planning at least this many connections keep no drawn weights and delays until the store is built
    /// (<see cref="LazyValues"/>): 12 bytes less per pending connection, for a second draw when the store is built. Below,
    /// keeping them is faster (the cortical microcircuit at scale 0.1: connect and prepare 0.46 s kept, 0.53 s drawn again).
    /// </summary>
    internal static double RedrawFromConnections { get; set; } = 1 << 20;

    /// <summary>
    /// The general path (<see cref="BoundRule.ConnectDrawn"/>) with the kernel's part: the call's rule stream, and if anything
    /// fails half-way (a delay drawn below the resolution, say), everything this call added is rolled back.
    /// </summary>
    private long ConnectDrawn(NodeCollection pre, NodeCollection post, BoundRule bound, ConnectionWriter writer)
    {
        var mark = MarkPending();
        long made;
        try
        {
            made = bound.ConnectDrawn(pre, post, writer, kernel.Random.RuleStream());
        }
        catch
        {
            RollbackPending(mark);
            throw;
        }

        kernel.Random.ConnectCallSucceeded();
        return made;
    }

    /// <summary>
    /// Each of <paramref name="sources"/> to one target, as the seed's <c>Connect(list(sources), [n + 1])</c>: a copy of
    /// the ids, nothing sorted until Simulate.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Connect(ReadOnlySpan<int> sources, int target, SynSpec syn)
    {
        var model = ModelFor(syn);
        int variant = model.InitialValuesFor(syn.Parameters);
        if (syn.WeightValue is not (null or double) || syn.DelayValue is not (null or double) || !model.IsStatic)
        {
            // Weights or delays per connection (a 1-D array with one value per source, or a distribution), or a plastic type.
            ConnectExplicit(sources, target, syn, model, variant);
            return;
        }

        int delaySteps = syn.Delay is double delay ? SynapseRegistry.CheckDelay(Grid, delay) : SynapseRegistry.DefaultDelaySteps(model, Grid);
        CheckRingMemory(delaySteps);
        var key = new ConnectionGroupKey(model.Index, syn.Weight ?? model.Weight, delaySteps, Receptor: syn.ReceptorType);
        if (sources.IsEmpty)
        {
            throw new IllegalConnectionException("Connect needs at least one source (sources is empty).");
        }

        var targetBlock = Nodes.FindBlock(target);
        var kinds = CheckSourceIds(sources) with { Receptor = syn.ReceptorType, NegativeWeight = key.Weight < 0.0 };
        CheckTargetBlock(targetBlock, target, kinds);
        if (_connectScratch.Length < sources.Length)
        {
            _connectScratch = new int[sources.Length];
        }

        var indices = _connectScratch.AsSpan(0, sources.Length);
        TensorPrimitives.Subtract(sources, 1, indices);

        AddToTarget(indices, targetBlock, target, key, kinds);
        MarkConnected(targetBlock, target, kinds);
        model.NumConnections += sources.Length;
        Version++;
    }

    /// <summary>Explicit sources → one target with per-connection weights or delays.</summary>
    private void ConnectExplicit(ReadOnlySpan<int> sources, int target, SynSpec syn, SynapseModel model, int variant)
    {
        var weight = ValueSpec.From(ParameterNames.Weight, syn.WeightValue, model.Weight);
        var delay = ValueSpec.From(ParameterNames.Delay, syn.DelayValue, SynapseRegistry.DelayOnGrid(model, Grid));
        weight.RequireLength(sources.Length, "Connect(sources, target)");
        delay.RequireLength(sources.Length, "Connect(sources, target)");
        if (sources.IsEmpty)
        {
            throw new IllegalConnectionException("Connect needs at least one source (sources is empty).");
        }

        var targetBlock = Nodes.FindBlock(target);
        var kinds = CheckSourceIds(sources) with { Receptor = syn.ReceptorType, NegativeWeight = weight.HasNegative };
        CheckTargetBlock(targetBlock, target, kinds);
        int delaySteps = delay.IsScalar ? SynapseRegistry.CheckDelay(Grid, delay.Scalar) : 0;
        var key = new ConnectionGroupKey(model.Index, weight.IsScalar ? weight.Scalar : 0.0, delaySteps, Variant: variant, Receptor: syn.ReceptorType);
        var writer = new ConnectionWriter(this, key, kinds, weight, delay, kernel.Random.ValueStream(), !model.IsStatic);
        var mark = MarkPending();
        try
        {
            // Value arrays have one value per source, in the sources' order.
            writer.Add(target, sources, writer.HasArrays ? Identity(sources.Length) : default);
        }
        catch
        {
            RollbackPending(mark);
            throw;
        }

        kernel.Random.ConnectCallSucceeded();
        MarkConnected(targetBlock, target, kinds);
        model.NumConnections += writer.Made;
        Version++;
    }

    /// <summary>0, 1, …, <paramref name="n"/> − 1, from one array kept for the purpose.</summary>
    private ReadOnlySpan<int> Identity(int n)
    {
        if (_identity.Length < n)
        {
            _identity = [.. Enumerable.Range(0, Math.Max(n, 2 * _identity.Length))];
        }

        return _identity.AsSpan(0, n);
    }

    /// <summary>Connections from <paramref name="sourceIndices"/> (0-based) to one target: recorder taps, or synapses of the target's channel.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal void AddToTarget(ReadOnlySpan<int> sourceIndices, NodeBlock targetBlock, int target, ConnectionGroupKey key, SourceKinds kinds)
    {
        if (targetBlock.Model.RecordsSpikes)
        {
            foreach (int s in sourceIndices)
            {
                _pendingTaps.Add(new RecorderTap(s, target, key.DelaySteps, key.SynapseModel, key.Weight, key.Receptor));
            }
        }
        else
        {
            PendingGroup(key with { Channel = ChannelFor(targetBlock, kinds) })
                .AddToTarget(sourceIndices, targetBlock.ReceiverOf(target));
        }
    }

    internal void AddTap(RecorderTap tap) => _pendingTaps.Add(tap);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal ConnectionGroupBuilder PendingGroup(ConnectionGroupKey key)
    {
        if (!_pendingGroups.TryGetValue(key, out var g))
        {
            g = new ConnectionGroupBuilder(key);
            _pendingGroups.Add(key, g);
        }

        return g;
    }

    private (Dictionary<ConnectionGroupKey, (int, long, long, long, long, int, int)> Groups, int Taps) MarkPending() =>
        (_pendingGroups.ToDictionary(g => g.Key, g => g.Value.Mark()), _pendingTaps.Count);

    private void RollbackPending((Dictionary<ConnectionGroupKey, (int, long, long, long, long, int, int)> Groups, int Taps) mark)
    {
        foreach (var key in _pendingGroups.Keys.ToArray())
        {
            if (mark.Groups.TryGetValue(key, out var m))
            {
                _pendingGroups[key].Rollback(m);
            }
            else
            {
                _pendingGroups.Remove(key);
            }
        }

        _pendingTaps.RemoveRange(mark.Taps, _pendingTaps.Count - mark.Taps);
    }

    /// <summary>
    /// Refuses a delay whose ring buffers (max_delay slots × neurons × up to four 8-byte channels, counted with one
    /// slot to spare) could not fit in memory, when the connection is made rather than at the next Simulate.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal void CheckRingMemory(int delaySteps)
    {
        if (delaySteps > _largestCheckedDelay)
        {
            MemoryGuard.Check(32.0 * (delaySteps + 1.0) * Math.Max(Nodes.NumReceivers, 1),
                $"Ring buffers for a delay of {TimeGrid.Format(Grid.ToMs(delaySteps))} ms over {Nodes.NumReceivers} neurons");
            _largestCheckedDelay = delaySteps;
        }
    }
}
