namespace NeuroKernel.Models;

/// <summary>
/// One input of a node model (NEST's receptor types): a name, the port a connection addresses with
/// <c>receptor_type</c>, and the input buffer delivery adds its events to. Models declare their receptors; the kernel
/// derives from them which buffer a connection writes, and <c>GetDefaults</c> reports them as <c>receptor_types</c>.
/// </summary>
internal sealed record Receptor(string Name, int Port, ReceptorInput Input)
{
    /// <summary>True for receptors of spikes (not currents).</summary>
    public bool TakesSpikes => Input is ReceptorInput.Excitatory or ReceptorInput.Inhibitory or ReceptorInput.SpikeSum or ReceptorInput.SpikeCount or ReceptorInput.Ignored;

    /// <summary>Spikes split by the sign of the weight into an excitatory and an inhibitory input, and currents on port 0 (NEST's iaf_psc_alpha).</summary>
    public static Receptor[] BySign { get; } =
    [
        new("excitatory", 0, ReceptorInput.Excitatory),
        new("inhibitory", 0, ReceptorInput.Inhibitory),
        new("current", 0, ReceptorInput.Current),
    ];

    /// <summary>Spikes of either sign summed in one input, and currents on port 0 (NEST's iaf_psc_delta).</summary>
    public static Receptor[] SummedSpikes { get; } = [new("spikes", 0, ReceptorInput.SpikeSum), new("current", 0, ReceptorInput.Current)];
}
