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

    /// <summary>Connections made with this model so far.</summary>
    public long NumConnections { get; set; }
}
