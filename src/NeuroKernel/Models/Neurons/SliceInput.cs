namespace NeuroKernel.Models.Neurons;

/// <summary>
/// The ring-buffer cells that one pass of a neuron block's whole-slice update reads: for lag <c>j</c> of the pass,
/// neuron <c>i</c>'s cells lie at <c>Slots[j] + i</c> in each array. <see cref="Inh"/> is the same array as
/// <see cref="Ex"/> when the kernel keeps both signs in one buffer. The whole-slice update runs only without current
/// generators, so it reads no current channel. It clears every cell it reads, so that the slot is ready for its next step.
/// </summary>
internal readonly ref struct SliceInput(double[] ex, double[] inh, ReadOnlySpan<int> slots)
{
    /// <summary>Summed excitatory spike weights (pA, or mV for voltage-jump models).</summary>
    public double[] Ex { get; } = ex;

    /// <summary>Summed inhibitory spike weights, or <see cref="Ex"/> itself when the channels are shared.</summary>
    public double[] Inh { get; } = inh;

    /// <summary>Offset of each lag's cells (slot base plus the block's receiver offset), one per lag of the pass.</summary>
    public ReadOnlySpan<int> Slots { get; } = slots;
}
