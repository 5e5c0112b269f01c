namespace NeuroKernel.Models;

/// <summary>
/// A node model as a prototype (NEST's <c>GenericModel::proto_</c>): it holds the defaults.
/// <see cref="SetDefaults"/> edits them, <see cref="Clone"/> copies them under a new name (CopyModel), and
/// <see cref="CreateBlock"/> snapshots them into a new population.
/// </summary>
internal abstract class NodeModel
{
    protected NodeModel(string name) => Name = name;

    /// <summary>The model's name (a built-in name or the name given to CopyModel).</summary>
    public string Name { get; private set; }

    /// <summary>Neuron, stimulator or recorder.</summary>
    public abstract ElementType ElementType { get; }

    /// <summary>True when nodes of this model can be the source of a spike connection.</summary>
    public abstract bool SendsSpikes { get; }

    /// <summary>True when nodes of this model receive spikes through ring buffers (neurons).</summary>
    public virtual bool ReceivesSpikes => ElementType == ElementType.Neuron;

    /// <summary>True when nodes of this model record the spikes of their sources.</summary>
    public virtual bool RecordsSpikes => false;

    /// <summary>True when a spike goes to each target as an independent draw (poisson_generator), so such a
    /// node cannot feed a recorder directly.</summary>
    public virtual bool SendsPerTargetSpikes => false;

    /// <summary>True when nodes of this model sample the state of the neurons they are connected to (multimeter).</summary>
    public virtual bool SamplesState => false;

    /// <summary>True when nodes of this model send currents (dc_generator) rather than spikes.</summary>
    public virtual bool SendsCurrents => false;

    /// <summary>True when nodes of this model count incoming spikes and ignore their weight (parrot_neuron).</summary>
    public virtual bool CountsSpikes => false;

    /// <summary>
    /// True when the node's update reads the excitatory and inhibitory spike channels apart (iaf_psc_alpha,
    /// iaf_psc_exp). False when it reads only their sum (iaf_psc_delta) or no spike channel at all; when no node
    /// reads them apart, the kernel keeps the two channels in one buffer.
    /// </summary>
    public virtual bool SeparatesSpikeChannels => false;

    /// <summary>True when nodes of this model accept currents from current generators.</summary>
    public virtual bool ReceivesCurrents => ReceivesSpikes && !CountsSpikes;

    /// <summary>Receptor types for currents (<c>receptor_type</c> 0 … n − 1): 1 for most neurons, 2 for iaf_psc_exp.</summary>
    public virtual int CurrentReceptors => ReceivesCurrents ? 1 : 0;

    /// <summary>True when the kernel lets the block write into the ring buffers itself in the delivery phase
    /// (poisson_generator, current generators) instead of walking its spike list.</summary>
    public bool DeliversDirectly => SendsPerTargetSpikes || SendsCurrents;

    /// <summary>Names of the recordable state variables.</summary>
    public virtual IReadOnlyList<string> Recordables => [];

    /// <summary>The defaults as a dictionary (model-specific keys only).</summary>
    public abstract StatusDictionary GetDefaults();

    /// <summary>Changes the defaults: all entries are validated first, then committed together.</summary>
    /// <exception cref="BadPropertyException">A key is unknown or a value is invalid; nothing changed.</exception>
    public abstract void SetDefaults(StatusDictionary values);

    /// <summary>Makes <paramref name="count"/> nodes with ids from <paramref name="firstId"/>, from the current defaults.</summary>
    public abstract NodeBlock CreateBlock(int firstId, int count);

    /// <summary>Adds the keys that every node and the model itself report: model, element_type and recordables.</summary>
    public void WriteCommonKeys(StatusDictionary d)
    {
        d[ParameterNames.Model] = Name;
        d[ParameterNames.ElementType] = ElementType switch
        {
            ElementType.Neuron => "neuron",
            ElementType.Stimulator => "stimulator",
            _ => "recorder",
        };
        if (Recordables.Count > 0)
        {
            d[ParameterNames.Recordables] = Recordables.ToArray();
        }
    }

    /// <summary>A copy of this prototype under a new name (the defaults are immutable records, so a shallow copy suffices).</summary>
    public NodeModel Clone(string newName)
    {
        var copy = (NodeModel)MemberwiseClone();
        copy.Name = newName;
        return copy;
    }
}
