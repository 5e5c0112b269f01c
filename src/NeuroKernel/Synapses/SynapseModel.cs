namespace NeuroKernel.Synapses;

/// <summary>
/// A synapse model (built-in <c>static_synapse</c>, a registered type, or a copy made with CopyModel): its code and
/// typed defaults (<see cref="Type"/>), default weight and delay, and a counter of the connections made with it,
/// devices included, as NEST counts them.
/// </summary>
internal sealed class SynapseModel
{
    private readonly Func<SynapseType> _create;
    private SynapseType? _type;

    /// <summary>A model whose type is made at its first use by <paramref name="create"/> (a built-in model that a script never uses costs nothing).</summary>
    public SynapseModel(string name, int index, double weight, double delay, Func<SynapseType> create)
    {
        Name = name;
        Index = index;
        Weight = weight;
        Delay = delay;
        _create = create;
    }

    public string Name { get; }

    /// <summary>Position in the registry (NEST's <c>synapse_modelid</c>).</summary>
    public int Index { get; }

    /// <summary>Default weight (pA for current-based neurons, mV for voltage-jump neurons).</summary>
    public double Weight { get; set; }

    /// <summary>Default delay (ms).</summary>
    public double Delay { get; set; }

    /// <summary>The model's code and typed defaults, made at the first use.</summary>
    public SynapseType Type => _type ??= _create();

    /// <summary>Whether the model's type is static (no per-connection state or code).</summary>
    public bool IsStatic => Type.IsStatic;

    /// <summary>
    /// The group key's number of the initial values for a Connect call with <paramref name="parameters"/>
    /// (<see cref="SynapseType.InitialValuesFor"/>); 0 without parameters for a static type, without asking it.
    /// </summary>
    public int InitialValuesFor(StatusDictionary? parameters) => parameters is null && IsStatic ? 0 : Type.InitialValuesFor(parameters);

    /// <summary>Connections made with this model so far.</summary>
    public long NumConnections { get; set; }

    /// <summary>The weight_recorder node that the model's plastic connections report to (0: none), NEST's <c>weight_recorder</c>.</summary>
    public int WeightRecorder { get; set; }

    /// <summary>True for models whose connections read a volume transmitter (stdp_dopamine_synapse and its copies).</summary>
    public bool UsesVolumeTransmitter { get; init; }

    /// <summary>The volume_transmitter node the model's connections read (0: none yet), NEST's <c>volume_transmitter</c>.</summary>
    public int VolumeTransmitter { get; set; }
}
