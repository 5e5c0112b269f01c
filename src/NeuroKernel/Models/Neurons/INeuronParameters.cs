namespace NeuroKernel.Models.Neurons;

/// <summary>The parameters of a leaky integrate-and-fire model: the shared membrane part and the model's own keys.</summary>
internal interface INeuronParameters<TSelf>
    where TSelf : class, INeuronParameters<TSelf>
{
    MembraneParameters Membrane { get; }

    /// <summary>Reads all parameter keys into a validated copy (see <see cref="MembraneParameters.Read"/>).</summary>
    TSelf Read(ParameterReader r, out double deltaEL);

    void Write(StatusDictionary d);
}
