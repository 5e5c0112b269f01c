using NeuroKernel.Synapses;

namespace NeuroKernel.Kernel;

/// <summary>What a block may read while it prepares for a run.</summary>
internal sealed class PrepareContext
{
    public required TimeGrid Grid { get; init; }

    /// <summary>Length of a slice in steps (min_delay).</summary>
    public required int SliceSteps { get; init; }

    public required ulong Seed { get; init; }

    public required KernelSettings Settings { get; init; }

    /// <summary>The finalized connections (for per-target state such as random streams).</summary>
    public required ConnectionStore Connections { get; init; }

    /// <summary>
    /// Whether neuron blocks take groups of neurons through a whole slice with their state in registers
    /// (<c>NeuronBlock.StepSlice</c>) instead of lag by lag; the results are the same bit for bit.
    /// </summary>
    public bool WholeSliceUpdate { get; init; }

    /// <summary>Current time step (the first step the run will compute).</summary>
    public required long Step { get; init; }
}
