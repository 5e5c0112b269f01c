namespace NeuroKernel.Models;

/// <summary>
/// One input of a node model (NEST's receptor types): a name, the port a connection addresses with
/// <c>receptor_type</c>, and the input buffer delivery adds its events to. Models declare their receptors; the kernel
/// derives from them which buffer a connection writes, and <c>GetDefaults</c> reports them as <c>receptor_types</c>.
/// </summary>
internal sealed record Receptor(string Name, int Port, ReceptorInput Input)
{
    /// <summary>True for receptors of spikes (not currents).</summary>
    public bool TakesSpikes => Input is ReceptorInput.Excitatory or ReceptorInput.Inhibitory or ReceptorInput.SpikeSum or ReceptorInput.SpikeCount;
}
