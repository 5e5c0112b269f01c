namespace NeuroKernel;

public sealed partial class Simulator
{
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
        using var call = _guard.Enter();
        _kernel.Connections.Connect(pre, post, conn ?? Connectivity.ConnectionRuleCatalog.Default, syn ?? ModelNames.StaticSynapse);
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
        using var call = _guard.Enter();
        _kernel.Connections.Connect(sources, target, syn ?? ModelNames.StaticSynapse);
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

        Connect(NodeCollection.FromIds(sources), NodeCollection.FromIds(targets), Connectivity.ConnectionRuleCatalog.Paired, syn);
    }

    /// <summary>
    /// The connections made so far (NEST's <c>GetConnections(source, target, synapse_model)</c>), optionally
    /// only those from <paramref name="source"/>, to <paramref name="target"/> and of <paramref name="synapseModel"/>.
    /// Device connections (generators, recorders, multimeters) are included, as NEST counts them. Collecting
    /// the connections made since the last Simulate sorts them, as Simulate would.
    /// </summary>
    /// <param name="source">Only connections from these nodes, or null for all.</param>
    /// <param name="target">Only connections to these nodes, or null for all.</param>
    /// <param name="synapseModel">Only connections of this synapse model, or null for all.</param>
    /// <returns>The connections, by source, then synapse group, then target.</returns>
    /// <exception cref="UnknownSynapseTypeException"><paramref name="synapseModel"/> is not a synapse model.</exception>
    /// <exception cref="UnknownNodeException">A node of the filters does not exist.</exception>
    public ConnectionTable GetConnections(NodeCollection? source = null, NodeCollection? target = null, string? synapseModel = null)
    {
        using var call = _guard.Enter();
        return _kernel.Connections.GetConnections(source, target, synapseModel);
    }

    /// <summary>
    /// Sets properties of connections (NEST's <c>SetStatus(conns, {...})</c> and <c>conns.set(...)</c>): the weight of
    /// plastic connections and of connections made with weights per connection, the delay (ms) of any connection, and a
    /// plastic model's own keys (e.g. <c>Kplus</c>, <c>u</c>, <c>x</c>), with the model's checks. Between Simulate calls the
    /// next run continues from them.
    /// </summary>
    /// <param name="connections">A table from <see cref="GetConnections"/>.</param>
    /// <param name="values">The new values, the same for every connection.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="BadPropertyException">A key is unknown or read-only (source, target, synapse_model, receptor), a value is invalid, or the weight of a connection that shares its group's one weight is set.</exception>
    /// <exception cref="BadDelayException">The delay (ms) is not finite or below the resolution.</exception>
    /// <exception cref="IllegalConnectionException">A connection goes to a recorder or comes from a multimeter.</exception>
    /// <exception cref="KernelStateErrorException">The connections were rebuilt since the table was made; call GetConnections again.</exception>
    public void SetStatus(ConnectionTable connections, StatusDictionary values)
    {
        ArgumentNullException.ThrowIfNull(connections);
        ArgumentNullException.ThrowIfNull(values);
        using var call = _guard.Enter();
        connections.ValidateSet(values)();
    }
}
