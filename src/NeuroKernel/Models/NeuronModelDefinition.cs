namespace NeuroKernel.Models;

/// <summary>
/// A neuron model written in C# outside the library (NEST needs NESTML and a compiled module for this): its parameters
/// and state variables with their defaults, how it takes spikes, and its update of one time step. Register it with
/// <see cref="Simulator.RegisterNeuronModel"/>; <c>Create</c>, <c>SetDefaults</c>, <c>GetDefaults</c>, <c>CopyModel</c>,
/// <c>SetStatus</c>, <c>GetStatus</c>, <c>Connect</c> (spikes and currents), <c>Simulate</c>, spike recorders and
/// multimeters then work with it as with a built-in model.
/// </summary>
/// <remarks>
/// <para>The kernel keeps every parameter and state variable per neuron (struct of arrays) and calls <see cref="Update"/>
/// once per time step for a contiguous range of neurons, with spans over those arrays and over the step's input. With
/// several threads, ranges of one population are updated on different threads at the same time, so
/// <see cref="Update"/> must only touch the neurons it is given. It must not allocate, to keep the step loop free of
/// allocations.</para>
/// <para>Timing is NEST's: the step covers (t, t + h] with t = <see cref="NeuronStep.Step"/>·h; the spike input is the
/// summed weights of the spikes that arrive in this step (pA for current-based models, or whatever the model takes them
/// as); a neuron that fires in the step is stamped t + h.</para>
/// </remarks>
public abstract class NeuronModelDefinition
{
    /// <summary>A model named <paramref name="name"/>.</summary>
    /// <param name="name">The model's name for <c>Create</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    protected NeuronModelDefinition(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The model's name.</summary>
    public string Name { get; }

    /// <summary>The parameters (NEST's keys and units) with their defaults, in the order <see cref="NeuronStep.Parameter"/> indexes them.</summary>
    public abstract IReadOnlyList<ModelVariable> Parameters { get; }

    /// <summary>
    /// The state variables with their initial values, in the order <see cref="NeuronStep.State"/> indexes them. All are
    /// recordable by multimeters and settable with <c>SetStatus</c>.
    /// </summary>
    public abstract IReadOnlyList<ModelVariable> State { get; }

    /// <summary>How the model takes spikes: excitatory and inhibitory apart (by the sign of the weight) or summed.</summary>
    public virtual SpikeInput SpikeInput => SpikeInput.BySign;

    /// <summary>
    /// Checks one neuron's parameters, in the order of <see cref="Parameters"/>: throw a <see cref="BadPropertyException"/>
    /// that names the key and the value (NEST's wording, e.g. "Capacitance must be strictly positive."). Called before
    /// <c>Create</c>, <c>SetStatus</c>, <c>SetDefaults</c> or <c>CopyModel</c> changes anything; nothing by default.
    /// </summary>
    /// <param name="parameters">The values.</param>
    /// <exception cref="BadPropertyException">A value is invalid.</exception>
    public virtual void Validate(ReadOnlySpan<double> parameters) { }

    /// <summary>Advances the neurons of <paramref name="neurons"/> by one time step and reports those that fire.</summary>
    /// <param name="neurons">The neurons' parameters, state and input of this step.</param>
    public abstract void Update(in NeuronStep neurons);
}
