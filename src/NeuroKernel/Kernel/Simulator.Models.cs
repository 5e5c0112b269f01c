namespace NeuroKernel;

public sealed partial class Simulator
{
    /// <summary>
    /// Changes the defaults of a node or synapse model (NEST's <c>SetDefaults</c>); nodes created afterwards
    /// start from them. All entries are checked before any is applied.
    /// </summary>
    /// <param name="model">A model name (built-in or copied).</param>
    /// <param name="values">Parameter names and values, e.g. <c>{"C_m": 250.0}</c> (NEST's units).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="UnknownModelNameException">No model has this name.</exception>
    /// <exception cref="BadPropertyException">A key is unknown or a value is invalid.</exception>
    /// <exception cref="BadDelayException">A synapse delay is below the resolution.</exception>
    public void SetDefaults(string model, StatusDictionary values)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(values);
        using var call = _guard.Enter();
        _kernel.Models.SetDefaults(model, values);
    }

    /// <summary>
    /// The defaults of a node or synapse model (NEST's <c>GetDefaults</c>); for a synapse model they include
    /// <c>num_connections</c>, the number of connections made with it so far.
    /// </summary>
    /// <param name="model">A model name.</param>
    /// <returns>A new dictionary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="UnknownModelNameException">No model has this name.</exception>
    public StatusDictionary GetDefaults(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var call = _guard.Enter();
        return _kernel.Models.GetDefaults(model);
    }

    /// <summary>
    /// Copies a node or synapse model under a new name with optionally changed defaults (NEST's
    /// <c>CopyModel</c>). A copied synapse model has its own <c>num_connections</c> counter.
    /// </summary>
    /// <param name="existing">The model to copy.</param>
    /// <param name="newName">The new model's name.</param>
    /// <param name="values">Defaults to change in the copy, or null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="existing"/> or <paramref name="newName"/> is null.</exception>
    /// <exception cref="UnknownModelNameException"><paramref name="existing"/> is not a model.</exception>
    /// <exception cref="NewModelNameExistsException"><paramref name="newName"/> is already a model's name.</exception>
    /// <exception cref="BadPropertyException">A key is unknown or a value is invalid.</exception>
    /// <exception cref="BadDelayException">A synapse delay is below the resolution.</exception>
    public void CopyModel(string existing, string newName, StatusDictionary? values = null)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(newName);
        using var call = _guard.Enter();
        _kernel.Models.CopyModel(existing, newName, values);
    }
}
