using System.Runtime.InteropServices;
using NeuroKernel.Connectivity;
using NeuroKernel.Kernel;
using NeuroKernel.Models;
using NeuroKernel.Random;
using NeuroKernel.Synapses;

namespace NeuroKernel;

public sealed partial class Simulator
{
    /// <summary>Connect calls that succeeded: part of the key of every random stream a Connect draws from.</summary>
    private long _connectCalls;

    /// <summary>
    /// The general path: a rule that draws, or weights/delays given per connection (arrays or distributions).
    /// Connections go straight into the pending groups; if anything fails half-way (a delay drawn below the
    /// resolution, say), everything this call added is rolled back.
    /// </summary>
    private long ConnectByRule(NodeCollection pre, NodeCollection post, RuleSpec rule, ConnectionGroupKey key,
        ValueSpec weight, ValueSpec delay, SourceKinds kinds)
    {
        int[] sources = pre.ToArray();
        int[] targets = post.ToArray();
        CheckShapes(rule, weight, sources.Length, targets.Length);
        CheckShapes(rule, delay, sources.Length, targets.Length);
        CheckFeasible(rule, sources, targets);
        double planned = rule.Rule switch
        {
            AllToAll => (double)sources.Length * targets.Length,
            RuleSpec.FixedIndegree => (double)rule.Indegree * targets.Length,
            RuleSpec.FixedOutdegree => (double)rule.Outdegree * sources.Length,
            RuleSpec.FixedTotalNumber => rule.N,
            RuleSpec.PairwiseBernoulli => rule.P * sources.Length * targets.Length,
            _ => sources.Length,
        };
        MemoryGuard.Check(planned * (MemoryGuard.ConnectionBytes + (weight.IsScalar ? 0 : 16) + (delay.IsScalar ? 0 : 8)),
            $"Connect with {rule.Rule} ({planned:E2} connections)");

        ulong seed = (ulong)_settings.RngSeed;
        var select = SeededRandom.FromState(SplitMix64.Derive(seed, 0xC0AAEC7, (ulong)_connectCalls));
        var writer = new ConnectionWriter(this, key, weight, delay, SeededRandom.FromState(SplitMix64.Derive(seed, 0xA1E5, (ulong)_connectCalls)), kinds);
        var mark = MarkPending();
        try
        {
            switch (rule.Rule)
            {
                case AllToAll:
                    AllToAllRule(sources, targets, rule, writer);
                    break;
                case OneToOne:
                    for (int i = 0; i < sources.Length; i++)
                    {
                        if (rule.Autapses || sources[i] != targets[i])
                        {
                            writer.Add(targets[i], [sources[i]], [i]);
                        }
                    }

                    break;
                case RuleSpec.FixedIndegree:
                    IndegreeRule(sources, targets, rule, select, writer);
                    break;
                case RuleSpec.FixedOutdegree:
                    OutdegreeRule(sources, targets, rule, select, writer);
                    break;
                case RuleSpec.FixedTotalNumber:
                    TotalNumberRule(sources, targets, rule, select, writer);
                    break;
                default:
                    BernoulliRule(sources, targets, rule, select, writer);
                    break;
            }
        }
        catch
        {
            RollbackPending(mark);
            throw;
        }

        _connectCalls++;
        _prepared = false;
        return writer.Made;
    }

    /// <summary>Explicit sources → one target with per-connection weights or delays.</summary>
    private void ConnectExplicit(ReadOnlySpan<int> sources, int target, SynSpec syn)
    {
        if (!_synapses.TryGet(syn.Model, out var model))
        {
            throw new UnknownSynapseTypeException(syn.Model);
        }

        var weight = ValueSpec.From(ParameterNames.Weight, syn.WeightValue, model.Weight);
        var delay = ValueSpec.From(ParameterNames.Delay, syn.DelayValue, model.Delay);
        weight.RequireLength(sources.Length, "Connect(sources, target)");
        delay.RequireLength(sources.Length, "Connect(sources, target)");
        if (sources.IsEmpty)
        {
            throw new IllegalConnectionException("Connect needs at least one source (sources is empty).");
        }

        var targetBlock = FindBlock(target);
        var kinds = CheckSourceIds(sources) with { Receptor = syn.ReceptorType };
        CheckTargetBlock(targetBlock, target, kinds);
        int delaySteps = delay.IsScalar ? SynapseRegistry.CheckDelay(Grid, delay.Scalar) : 0;
        var key = new ConnectionGroupKey(model.Index, weight.IsScalar ? weight.Scalar : 0.0, delaySteps);
        var writer = new ConnectionWriter(this, key, weight, delay,
            SeededRandom.FromState(SplitMix64.Derive((ulong)_settings.RngSeed, 0xA1E5, (ulong)_connectCalls)), kinds);
        var index = new int[sources.Length];
        for (int i = 0; i < index.Length; i++)
        {
            index[i] = i;
        }

        var mark = MarkPending();
        try
        {
            writer.Add(target, sources, index);
        }
        catch
        {
            RollbackPending(mark);
            throw;
        }

        _connectCalls++;
        _prepared = false;
        model.NumConnections += writer.Made;
    }

    private static void CheckShapes(RuleSpec rule, ValueSpec v, int nPre, int nPost)
    {
        switch (rule.Rule)
        {
            case AllToAll:
                v.RequireShape(nPost, nPre, rule.Rule);
                break;
            case OneToOne:
                v.RequireLength(nPre, rule.Rule);
                break;
            case RuleSpec.FixedIndegree:
                v.RequireShape(nPost, (int)Math.Min(rule.Indegree, int.MaxValue), rule.Rule);
                break;
            case RuleSpec.FixedOutdegree:
                v.RequireShape(nPre, (int)Math.Min(rule.Outdegree, int.MaxValue), rule.Rule);
                break;
            case RuleSpec.FixedTotalNumber:
                v.RequireLength((int)Math.Min(rule.N, int.MaxValue), rule.Rule);
                break;
            default:
                if (v.IsArray)
                {
                    throw new BadPropertyException(v.Key, $"pairwise_bernoulli cannot take a {v.Key} array: the number of connections is not known in advance; use a distribution.");
                }

                break;
        }
    }

    /// <summary>NEST's refusals: more distinct partners than exist, or too many connections overall.</summary>
    private static void CheckFeasible(RuleSpec rule, int[] sources, int[] targets)
    {
        const long MaxConnections = int.MaxValue / 2;
        long planned = rule.Rule switch
        {
            RuleSpec.FixedIndegree => rule.Indegree * targets.Length,
            RuleSpec.FixedOutdegree => rule.Outdegree * sources.Length,
            RuleSpec.FixedTotalNumber => rule.N,
            _ => 0,
        };
        if (planned > MaxConnections)
        {
            throw new BadPropertyException(rule.Rule is RuleSpec.FixedTotalNumber ? "N" : rule.Rule is RuleSpec.FixedIndegree ? "indegree" : "outdegree",
                $"{rule.Rule} would make {planned} connections in one call, more than the {MaxConnections} one call may make; split the call.");
        }

        var sourceSet = new HashSet<int>(sources);
        var targetSet = new HashSet<int>(targets);
        if (rule.Multapses)
        {
            // Even with multapses, a node whose only possible partner is itself cannot get a partner without autapses.
            CheckNotOnlySelf(rule, sourceSet, targetSet);
            return;
        }

        switch (rule.Rule)
        {
            case RuleSpec.FixedIndegree:
                foreach (int t in targets)
                {
                    long available = sourceSet.Count - (!rule.Autapses && sourceSet.Contains(t) ? 1 : 0);
                    if (rule.Indegree > available)
                    {
                        throw new BadPropertyException("indegree",
                            $"Indegree cannot be larger than the number of distinct sources when multapses are not allowed (indegree = {rule.Indegree}, sources = {available}).");
                    }
                }

                break;
            case RuleSpec.FixedOutdegree:
                foreach (int s in sources)
                {
                    long available = targetSet.Count - (!rule.Autapses && targetSet.Contains(s) ? 1 : 0);
                    if (rule.Outdegree > available)
                    {
                        throw new BadPropertyException("outdegree",
                            $"Outdegree cannot be larger than the number of distinct targets when multapses are not allowed (outdegree = {rule.Outdegree}, targets = {available}).");
                    }
                }

                break;
            case RuleSpec.FixedTotalNumber:
                long pairs = (long)sourceSet.Count * targetSet.Count - (rule.Autapses ? 0 : sourceSet.Count(targetSet.Contains));
                if (rule.N > pairs)
                {
                    throw new BadPropertyException("N",
                        $"The total number of connections cannot exceed the number of distinct pairs when multapses are not allowed (N = {rule.N}, pairs = {pairs}).");
                }

                break;
        }
    }

    private static void CheckNotOnlySelf(RuleSpec rule, HashSet<int> sourceSet, HashSet<int> targetSet)
    {
        if (rule.Autapses)
        {
            return;
        }

        bool onlySelf(HashSet<int> pool, int self) => pool.Count == 1 && pool.Contains(self);
        switch (rule.Rule)
        {
            case RuleSpec.FixedIndegree when rule.Indegree > 0 && targetSet.Any(t => onlySelf(sourceSet, t)):
                throw new BadPropertyException("indegree",
                    $"Without autapses a target whose only possible source is itself cannot get {rule.Indegree} inputs (indegree = {rule.Indegree}).");
            case RuleSpec.FixedOutdegree when rule.Outdegree > 0 && sourceSet.Any(s => onlySelf(targetSet, s)):
                throw new BadPropertyException("outdegree",
                    $"Without autapses a source whose only possible target is itself cannot make {rule.Outdegree} connections (outdegree = {rule.Outdegree}).");
            case RuleSpec.FixedTotalNumber when rule.N > 0 && sourceSet.Count == 1 && targetSet.Count == 1 && sourceSet.SetEquals(targetSet):
                throw new BadPropertyException("N",
                    $"Without autapses the only possible pair is a self-connection, so N = {rule.N} connections cannot be made.");
        }
    }

    private static void AllToAllRule(int[] sources, int[] targets, RuleSpec rule, ConnectionWriter writer)
    {
        var chosen = new List<int>(sources.Length);
        var index = new List<int>(sources.Length);
        for (int j = 0; j < targets.Length; j++)
        {
            chosen.Clear();
            index.Clear();
            for (int i = 0; i < sources.Length; i++)
            {
                if (rule.Autapses || sources[i] != targets[j])
                {
                    chosen.Add(sources[i]);
                    index.Add(j * sources.Length + i);
                }
            }

            writer.Add(targets[j], CollectionsMarshal.AsSpan(chosen), CollectionsMarshal.AsSpan(index));
        }
    }

    /// <summary>For each target, <c>indegree</c> sources drawn uniformly from pre (distinct unless multapses).</summary>
    private static void IndegreeRule(int[] sources, int[] targets, RuleSpec rule, SeededRandom rng, ConnectionWriter writer)
    {
        int k = (int)rule.Indegree;
        var chosen = new List<int>(k);
        var index = new List<int>(k);
        var seen = new HashSet<int>();
        for (int j = 0; j < targets.Length; j++)
        {
            Draw(sources, targets[j], k, rule, rng, chosen, seen);
            index.Clear();
            for (int c = 0; c < chosen.Count; c++)
            {
                index.Add(j * k + c);
            }

            writer.Add(targets[j], CollectionsMarshal.AsSpan(chosen), CollectionsMarshal.AsSpan(index));
        }
    }

    /// <summary>For each source, <c>outdegree</c> targets drawn uniformly from post (distinct unless multapses).</summary>
    private static void OutdegreeRule(int[] sources, int[] targets, RuleSpec rule, SeededRandom rng, ConnectionWriter writer)
    {
        int k = (int)rule.Outdegree;
        var chosen = new List<int>(k);
        var seen = new HashSet<int>();
        for (int i = 0; i < sources.Length; i++)
        {
            Draw(targets, sources[i], k, rule, rng, chosen, seen);
            for (int c = 0; c < chosen.Count; c++)
            {
                writer.Add(chosen[c], [sources[i]], [i * k + c]);
            }
        }
    }

    /// <summary><c>N</c> pairs drawn uniformly (distinct unless multapses, no self-pairs unless autapses).</summary>
    private static void TotalNumberRule(int[] sources, int[] targets, RuleSpec rule, SeededRandom rng, ConnectionWriter writer)
    {
        var seen = new HashSet<(int, int)>();
        for (long n = 0; n < rule.N; n++)
        {
            int s, t;
            do
            {
                s = sources[rng.NextInt((ulong)sources.Length)];
                t = targets[rng.NextInt((ulong)targets.Length)];
            }
            while ((!rule.Autapses && s == t) || (!rule.Multapses && !seen.Add((s, t))));

            writer.Add(t, [s], [(int)n]);
        }
    }

    /// <summary>Each (source, target) pair with probability <c>p</c>, target by target.</summary>
    private static void BernoulliRule(int[] sources, int[] targets, RuleSpec rule, SeededRandom rng, ConnectionWriter writer)
    {
        var chosen = new List<int>();
        foreach (int t in targets)
        {
            chosen.Clear();
            foreach (int s in sources)
            {
                if ((rule.Autapses || s != t) && rng.NextDouble() < rule.P)
                {
                    chosen.Add(s);
                }
            }

            writer.Add(t, CollectionsMarshal.AsSpan(chosen), []);
        }
    }

    /// <summary><paramref name="k"/> partners of <paramref name="self"/> from <paramref name="pool"/>.</summary>
    private static void Draw(int[] pool, int self, int k, RuleSpec rule, SeededRandom rng, List<int> chosen, HashSet<int> seen)
    {
        chosen.Clear();
        seen.Clear();
        while (chosen.Count < k)
        {
            int candidate = pool[rng.NextInt((ulong)pool.Length)];
            if ((!rule.Autapses && candidate == self) || (!rule.Multapses && !seen.Add(candidate)))
            {
                continue;
            }

            chosen.Add(candidate);
        }
    }

    private (Dictionary<ConnectionGroupKey, (int, long, long, long, long)> Groups, int Taps) MarkPending() =>
        (_pendingGroups.ToDictionary(g => g.Key, g => g.Value.Mark()), _pendingTaps.Count);

    private void RollbackPending((Dictionary<ConnectionGroupKey, (int, long, long, long, long)> Groups, int Taps) mark)
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

    /// <summary>Adds the connections a rule chose, with their weights and delays, to the pending groups.</summary>
    private sealed class ConnectionWriter(Simulator sim, ConnectionGroupKey key, ValueSpec weight, ValueSpec delay, SeededRandom values, SourceKinds kinds)
    {
        private int[] _indices = [];
        private double[] _weights = [];
        private int[] _delays = [];

        public long Made { get; private set; }

        /// <summary>Connections from <paramref name="sources"/> (ids) to <paramref name="target"/>; <paramref name="valueIndex"/>
        /// gives each connection's index into weight/delay arrays (empty when there are none).</summary>
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

            var grid = sim.Grid;
            for (int c = 0; c < n; c++)
            {
                _indices[c] = sources[c] - 1;
                _weights[c] = weight.IsScalar ? weight.Scalar : weight.IsArray ? Flat(weight, valueIndex[c]) : weight.Draw(values);
                _delays[c] = delay.IsScalar ? key.DelaySteps : SynapseRegistry.CheckDelay(grid, delay.IsArray ? Flat(delay, valueIndex[c]) : delay.Draw(values));
            }

            if (!delay.IsScalar)
            {
                int largest = 0;
                for (int c = 0; c < n; c++)
                {
                    largest = Math.Max(largest, _delays[c]);
                }

                sim.CheckRingMemory(largest);
            }

            var block = sim.FindBlock(target);
            if (block.Model.RecordsSpikes)
            {
                for (int c = 0; c < n; c++)
                {
                    sim._pendingTaps.Add(new RecorderTap(_indices[c], target, _delays[c], key.SynapseModel, _weights[c]));
                }
            }
            else
            {
                var groupKey = key with
                {
                    Channel = ChannelFor(block, kinds),
                    PerConnectionWeight = !weight.IsScalar,
                    PerConnectionDelay = !delay.IsScalar,
                };
                sim.PendingGroup(groupKey).AddToTarget(_indices.AsSpan(0, n), block.ReceiverOffset + (target - block.FirstId),
                    groupKey.PerConnectionWeight ? _weights.AsSpan(0, n) : default,
                    groupKey.PerConnectionDelay ? _delays.AsSpan(0, n) : default);
            }

            Made += n;
        }

        private static double Flat(ValueSpec v, int index) => v.At(index / v.Columns, index % v.Columns);
    }
}
