namespace NeuroKernel.Synapses;

/// <summary>
/// A synapse model (built-in <c>static_synapse</c> or a copy made with CopyModel): default weight and delay
/// and a counter of the connections made with it, devices included, as NEST counts them.
/// </summary>
internal sealed class SynapseModel
{
    public SynapseModel(string name, int index, double weight, double delay)
    {
        Name = name;
        Index = index;
        Weight = weight;
        Delay = delay;
    }

    public string Name { get; }

    /// <summary>Position in the registry (NEST's <c>synapse_modelid</c>).</summary>
    public int Index { get; }

    /// <summary>Default weight (pA for current-based neurons, mV for voltage-jump neurons).</summary>
    public double Weight { get; set; }

    /// <summary>Default delay (ms).</summary>
    public double Delay { get; set; }

    /// <summary>Connections made with this model so far.</summary>
    public long NumConnections { get; set; }
}
