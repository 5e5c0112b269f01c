namespace NeuroKernel.Models.Neurons;

/// <summary>
/// A model's equations, written once: the state of a group of neurons (one lane or eight, held in registers while it
/// steps) and the step in NEST's statement order. <see cref="NeuronBlock{TParameters, TPropagators}"/> drives every path
/// with it — the scalar step, the vectorized step lag by lag, and the whole-slice step with the state in registers
/// across the lags — so a model has no other copy of its equations.
/// </summary>
/// <typeparam name="TSelf">The group (a struct: its fields are the state of the lanes).</typeparam>
/// <typeparam name="T">The lanes' values.</typeparam>
/// <typeparam name="TMask">Which lanes a comparison holds for.</typeparam>
/// <typeparam name="TConstants">The propagators as values of <typeparamref name="T"/>.</typeparam>
/// <typeparam name="TArrays">
/// References to the block's state arrays (a ref struct of <c>ref double</c> fields: the drivers' code is compiled per model,
/// inlines the group's methods and keeps the references in registers without a null check per load).
/// </typeparam>
internal interface INeuronGroup<TSelf, T, TMask, TConstants, TArrays>
    where TSelf : struct, INeuronGroup<TSelf, T, TMask, TConstants, TArrays>
    where T : struct, ILane<T, TMask>
    where TArrays : struct, allows ref struct
{
    /// <summary>True when the model reads only the sum of its spike input (iaf_psc_delta): the step then gets it as <c>ex</c>.</summary>
    static abstract bool SumsSpikes { get; }

    /// <summary>The state of neurons <paramref name="k"/> … and what drives them through a step (y0 + I_e, …).</summary>
    static abstract TSelf Load(in TArrays arrays, nuint k, in TConstants c);

    /// <summary>Writes the state back.</summary>
    void Store(in TArrays arrays, nuint k);

    /// <summary>
    /// After a step of the lag-by-lag path, the input current for the next step (NEST's <c>y0 = currents.get_value</c>):
    /// <paramref name="current"/> and <paramref name="filtered"/> point at the neurons' cells of the current channels (or,
    /// without current generators, at y0 itself and nothing).
    /// </summary>
    static abstract void TakeCurrents(in TArrays arrays, nuint k, ref double current, ref double filtered, bool hasFiltered);

    /// <summary>One step; <paramref name="ex"/> and <paramref name="inh"/> are this step's spike input. Returns the lanes that fired.</summary>
    TMask Step(in TConstants c, T ex, T inh);
}
