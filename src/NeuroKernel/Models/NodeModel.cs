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

    /// <summary>True for models whose spike weights must be ≥ 0 (NEST's conductance-based multisynapse models: inhibition comes from E_rev).</summary>
    public virtual bool RefusesNegativeWeights => false;

    /// <summary>Why nodes of this model cannot be the source of a connection although they are devices (for the error), or null.</summary>
    public virtual string? SourceRefusal => null;

    /// <summary>The model's inputs; none for devices.</summary>
    public virtual IReadOnlyList<Receptor> Receptors => [];

    /// <summary>True when nodes of this model count incoming spikes and ignore their weight (parrot_neuron).</summary>
    public bool CountsSpikes => Inputs.CountsSpikes;

    /// <summary>
    /// True when the node's update reads the excitatory and inhibitory spike channels apart (iaf_psc_alpha,
    /// iaf_psc_exp). False when it reads only their sum (iaf_psc_delta) or no spike channel at all; when no node
    /// reads them apart, the kernel keeps the two channels in one buffer.
    /// </summary>
    public bool SeparatesSpikeChannels => Inputs.SeparatesSpikeChannels;

    /// <summary>True when nodes of this model accept currents from current generators.</summary>
    public bool ReceivesCurrents => Inputs.CurrentPorts > 0;

    /// <summary>Receptor types for currents (<c>receptor_type</c> 0 … n − 1): 1 for most neurons, 2 for iaf_psc_exp.</summary>
    public int CurrentReceptors => Inputs.CurrentPorts;

    /// <summary>What the receptors imply, worked out once (Connect asks for every target block).</summary>
    private ReceptorSummary Inputs => _inputs ??= new ReceptorSummary(Receptors);

    private ReceptorSummary? _inputs;

    /// <summary>
    /// True for models with numbered spike ports 1 … n per node (NEST's <c>*_multisynapse</c>): each port has its own
    /// ring channel (<see cref="Synapses.InputChannel.Port"/>), whatever the weight's sign, and each node says how many
    /// ports it has (<see cref="NodeBlock.CheckSpikePort"/>).
    /// </summary>
    public virtual bool HasSpikePorts => false;

    /// <summary>True when a spike connection may address <paramref name="port"/> (port 0 of nodes without spike receptors, which then refuse spikes for another reason).</summary>
    public bool TakesSpikesOn(int port) => HasSpikePorts ? port >= 1 : RecordsSpikes ? port >= 0 : Inputs.TakesSpikesOn(port);

    /// <summary>The ports spike connections may address, for error messages ("0" for nodes without spike receptors).</summary>
    public string SpikePortList => HasSpikePorts ? "1, 2, …" : Inputs.SpikePortList;

    /// <summary>The buffer a connection into this model's nodes writes: spikes on a spike receptor or currents on <paramref name="port"/>.</summary>
    public Synapses.InputChannel ChannelFor(bool currents, int port) =>
        currents ? (Inputs.FiltersCurrentOn(port) ? Synapses.InputChannel.FilteredCurrent : Synapses.InputChannel.Current)
        : HasSpikePorts ? Synapses.InputChannel.Port
        : Inputs.IgnoresSpikesOn(port) ? Synapses.InputChannel.Discard
        : CountsSpikes ? Synapses.InputChannel.Count
        : Synapses.InputChannel.Spike;

    /// <summary>
    /// The flags a model's receptors imply. Plain loops: the first Connect of a script builds it, and LINQ's generic code
    /// would be compiled then, on the caller's time.
    /// </summary>
    private sealed class ReceptorSummary
    {
        private readonly List<int> _spikePorts = [];
        private readonly List<int> _filteredCurrentPorts = [];
        private readonly List<int> _ignoredSpikePorts = [];

        public ReceptorSummary(IReadOnlyList<Receptor> receptors)
        {
            foreach (var r in receptors)
            {
                CountsSpikes |= r.Input == ReceptorInput.SpikeCount;
                SeparatesSpikeChannels |= r.Input is ReceptorInput.Excitatory or ReceptorInput.Inhibitory;
                if (!r.TakesSpikes)
                {
                    CurrentPorts = Math.Max(CurrentPorts, r.Port + 1);
                    if (r.Input == ReceptorInput.FilteredCurrent)
                    {
                        _filteredCurrentPorts.Add(r.Port);
                    }
                }
                else
                {
                    if (!_spikePorts.Contains(r.Port))
                    {
                        _spikePorts.Add(r.Port);
                    }

                    if (r.Input == ReceptorInput.Ignored)
                    {
                        _ignoredSpikePorts.Add(r.Port);
                    }
                }
            }
        }

        public bool CountsSpikes { get; }

        public bool SeparatesSpikeChannels { get; }

        public int CurrentPorts { get; }

        public bool TakesSpikesOn(int port) => _spikePorts.Count == 0 ? port == 0 : _spikePorts.Contains(port);

        public string SpikePortList => _spikePorts.Count == 0 ? "0" : string.Join(", ", _spikePorts);

        public bool FiltersCurrentOn(int port) => _filteredCurrentPorts.Contains(port);

        public bool IgnoresSpikesOn(int port) => _ignoredSpikePorts.Contains(port);
    }

    /// <summary>
    /// True for nodes whose output is made per target in the delivery phase (poisson_generator, current generators): the
    /// block says what it sends (<see cref="Delivery.IPerTargetSender"/>) and <see cref="Delivery.PerTargetDelivery"/>
    /// writes it, instead of delivery walking a spike list.
    /// </summary>
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
            ElementType.Other => "other",
            _ => "recorder",
        };
        if (Recordables.Count > 0)
        {
            d[ParameterNames.Recordables] = Recordables.ToArray();
        }

        if (Receptors.Count > 0 && !HasSpikePorts)
        {
            var receptors = new StatusDictionary();
            foreach (var r in Receptors)
            {
                receptors[r.Name] = (long)r.Port;
            }

            d[ParameterNames.ReceptorTypes] = receptors;
        }
    }

    /// <summary>Keys every node reports that cannot be set (SetStatus and SetDefaults accept them back unchanged in meaning: they refuse them as read-only).</summary>
    public static readonly string[] CommonReadOnlyKeys =
        [ParameterNames.Model, ParameterNames.GlobalId, ParameterNames.ElementType, ParameterNames.Recordables, ParameterNames.ReceptorTypes];

    /// <summary>A copy of this prototype under a new name (the defaults are immutable records, so a shallow copy suffices).</summary>
    public NodeModel Clone(string newName)
    {
        var copy = (NodeModel)MemberwiseClone();
        copy.Name = newName;
        return copy;
    }
}
