using NeuroKernel.Models;

namespace NeuroKernel.Kernel;

/// <summary>
/// The node models (NEST's <c>ModelManager</c>): prototypes by name, edited by SetDefaults, cloned by CopyModel. The
/// synapse models live with the connections (<see cref="ConnectionManager.Synapses"/>); the defaults calls reach both.
/// </summary>
internal sealed class ModelManager(KernelManager kernel)
{
    public ModelRegistry Registry { get; private set; } = null!;

    public void Initialize()
    {
        Registry = new ModelRegistry();
        ModelCatalog.RegisterBuiltIns(Registry);
    }

    /// <summary>NEST's <c>SetDefaults</c> on a node or synapse model; all entries are checked before any is applied.</summary>
    public void SetDefaults(string model, StatusDictionary values)
    {
        var synapses = kernel.Connections.Synapses;
        if (Registry.TryGet(model, out var m))
        {
            m.SetDefaults(values);
        }
        else if (synapses.Contains(model))
        {
            synapses.SetDefaults(model, values, kernel.Grid);
            if (values.ContainsKey(ParameterNames.WeightRecorder) || values.ContainsKey(ParameterNames.VolumeTransmitter))
            {
                kernel.Connections.WeightRecorderChanged();
            }
        }
        else
        {
            throw new UnknownModelNameException(model);
        }
    }

    /// <summary>NEST's <c>GetDefaults</c> of a node or synapse model.</summary>
    public StatusDictionary GetDefaults(string model)
    {
        if (Registry.TryGet(model, out var m))
        {
            var d = m.GetDefaults();
            m.WriteCommonKeys(d);
            return d;
        }

        if (kernel.Connections.Synapses.TryGet(model, out var s))
        {
            return Synapses.SynapseRegistry.GetDefaults(s, kernel.Grid);
        }

        throw new UnknownModelNameException(model);
    }

    /// <summary>NEST's <c>CopyModel</c>: a node or synapse model copied under a new name, with changed defaults.</summary>
    public void CopyModel(string existing, string newName, StatusDictionary? values)
    {
        var synapses = kernel.Connections.Synapses;
        ThrowIfNameTaken(newName);

        if (string.IsNullOrWhiteSpace(newName))
        {
            throw new BadPropertyException("new_name", $"A model name must not be empty (new name = '{newName}').");
        }

        if (Registry.TryGet(existing, out var m))
        {
            var copy = m.Clone(newName);
            if (values is not null)
            {
                copy.SetDefaults(values);
            }

            Registry.Register(copy);
        }
        else if (synapses.Contains(existing))
        {
            synapses.Copy(existing, newName, values, kernel.Grid);
        }
        else
        {
            throw new UnknownModelNameException(existing);
        }
    }

    /// <summary>Registers a node model under a name no node or synapse model has.</summary>
    public void Register(NodeModel model)
    {
        ThrowIfNameTaken(model.Name);
        Registry.Register(model);
    }

    /// <summary>Registers a synapse model under a name no node or synapse model has.</summary>
    public void RegisterSynapse(string name, Synapses.SynapseType type)
    {
        ThrowIfNameTaken(name);
        kernel.Connections.Synapses.Register(name, type);
    }

    /// <summary>Refuses a name that a node model or a synapse model already has (node and synapse models share one namespace, as in NEST).</summary>
    /// <exception cref="NewModelNameExistsException">The name is taken.</exception>
    public void ThrowIfNameTaken(string name)
    {
        if (Registry.Contains(name) || kernel.Connections.Synapses.Contains(name))
        {
            throw new NewModelNameExistsException(name);
        }
    }
}
