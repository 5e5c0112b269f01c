using NeuroKernel.Models;
using NeuroKernel.Synapses;

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
        if (_models.TryGet(model, out var m))
        {
            m.SetDefaults(values);
        }
        else if (_synapses.Contains(model))
        {
            _synapses.SetDefaults(model, values, Grid);
        }
        else
        {
            throw new UnknownModelNameException(model);
        }
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
        if (_models.TryGet(model, out var m))
        {
            var d = m.GetDefaults();
            AddCommonKeys(d, m);
            return d;
        }

        if (_synapses.TryGet(model, out var s))
        {
            return SynapseRegistry.GetDefaults(s, Grid);
        }

        throw new UnknownModelNameException(model);
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
        if (_models.Contains(newName) || _synapses.Contains(newName))
        {
            throw new NewModelNameExistsException(newName);
        }

        if (string.IsNullOrWhiteSpace(newName))
        {
            throw new BadPropertyException("new_name", $"A model name must not be empty (new name = '{newName}').");
        }

        if (_models.TryGet(existing, out var m))
        {
            var copy = m.Clone(newName);
            if (values is not null)
            {
                copy.SetDefaults(values);
            }

            _models.Register(copy);
        }
        else if (_synapses.Contains(existing))
        {
            _synapses.Copy(existing, newName, values, Grid);
        }
        else
        {
            throw new UnknownModelNameException(existing);
        }
    }

    private static void AddCommonKeys(StatusDictionary d, NodeModel m)
    {
        d[ParameterNames.Model] = m.Name;
        d[ParameterNames.ElementType] = m.ElementType switch
        {
            ElementType.Neuron => "neuron",
            ElementType.Stimulator => "stimulator",
            _ => "recorder",
        };
        if (m.Recordables.Count > 0)
        {
            d[ParameterNames.Recordables] = m.Recordables.ToArray();
        }
    }
}
