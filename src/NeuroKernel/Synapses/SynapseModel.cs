namespace NeuroKernel.Synapses;

/// <summary>
/// A synapse model (built-in <c>static_synapse</c>, a registered type, or a copy made with CopyModel): its code and
/// typed defaults (<see cref="Type"/>), default weight and delay, and a counter of the connections made with it,
/// devices included, as NEST counts them.
/// </summary>
internal sealed class SynapseModel
{
    public SynapseModel(string name, int index, double weight, double delay, SynapseType type)
    {
        Name = name;
        Index = index;
        Weight = weight;
        Delay = delay;
        Type = type;
        IsStatic = type.IsStatic;
    }

    public string Name { get; }

    /// <summary>Position in the registry (NEST's <c>synapse_modelid</c>).</summary>
    public int Index { get; }

    /// <summary>Default weight (pA for current-based neurons, mV for voltage-jump neurons).</summary>
    public double Weight { get; set; }

    /// <summary>Default delay (ms).</summary>
    public double Delay { get; set; }

    /// <summary>The model's code, per-connection defaults and common properties.</summary>
    public SynapseType Type { get; }

    /// <summary>True when the model's type is static (<see cref="SynapseType.IsStatic"/>), read once: Connect asks on every call.</summary>
    public bool IsStatic { get; }

    /// <summary>
    /// The group key's number of the initial values for a Connect call with <paramref name="parameters"/>
    /// (<see cref="SynapseType.InitialValuesFor"/>); 0 without parameters for a static type, without asking it.
    /// </summary>
    public int InitialValuesFor(StatusDictionary? parameters) => parameters is null && IsStatic ? 0 : Type.InitialValuesFor(parameters);

    /// <summary>Connections made with this model so far.</summary>
    public long NumConnections { get; set; }

    /// <summary>The weight_recorder node that the model's plastic connections report to (0: none), NEST's <c>weight_recorder</c>.</summary>
    public int WeightRecorder { get; set; }
}
