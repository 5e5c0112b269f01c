namespace NeuroKernel.Models.Neurons;

/// <summary>
/// One step's input to a neuron block, as spans over the block's neurons: summed spike weights on the
/// excitatory and inhibitory channels (<see cref="Inh"/> is empty when the kernel keeps both in <see cref="Ex"/>),
/// the current for y0 (or y0 itself when no current generator exists), and the filtered current of iaf_psc_exp's
/// receptor 1 (empty when no current generator exists).
/// </summary>
internal readonly ref struct StepInput(ReadOnlySpan<double> ex, ReadOnlySpan<double> inh, ReadOnlySpan<double> current, ReadOnlySpan<double> filtered)
{
    public ReadOnlySpan<double> Ex { get; } = ex;

    public ReadOnlySpan<double> Inh { get; } = inh;

    public ReadOnlySpan<double> Current { get; } = current;

    public ReadOnlySpan<double> Filtered { get; } = filtered;
}
