using NeuroKernel.Models;

namespace NeuroKernel.Kernel;

/// <summary>
/// The nodes (NEST's <c>NodeManager</c>): population blocks in id order, the receivers among them, and the calls that
/// create nodes and read or change their status. Ids are 1-based and contiguous; receivers (nodes with ring-buffer
/// input) are numbered 0, 1, 2, … over the receiving blocks in creation order.
/// </summary>
internal sealed class NodeManager(KernelManager kernel)
{
    /// <summary>The largest network this kernel accepts (node ids are 32-bit).</summary>
    private const int MaxNodes = int.MaxValue - 1;

    private List<NodeBlock> _blocks = [];

    public IReadOnlyList<NodeBlock> Blocks => _blocks;

    public int NumNodes { get; private set; }

    public int NumReceivers { get; private set; }

    /// <summary>Raised by every Create (and reset): the network's nodes changed.</summary>
    public int Version { get; private set; }

    /// <summary>Calls of Create and SetStatus that drew node parameters from distributions since the last reset.</summary>
    private long _drawCalls;

    /// <summary>Raised by every SetStatus on nodes: their parameters or state changed, nothing else.</summary>
    public int ParametersVersion { get; private set; }

    public void Initialize()
    {
        _drawCalls = 0;
        _blocks = [];
        NumNodes = 0;
        NumReceivers = 0;
        Version++;
        ParametersVersion++;
    }

    /// <summary>NEST's <c>Create</c>: one block of <paramref name="n"/> nodes from the model's defaults, then <paramref name="parameters"/>.</summary>
    public NodeCollection Create(string model, int n, StatusDictionary? parameters)
    {
        if (!kernel.Models.Registry.TryGet(model, out var m))
        {
            throw kernel.Connections.Synapses.Contains(model)
                ? new UnknownModelNameException($"{model} is a synapse model; Create needs a node model.", new InvalidOperationException())
                : new UnknownModelNameException(model);
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        if (n > MaxNodes - NumNodes)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, $"Creating {n} more nodes would exceed the limit of {MaxNodes} nodes.");
        }

        MemoryGuard.Check((double)n * MemoryGuard.NeuronBytes, $"Create(\"{model}\", n = {n})");
        var block = m.CreateBlock(NumNodes + 1, n);
        block.Grid = kernel.Grid;
        block.KernelHasSimulated = kernel.Simulation.Step > 0;
        if (parameters is not null)
        {
            var draws = NodeParameterDraws.Of(parameters);
            var perNode = PerNodeKeys(parameters, n, block);
            long call = _drawCalls + 1;
            var commits = new Action[n];
            for (int i = 0; i < n; i++)
            {
                var values = draws?.For(kernel.Random.Seed, call, block.FirstId + i) ?? parameters;
                commits[i] = block.ValidateStatus(i, perNode is null ? values : Element(values, parameters, perNode, i));
            }

            foreach (var c in commits)
            {
                c();
            }

            _drawCalls = draws is null ? _drawCalls : call;
        }

        if (m.ReceivesSpikes)
        {
            block.ReceiverOffset = NumReceivers;
            NumReceivers += n;
        }

        _blocks.Add(block);
        NumNodes += n;
        Version++;
        return new NodeCollection(block.FirstId, n);
    }

    /// <summary>The status of one node: its model's parameters, its state and the common keys.</summary>
    public StatusDictionary GetStatus(int nodeId)
    {
        var b = FindBlock(nodeId);
        var d = b.GetStatus(nodeId - b.FirstId);
        b.Model.WriteCommonKeys(d);
        if (b.Model.HasSpikePorts)
        {
            d[ParameterNames.Recordables] = b.RecordablesOf(nodeId - b.FirstId).ToArray();
        }

        d[ParameterNames.GlobalId] = (long)nodeId;
        return d;
    }

    /// <summary>One entry per key, an array with one element per node (<c>double[]</c> for numbers).</summary>
    public StatusDictionary GetStatus(NodeCollection nodes)
    {
        if (nodes.Count == 1)
        {
            return GetStatus(nodes[0]);
        }

        var all = nodes.Select(GetStatus).ToArray();
        var result = new StatusDictionary();
        foreach (string key in all[0].Keys)
        {
            if (!all.All(d => d.ContainsKey(key)))
            {
                continue;
            }

            result[key] = all.All(d => d[key] is double)
                ? all.Select(d => (double)d[key]).ToArray()
                : all.Select(d => d[key]).ToArray();
        }

        return result;
    }

    /// <summary>One status entry of each node; a neuron's V_m, I_e and recordables are read without a dictionary.</summary>
    public T[] GetStatus<T>(NodeCollection nodes, string key)
    {
        var result = new T[nodes.Count];
        int i = 0;
        foreach (int id in nodes)
        {
            var b = FindBlock(id);
            result[i++] = typeof(T) == typeof(double) && b.TryGetStatusNumber(id - b.FirstId, key, out double number)
                ? (T)(object)number
                : GetStatus(id).Get<T>(key);
        }

        return result;
    }

    /// <summary>
    /// The keys of <paramref name="values"/> that give one number per node (NEST 3's <c>Create(model, n, {"V_m": [...]})</c>):
    /// an array of <paramref name="n"/> numbers (n &gt; 1) for a key whose value in <paramref name="block"/> is a number. A key
    /// whose value is itself an array (tau_syn, spike_times) takes the array as its value. Null when there is none.
    /// </summary>
    private static string[]? PerNodeKeys(StatusDictionary values, int n, NodeBlock block)
    {
        if (n < 2)
        {
            return null;
        }

        List<string>? keys = null;
        StatusDictionary? status = null;
        foreach (string key in values.Keys)
        {
            if (values[key] is double[] array && array.Length == n)
            {
                status ??= block.GetStatus(0);
                if (status.TryGetValue(key, out object? current) && current is double or long)
                {
                    (keys ??= []).Add(key);
                }
            }
        }

        return keys?.ToArray();
    }

    /// <summary>Node <paramref name="i"/>'s dictionary: <paramref name="values"/> with element i of each per-node array of <paramref name="source"/>.</summary>
    private static StatusDictionary Element(StatusDictionary values, StatusDictionary source, string[] keys, int i)
    {
        var d = new StatusDictionary();
        foreach (string key in values.Keys)
        {
            d[key] = values[key];
        }

        foreach (string key in keys)
        {
            d[key] = ((double[])source[key])[i];
        }

        return d;
    }

    /// <summary>NEST's <c>SetStatus</c>: every node's values are checked before any node changes.</summary>
    public void SetStatus(NodeCollection nodes, Func<int, StatusDictionary> valuesOf)
    {
        var commits = new Action[nodes.Count];
        int i = 0;
        long call = _drawCalls + 1;
        bool drew = false, simulated = kernel.Simulation.Step > 0;
        // One dictionary for all nodes (the usual call) is read for distributions and per-node arrays once.
        (StatusDictionary? Values, NodeParameterDraws? Draws, string[]? PerNode) last = (null, null, null);
        foreach (int id in nodes)
        {
            var b = FindBlock(id);
            b.KernelHasSimulated = simulated;
            var values = valuesOf(i);
            if (!ReferenceEquals(values, last.Values))
            {
                last = (values, NodeParameterDraws.Of(values), PerNodeKeys(values, nodes.Count, b));
            }

            var draws = last.Draws;
            drew |= draws is not null;
            var drawn = draws?.For(kernel.Random.Seed, call, id) ?? values;
            commits[i] = b.ValidateStatus(id - b.FirstId, last.PerNode is null ? drawn : Element(drawn, values, last.PerNode, i));
            i++;
        }

        if (drew)
        {
            _drawCalls = call;
        }

        foreach (var c in commits)
        {
            c();
        }

        ParametersVersion++;
    }

    /// <summary>The block that holds node <paramref name="nodeId"/> (a binary search over the blocks' first ids).</summary>
    /// <exception cref="UnknownNodeException">No node has this id.</exception>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public NodeBlock FindBlock(int nodeId)
    {
        if (nodeId < 1 || nodeId > NumNodes)
        {
            throw new UnknownNodeException(nodeId);
        }

        int lo = 0, hi = _blocks.Count - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >> 1;
            if (_blocks[mid].FirstId <= nodeId)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return _blocks[lo];
    }

    /// <summary>Calls <paramref name="visit"/>(block, first id, count) for each maximal run of a collection that lies in one block.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void ForEachBlockSegment(NodeCollection nodes, Action<NodeBlock, int, int> visit)
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

    /// <summary>For each node id, whether it is in <paramref name="nodes"/> (null for no filter).</summary>
    public bool[]? Membership(NodeCollection? nodes)
    {
        if (nodes is null)
        {
            return null;
        }

        var set = new bool[NumNodes + 1];
        foreach (var (first, count) in nodes.Ranges)
        {
            FindBlock(first);
            FindBlock(first + count - 1);
            Array.Fill(set, true, first, count);
        }

        return set;
    }

    /// <summary>The node id of each receiver index.</summary>
    public int[] NodeOfReceiver()
    {
        var nodeOfReceiver = new int[NumReceivers];
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

        return nodeOfReceiver;
    }
}
