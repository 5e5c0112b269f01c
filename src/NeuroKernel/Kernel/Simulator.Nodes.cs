namespace NeuroKernel;

public sealed partial class Simulator
{
    /// <summary>
    /// Creates <paramref name="n"/> nodes of a model (NEST's <c>Create</c>). They get consecutive ids after
    /// the last node created, start from the model's defaults, and then get <paramref name="parameters"/>.
    /// </summary>
    /// <param name="model">A node model name, e.g. <c>"iaf_psc_alpha"</c>.</param>
    /// <param name="n">Number of nodes (≥ 1).</param>
    /// <param name="parameters">Parameters to set on every new node, or null.</param>
    /// <returns>The new nodes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is smaller than 1 or too large.</exception>
    /// <exception cref="UnknownModelNameException">No node model has this name.</exception>
    /// <exception cref="BadPropertyException">A parameter key is unknown or a value is invalid.</exception>
    /// <exception cref="MemoryLimitExceededException">The nodes would not fit in memory.</exception>
    public NodeCollection Create(string model, int n = 1, StatusDictionary? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var call = _guard.Enter();
        return _kernel.Nodes.Create(model, n, parameters);
    }

    /// <summary>The status of one node: its model's parameters and its state (NEST's <c>GetStatus</c>).</summary>
    /// <param name="nodeId">A node id.</param>
    /// <returns>A new dictionary.</returns>
    /// <exception cref="UnknownNodeException">No node has this id.</exception>
    public StatusDictionary GetStatus(int nodeId)
    {
        using var call = _guard.Enter();
        return _kernel.Nodes.GetStatus(nodeId);
    }

    /// <summary>
    /// The status of the nodes (NEST 3's <c>nodes.get()</c>): for one node its dictionary; for several, one
    /// entry per key whose value is an array with one element per node (<c>double[]</c> for numbers,
    /// <c>object[]</c> otherwise).
    /// </summary>
    /// <param name="nodes">The nodes.</param>
    /// <returns>A new dictionary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="nodes"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="nodes"/> is empty.</exception>
    /// <exception cref="UnknownNodeException">A node does not exist.</exception>
    public StatusDictionary GetStatus(NodeCollection nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.Count == 0)
        {
            throw new ArgumentException("GetStatus needs at least one node.", nameof(nodes));
        }

        using var call = _guard.Enter();
        return _kernel.Nodes.GetStatus(nodes);
    }

    /// <summary>One status entry of each node (NEST's <c>GetStatus(nodes, key)</c>).</summary>
    /// <typeparam name="T">The type wanted, e.g. <c>double</c> or <c>long</c>.</typeparam>
    /// <param name="nodes">The nodes.</param>
    /// <param name="key">A status key.</param>
    /// <returns>One value per node.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="UnknownNodeException">A node does not exist.</exception>
    /// <exception cref="BadPropertyException">A node has no such key or it cannot be read as <typeparamref name="T"/>.</exception>
    public T[] GetStatus<T>(NodeCollection nodes, string key)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(key);
        using var call = _guard.Enter();
        return _kernel.Nodes.GetStatus<T>(nodes, key);
    }

    /// <summary>
    /// Sets the same values on every node (NEST's <c>SetStatus(nodes, dict)</c>). All nodes are checked
    /// before any is changed.
    /// </summary>
    /// <param name="nodes">The nodes.</param>
    /// <param name="values">Parameter or state names and values.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="UnknownNodeException">A node does not exist.</exception>
    /// <exception cref="BadPropertyException">A key is unknown or a value is invalid.</exception>
    public void SetStatus(NodeCollection nodes, StatusDictionary values)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(values);
        SetStatusEach(nodes, _ => values);
    }

    /// <summary>Sets one dictionary per node (NEST's <c>SetStatus(nodes, [dict, …])</c>); all are checked first.</summary>
    /// <param name="nodes">The nodes.</param>
    /// <param name="values">One dictionary per node, or a single dictionary for all.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The number of dictionaries is neither 1 nor the number of nodes.</exception>
    /// <exception cref="UnknownNodeException">A node does not exist.</exception>
    /// <exception cref="BadPropertyException">A key is unknown or a value is invalid.</exception>
    public void SetStatus(NodeCollection nodes, IReadOnlyList<StatusDictionary> values)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != 1 && values.Count != nodes.Count)
        {
            throw new ArgumentException($"Expected 1 or {nodes.Count} dictionaries, got {values.Count}.", nameof(values));
        }

        SetStatusEach(nodes, i => values[values.Count == 1 ? 0 : i]);
    }

    /// <summary>Sets a different value of one key on each node (NEST 3's <c>nodes.set(key=[…])</c>); all are checked first.</summary>
    /// <param name="nodes">The nodes.</param>
    /// <param name="key">A parameter or state name, e.g. <c>"V_m"</c> or <c>"I_e"</c>.</param>
    /// <param name="values">One value per node.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The number of values differs from the number of nodes.</exception>
    /// <exception cref="UnknownNodeException">A node does not exist.</exception>
    /// <exception cref="BadPropertyException">The key is unknown or a value is invalid.</exception>
    public void SetStatus(NodeCollection nodes, string key, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != nodes.Count)
        {
            throw new ArgumentException($"Expected {nodes.Count} values for '{key}', got {values.Count}.", nameof(values));
        }

        SetStatusEach(nodes, i => new StatusDictionary { [key] = values[i] });
    }

    /// <summary>Sets values on one node.</summary>
    /// <param name="nodeId">A node id.</param>
    /// <param name="values">Parameter or state names and values.</param>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    /// <exception cref="UnknownNodeException">The node does not exist.</exception>
    /// <exception cref="BadPropertyException">A key is unknown or a value is invalid.</exception>
    public void SetStatus(int nodeId, StatusDictionary values)
    {
        ArgumentNullException.ThrowIfNull(values);
        SetStatus(new NodeCollection(nodeId, 1), values);
    }

    private void SetStatusEach(NodeCollection nodes, Func<int, StatusDictionary> valuesOf, [System.Runtime.CompilerServices.CallerMemberName] string caller = "")
    {
        using var call = _guard.Enter(caller);
        _kernel.Nodes.SetStatus(nodes, valuesOf);
    }
}
