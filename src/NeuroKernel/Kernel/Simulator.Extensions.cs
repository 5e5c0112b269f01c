using NeuroKernel.Connectivity;
using NeuroKernel.Models;
using NeuroKernel.Synapses;

namespace NeuroKernel;

public sealed partial class Simulator
{
    /// <summary>
    /// Registers a connection rule of the user's own under <see cref="ConnectionRule.Name"/>, for <c>conn_spec</c>s of
    /// every later Connect (NEST needs a compiled module for this). It stays registered after <see cref="ResetKernel"/>
    /// and appears in <c>GetKernelStatus()["connection_rules"]</c>.
    /// </summary>
    /// <param name="rule">The rule.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rule"/> is null.</exception>
    /// <exception cref="ArgumentException">A rule of this name is already registered.</exception>
    public void RegisterConnectionRule(ConnectionRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        using var call = _guard.Enter();
        _kernel.Install(k => k.Connections.Rules.Register(rule));
    }

    /// <summary>
    /// Registers a neuron model of the user's own (NEST needs NESTML and a compiled module for this). <c>Create</c>,
    /// <c>SetDefaults</c>, <c>GetDefaults</c>, <c>CopyModel</c>, <c>SetStatus</c>, <c>GetStatus</c>, <c>Connect</c>,
    /// <c>Simulate</c>, spike recorders and multimeters work with it as with a built-in model. It stays registered after
    /// <see cref="ResetKernel"/>, with its original defaults.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentException">A parameter or state variable is declared twice.</exception>
    /// <exception cref="BadPropertyException">The model's default parameters fail its own check.</exception>
    /// <exception cref="NewModelNameExistsException">A node or synapse model already has this name.</exception>
    public void RegisterNeuronModel(NeuronModelDefinition model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var call = _guard.Enter();
        // The name first, then the definition's own check (DefinedNeuronModel), as a user reads the call.
        _kernel.Models.ThrowIfNameTaken(model.Name);
        _kernel.Install(k => k.Models.Register(new Models.Defined.DefinedNeuronModel(model)));
    }

    /// <summary>
    /// Registers a synapse model whose code is <typeparamref name="TSynapse"/> (NEST needs NESTML and a compiled module
    /// for this). It starts with weight 1 and delay 1 ms and the type's defaults; <c>CopyModel</c>, <c>SetDefaults</c>,
    /// <c>GetDefaults</c>, every connection rule and <c>GetConnections</c> work with it as with <c>static_synapse</c>. It
    /// stays registered after <see cref="ResetKernel"/>, with these defaults.
    /// </summary>
    /// <typeparam name="TSynapse">The per-connection parameters, state and spike handlers.</typeparam>
    /// <typeparam name="TCommon">The properties the model's connections share.</typeparam>
    /// <param name="name">The synapse model's name.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="NewModelNameExistsException">A node or synapse model already has this name.</exception>
    public void RegisterSynapseModel<TSynapse, TCommon>(string name)
        where TSynapse : struct, ISynapse<TSynapse, TCommon>
        where TCommon : struct
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        using var call = _guard.Enter();
        _kernel.Install(k => k.Models.RegisterSynapse(name, new SynapseType<TSynapse, TCommon>()));
    }
}
