using System.Numerics.Tensors;
using NeuroKernel.Connectivity;
using NeuroKernel.Kernel;
using NeuroKernel.Models;
using NeuroKernel.Synapses;

namespace NeuroKernel;

public sealed partial class Simulator
{
    private const string AllToAll = RuleSpec.AllToAll;
    private const string OneToOne = RuleSpec.OneToOne;

    /// <summary>The connection rules this kernel implements.</summary>
    private static readonly string[] ConnectionRules = RuleSpec.Names;

    private int[] _connectScratch = new int[1024];
    private int _largestCheckedDelay;

    /// <summary>
    /// Connects two collections by a rule (NEST's <c>Connect(pre, post, conn_spec, syn_spec)</c>): <c>all_to_all</c>
    /// (default), <c>one_to_one</c>, <c>fixed_indegree</c> (<c>indegree</c>), <c>fixed_outdegree</c>
    /// (<c>outdegree</c>), <c>fixed_total_number</c> (<c>N</c>) and <c>pairwise_bernoulli</c> (<c>p</c>), each
    /// honouring <c>allow_autapses</c> and <c>allow_multapses</c> (both true by default) as NEST does. Random
    /// rules and distributed weights/delays draw from streams keyed by rng_seed and the number of earlier
    /// successful Connect calls that drew random values or took per-connection values, so the network does not depend on local_num_threads. Connections are only collected here;
    /// they are sorted when the next Simulate prepares. A call that fails adds nothing.
    /// </summary>
    /// <param name="pre">Sources.</param>
    /// <param name="post">Targets.</param>
    /// <param name="conn">The rule, e.g. <c>"one_to_one"</c> or <c>new StatusDictionary { ["rule"] = "all_to_all", ["allow_autapses"] = false }</c>; null for all_to_all.</param>
    /// <param name="syn">The synapse model name or a dictionary with <c>synapse_model</c>, <c>weight</c> (pA) and <c>delay</c> (ms); null for static_synapse.</param>
    /// <exception cref="ArgumentNullException"><paramref name="pre"/> or <paramref name="post"/> is null.</exception>
    /// <exception cref="UnknownConnectionRuleException">The rule is not known.</exception>
    /// <exception cref="UnknownSynapseTypeException">The synapse model is not known.</exception>
    /// <exception cref="BadPropertyException">A key of the specifications is unknown or has a bad value (missing or
    /// negative degree, p outside [0, 1], an array whose shape does not fit the rule, a degree larger than the
    /// population without multapses).</exception>
    /// <exception cref="BadDelayException">A delay is below the resolution.</exception>
    /// <exception cref="DimensionMismatchException">one_to_one with collections of different sizes.</exception>
    /// <exception cref="IllegalConnectionException">A collection is empty, or a node cannot send or receive such a connection.</exception>
    /// <exception cref="UnknownNodeException">A node does not exist.</exception>
    /// <exception cref="MemoryLimitExceededException">The connections would not fit in memory.</exception>
    public void Connect(NodeCollection pre, NodeCollection post, ConnSpec? conn = null, SynSpec? syn = null)
    {
        ArgumentNullException.ThrowIfNull(pre);
        ArgumentNullException.ThrowIfNull(post);
        conn ??= AllToAll;
        syn ??= ModelNames.StaticSynapse;
        if (!_synapses.TryGet(syn.Model, out var model))
        {
            throw new UnknownSynapseTypeException(syn.Model);
        }

        var rule = RuleSpec.Read(conn);
        var weight = ValueSpec.From(ParameterNames.Weight, syn.WeightValue, model.Weight);
        var delay = ValueSpec.From(ParameterNames.Delay, syn.DelayValue, model.Delay);
        int delaySteps = delay.IsScalar ? SynapseRegistry.CheckDelay(Grid, delay.Scalar) : 0;
        CheckRingMemory(delaySteps);
        if (pre.Count == 0 || post.Count == 0)
        {
            throw new IllegalConnectionException($"Connect needs non-empty collections (pre has {pre.Count} nodes, post has {post.Count}).");
        }

        if (rule.Rule == OneToOne && pre.Count != post.Count)
        {
            throw new DimensionMismatchException($"one_to_one needs collections of equal size (pre has {pre.Count} nodes, post has {post.Count}).");
        }

        if (IsSampler(pre))
        {
            if (rule.Rule is not (AllToAll or OneToOne))
            {
                throw new IllegalConnectionException($"A multimeter is connected with all_to_all or one_to_one, not {rule.Rule}.");
            }

            model.NumConnections += ConnectSamplers(pre, post, rule.Rule, new SamplerTapInfo(model.Index, weight.IsScalar ? weight.Scalar : model.Weight, delaySteps == 0 ? 1 : delaySteps));
            return;
        }

        var kinds = CheckSources(pre) with { Receptor = syn.ReceptorType };
        CheckTargets(post, kinds);
        var key = new ConnectionGroupKey(model.Index, weight.IsScalar ? weight.Scalar : 0.0, delaySteps);
        long made;
        if (rule.Rule is AllToAll or OneToOne && weight.IsScalar && delay.IsScalar)
        {
            MemoryGuard.Check((rule.Rule == AllToAll ? (double)pre.Count * post.Count : pre.Count) * MemoryGuard.ConnectionBytes,
                $"Connect with {rule.Rule} ({pre.Count} × {post.Count})");
            // The common case: uniform weight and delay, stored once for the group.
            made = rule.Rule == AllToAll
                ? ConnectAllToAll(pre, post, key, rule.Autapses, kinds)
                : ConnectOneToOne(pre, post, key, rule.Autapses, kinds);
        }
        else
        {
            made = ConnectByRule(pre, post, rule, key, weight, delay, kinds);
        }

        model.NumConnections += made;
    }

    /// <summary>
    /// Connects each of <paramref name="sources"/> to one target, as the seed's
    /// <c>Connect(list(sources_ex[n]), [n + 1], syn_spec="excitatory")</c> does. Repeated sources make
    /// repeated connections. Costs a copy of the ids: nothing is sorted until Simulate.
    /// </summary>
    /// <param name="sources">Source node ids.</param>
    /// <param name="target">The target node id.</param>
    /// <param name="syn">The synapse model name or dictionary; null for static_synapse.</param>
    /// <exception cref="UnknownSynapseTypeException">The synapse model is not known.</exception>
    /// <exception cref="BadPropertyException">A key of the specification is unknown or has a bad value.</exception>
    /// <exception cref="BadDelayException">The delay is below the resolution.</exception>
    /// <exception cref="IllegalConnectionException">A node cannot send or receive such a connection, or <paramref name="sources"/> is empty.</exception>
    /// <exception cref="UnknownNodeException">A node does not exist.</exception>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Connect(ReadOnlySpan<int> sources, int target, SynSpec? syn = null)
    {
        syn ??= ModelNames.StaticSynapse;
        if (syn.WeightValue is not (null or double) || syn.DelayValue is not (null or double))
        {
            // Weights or delays per connection (a 1-D array with one value per source, or a distribution).
            ConnectExplicit(sources, target, syn);
            return;
        }

        var (model, key) = ResolveSynapse(syn);
        if (sources.IsEmpty)
        {
            throw new IllegalConnectionException("Connect needs at least one source (sources is empty).");
        }

        var targetBlock = FindBlock(target);
        var kinds = CheckSourceIds(sources) with { Receptor = syn.ReceptorType };
        CheckTargetBlock(targetBlock, target, kinds);
        if (_connectScratch.Length < sources.Length)
        {
            _connectScratch = new int[sources.Length];
        }

        var indices = _connectScratch.AsSpan(0, sources.Length);
        TensorPrimitives.Subtract(sources, 1, indices);

        AddToTarget(indices, targetBlock, target, key, kinds);
        model.NumConnections += sources.Length;
    }

    /// <summary>Connects <paramref name="sources"/>[i] to <paramref name="targets"/>[i] for every i.</summary>
    /// <param name="sources">Source node ids.</param>
    /// <param name="targets">Target node ids, as many as sources.</param>
    /// <param name="syn">The synapse model name or dictionary; null for static_synapse.</param>
    /// <exception cref="DimensionMismatchException">The arrays differ in length.</exception>
    /// <exception cref="UnknownSynapseTypeException">The synapse model is not known.</exception>
    /// <exception cref="BadDelayException">The delay is below the resolution.</exception>
    /// <exception cref="IllegalConnectionException">A node cannot send or receive such a connection, or the arrays are empty.</exception>
    /// <exception cref="UnknownNodeException">A node does not exist.</exception>
    public void Connect(ReadOnlySpan<int> sources, ReadOnlySpan<int> targets, SynSpec? syn = null)
    {
        if (sources.Length != targets.Length)
        {
            throw new DimensionMismatchException($"Source and target arrays must have equal length (sources has {sources.Length}, targets has {targets.Length}).");
        }

        Connect(NodeCollection.FromIds(sources), NodeCollection.FromIds(targets), OneToOne, syn);
    }

    private (SynapseModel Model, ConnectionGroupKey Key) ResolveSynapse(SynSpec? syn)
    {
        syn ??= ModelNames.StaticSynapse;
        if (!_synapses.TryGet(syn.Model, out var model))
        {
            throw new UnknownSynapseTypeException(syn.Model);
        }

        double weight = syn.Weight ?? model.Weight;
        int delaySteps = SynapseRegistry.CheckDelay(Grid, syn.Delay ?? model.Delay);
        CheckRingMemory(delaySteps);
        return (model, new ConnectionGroupKey(model.Index, weight, delaySteps));
    }

    /// <summary>What the sources of one Connect call send.</summary>
    private readonly record struct SourceKinds(bool PerTarget, bool Currents, int Receptor = 0);

    /// <summary>Checks that every node exists and can send spikes or currents (not both in one call).</summary>
    private SourceKinds CheckSources(NodeCollection pre)
    {
        bool perTarget = false, currents = false, spikes = false;
        ForEachBlockSegment(pre, (b, _, _) =>
        {
            if (!b.Model.SendsSpikes && !b.Model.SendsCurrents)
            {
                throw new IllegalConnectionException($"{b.Model.Name} (node {b.FirstId}) cannot send spikes or currents, so it cannot be the source of a connection.");
            }

            perTarget |= b.Model.SendsPerTargetSpikes;
            currents |= b.Model.SendsCurrents;
            spikes |= b.Model.SendsSpikes;
        });
        if (currents && spikes)
        {
            throw new IllegalConnectionException("One Connect call cannot mix current generators with spike sources; connect them separately.");
        }

        return new SourceKinds(perTarget, currents);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private SourceKinds CheckSourceIds(ReadOnlySpan<int> sources)
    {
        int min = TensorPrimitives.Min(sources);
        int max = TensorPrimitives.Max(sources);

        var first = FindBlock(min);
        FindBlock(max);
        if (max < first.FirstId + first.Count)
        {
            // All sources in one block: one check covers them.
            return CheckSources(new NodeCollection(min, 1));
        }

        return CheckSources(NodeCollection.FromIds(sources));
    }

    private void CheckTargets(NodeCollection post, SourceKinds kinds) =>
        ForEachBlockSegment(post, (b, first, _) => CheckTargetBlock(b, first, kinds));

    private static void CheckTargetBlock(NodeBlock b, int id, SourceKinds kinds)
    {
        if (kinds.Currents)
        {
            if (!b.Model.ReceivesCurrents)
            {
                throw new IllegalConnectionException($"{b.Model.Name} (node {id}) cannot receive currents, so a current generator cannot be connected to it.");
            }

            if (kinds.Receptor >= b.Model.CurrentReceptors)
            {
                throw new IllegalConnectionException(
                    $"Unknown receptor type: {b.Model.Name} (node {id}) takes currents on receptor_type 0 … {b.Model.CurrentReceptors - 1} (receptor_type = {kinds.Receptor}).");
            }

            return;
        }

        if (kinds.Receptor != 0)
        {
            throw new IllegalConnectionException($"Unknown receptor type: {b.Model.Name} (node {id}) takes spikes on receptor_type 0 only (receptor_type = {kinds.Receptor}).");
        }

        if (!b.Model.ReceivesSpikes && !b.Model.RecordsSpikes)
        {
            throw new IllegalConnectionException($"{b.Model.Name} (node {id}) cannot receive spikes, so it cannot be the target of a connection.");
        }

        if (b.Model.RecordsSpikes && kinds.PerTarget)
        {
            throw new IllegalConnectionException(
                $"A poisson_generator draws a new train for each target, so it cannot be connected to {b.Model.Name} (node {id}); connect it through a parrot_neuron.");
        }
    }

    /// <summary>True when the first source samples state (multimeter): then all sources must.</summary>
    private bool IsSampler(NodeCollection pre)
    {
        bool any = false, all = true;
        ForEachBlockSegment(pre, (b, _, _) =>
        {
            any |= b.Model.SamplesState;
            all &= b.Model.SamplesState;
        });
        return any && (all ? true : throw new IllegalConnectionException("One Connect call cannot mix multimeters with other sources."));
    }

    /// <summary>Multimeter → neurons: the multimeter is the source, as in NEST. Returns the number of connections.</summary>
    private long ConnectSamplers(NodeCollection pre, NodeCollection post, string rule, SamplerTapInfo info)
    {
        var pairs = new List<(int Meter, int Target, SamplerTapInfo Info)>();
        ForEachBlockSegment(post, (b, first, _) =>
        {
            if (b.Model.Recordables.Count == 0)
            {
                throw new IllegalConnectionException($"{b.Model.Name} (node {first}) has no recordables, so a multimeter cannot be connected to it.");
            }
        });
        if (rule == OneToOne)
        {
            for (int i = 0; i < pre.Count; i++)
            {
                pairs.Add((pre[i], post[i], info));
            }
        }
        else
        {
            foreach (int m in pre)
            {
                foreach (int t in post)
                {
                    pairs.Add((m, t, info));
                }
            }
        }

        foreach (var (m, t, _) in pairs)
        {
            var meterBlock = FindBlock(m);
            var target = FindBlock(t);
            foreach (string name in meterBlock.SampledRecordables(m - meterBlock.FirstId))
            {
                if (!target.Model.Recordables.Contains(name))
                {
                    throw new IllegalConnectionException(
                        $"Cannot connect with unknown recordable {name}: {target.Model.Name} (node {t}) records [{string.Join(", ", target.Model.Recordables)}] (record_from of node {m} = [{string.Join(", ", meterBlock.SampledRecordables(m - meterBlock.FirstId))}]).");
                }
            }
        }

        foreach (var (m, _, _) in pairs)
        {
            var b = FindBlock(m);
            b.MarkSamplerConnected(m - b.FirstId);
        }

        _samplerTaps.AddRange(pairs);
        _prepared = false;
        return pairs.Count;
    }

    /// <summary>
    /// Refuses a delay whose ring buffers (max_delay slots × neurons × up to four 8-byte channels, counted with one
    /// slot to spare) could not fit in memory, when the connection is made rather than at the next Simulate.
    /// </summary>
    private void CheckRingMemory(int delaySteps)
    {
        if (delaySteps > _largestCheckedDelay)
        {
            MemoryGuard.Check(32.0 * (delaySteps + 1.0) * Math.Max(_numReceivers, 1),
                $"Ring buffers for a delay of {TimeGrid.Format(Grid.ToMs(delaySteps))} ms over {_numReceivers} neurons");
            _largestCheckedDelay = delaySteps;
        }
    }

    /// <summary>What GetConnections reports for a multimeter connection.</summary>
    private readonly record struct SamplerTapInfo(int SynapseModel, double Weight, int DelaySteps);

    /// <summary>The ring-buffer channel a connection into <paramref name="target"/> uses.</summary>
    private static InputChannel ChannelFor(NodeBlock target, SourceKinds kinds) =>
        kinds.Currents ? (kinds.Receptor == 1 ? InputChannel.FilteredCurrent : InputChannel.Current)
        : target.Model.CountsSpikes ? InputChannel.Count : InputChannel.Spike;

    /// <summary>Calls <paramref name="visit"/> for each maximal run of a collection that lies in one block.</summary>
    private void ForEachBlockSegment(NodeCollection nodes, Action<NodeBlock, int, int> visit)
    {
        foreach (var (first, count) in nodes.Ranges)
        {
            int id = first, end = first + count;
            while (id < end)
            {
                var b = FindBlock(id);
                int stop = Math.Min(end, b.FirstId + b.Count);
                visit(b, id, stop - id);
                id = stop;
            }
        }
    }

    private long ConnectAllToAll(NodeCollection pre, NodeCollection post, ConnectionGroupKey key, bool autapses, SourceKinds kinds)
    {
        int[] sourceIndices = pre.ToArray();
        for (int i = 0; i < sourceIndices.Length; i++)
        {
            sourceIndices[i]--;
        }

        // Neuron targets by channel (parrots count spikes, others weigh them); recorders separately.
        // One list pair per channel, indexed by the channel's value: the groups are made in channel order.
        var byChannel = new (List<int> Receivers, List<int> Ids)?[(int)InputChannel.FilteredCurrent + 1];
        var recorders = new List<int>();
        ForEachBlockSegment(post, (b, first, count) =>
        {
            if (b.Model.RecordsSpikes)
            {
                for (int id = first; id < first + count; id++)
                {
                    recorders.Add(id);
                }

                return;
            }

            // A block's nodes share a model, so they share a channel.
            var (receivers, ids) = byChannel[(int)ChannelFor(b, kinds)] ??= ([], []);
            for (int id = first; id < first + count; id++)
            {
                receivers.Add(b.ReceiverOffset + (id - b.FirstId));
                ids.Add(id);
            }
        });

        long made = 0;
        for (int channel = 0; channel < byChannel.Length; channel++)
        {
            if (byChannel[channel] is var (receivers, ids))
            {
                made += AllToAllNeurons(sourceIndices, receivers, ids, PendingGroup(key with { Channel = (InputChannel)channel }), autapses);
            }
        }

        foreach (int rec in recorders)
        {
            foreach (int s in sourceIndices)
            {
                if (autapses || s + 1 != rec)
                {
                    _pendingTaps.Add(new RecorderTap(s, rec, key.DelaySteps, key.SynapseModel, key.Weight));
                    made++;
                }
            }
        }

        _prepared = false;
        return made;
    }

    /// <summary>All sources to all receivers, stored as source runs or target runs, whichever are fewer.</summary>
    private static long AllToAllNeurons(int[] sourceIndices, List<int> receivers, List<int> receiverIds, ConnectionGroupBuilder group, bool autapses)
    {
        long made = 0;
        if (sourceIndices.Length <= receivers.Count)
        {
            int[] buffer = new int[receivers.Count];
            foreach (int s in sourceIndices)
            {
                int n = 0;
                for (int j = 0; j < receivers.Count; j++)
                {
                    if (autapses || receiverIds[j] != s + 1)
                    {
                        buffer[n++] = receivers[j];
                    }
                }

                group.AddFromSource(s, buffer.AsSpan(0, n));
                made += n;
            }
        }
        else
        {
            int[] buffer = new int[sourceIndices.Length];
            for (int j = 0; j < receivers.Count; j++)
            {
                int n = 0;
                foreach (int s in sourceIndices)
                {
                    if (autapses || receiverIds[j] != s + 1)
                    {
                        buffer[n++] = s;
                    }
                }

                group.AddToTarget(buffer.AsSpan(0, n), receivers[j]);
                made += n;
            }
        }

        return made;
    }

    private long ConnectOneToOne(NodeCollection pre, NodeCollection post, ConnectionGroupKey key, bool autapses, SourceKinds kinds)
    {
        long made = 0;
        Span<int> one = stackalloc int[1];
        for (int i = 0; i < pre.Count; i++)
        {
            int s = pre[i], t = post[i];
            if (!autapses && s == t)
            {
                continue;
            }

            one[0] = s - 1;
            AddToTarget(one, FindBlock(t), t, key, kinds);
            made++;
        }

        return made;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void AddToTarget(ReadOnlySpan<int> sourceIndices, NodeBlock targetBlock, int target, ConnectionGroupKey key, SourceKinds kinds)
    {
        if (targetBlock.Model.RecordsSpikes)
        {
            foreach (int s in sourceIndices)
            {
                _pendingTaps.Add(new RecorderTap(s, target, key.DelaySteps, key.SynapseModel, key.Weight));
            }
        }
        else
        {
            PendingGroup(key with { Channel = ChannelFor(targetBlock, kinds) })
                .AddToTarget(sourceIndices, targetBlock.ReceiverOffset + (target - targetBlock.FirstId));
        }

        _prepared = false;
    }

    private ConnectionGroupBuilder PendingGroup(ConnectionGroupKey key)
    {
        if (!_pendingGroups.TryGetValue(key, out var g))
        {
            g = new ConnectionGroupBuilder(key);
            _pendingGroups.Add(key, g);
        }

        return g;
    }
}
