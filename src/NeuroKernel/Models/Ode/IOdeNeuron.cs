using NeuroKernel.Kernel;

namespace NeuroKernel.Models.Ode;

/// <summary>
/// A neuron model whose state NEST integrates with GSL's adaptive RKF45 (<see cref="Numerics.Rkf45"/>): its NEST name,
/// parameters, state vector and recordables, its checks, and one neuron's update of one time step. The kernel's
/// <see cref="OdeNeuronModel{TNeuron}"/> and <see cref="OdeNeuronBlock{TNeuron}"/> do the rest (status, storage, input
/// buffers, multimeters, spikes) for every such model.
/// </summary>
/// <remarks>
/// Parameters and the state vector are read as spans in the order of <see cref="Parameters"/> and
/// <see cref="StateNames"/>; a model names its indices as constants. Everything a neuron keeps besides them (the
/// refractory count, the step size, the stimulus current) is in <see cref="OdeNeuronState"/>.
/// </remarks>
internal interface IOdeNeuron
{
    /// <summary>NEST's model name.</summary>
    static abstract string Name { get; }

    /// <summary>The parameters with NEST's keys and defaults (units in each model's docs).</summary>
    static abstract ModelVariable[] Parameters { get; }

    /// <summary>The state vector's keys, in the order of its components (all readable and settable by status).</summary>
    static abstract string[] StateNames { get; }

    /// <summary>What a multimeter may record: state components and <c>t_ref_remaining</c> (ms).</summary>
    static abstract string[] Recordables { get; }

    /// <summary>How many constants <see cref="Prepare"/> derives per neuron.</summary>
    static abstract int DerivedCount { get; }

    /// <summary>The state of a new neuron with parameters <paramref name="p"/> (e.g. V_m = E_L, conductances 0).</summary>
    static abstract void InitialState(ReadOnlySpan<double> p, Span<double> y);

    /// <summary>Throws NEST's <see cref="BadPropertyException"/> (key and value) for invalid parameters.</summary>
    static abstract void Validate(ReadOnlySpan<double> p);

    /// <summary>Throws NEST's <see cref="BadPropertyException"/> for an invalid state (e.g. a negative conductance).</summary>
    static abstract void ValidateState(ReadOnlySpan<double> y);

    /// <summary>The step size of a neuron's first integration step (NEST's initial <c>IntegrationStep_</c>, ms).</summary>
    static abstract double InitialStep(double resolution);

    /// <summary>The constants of one neuron for a run on <paramref name="grid"/> (NEST's pre_run_hook).</summary>
    static abstract void Prepare(ReadOnlySpan<double> p, TimeGrid grid, Span<double> derived);

    /// <summary>
    /// Advances one neuron by one time step of <paramref name="resolution"/> ms: integrates, then refractoriness and the
    /// threshold; returns whether it fired. The spikes of the step are added afterwards by <see cref="Receive"/>.
    /// </summary>
    static abstract bool Update(ReadOnlySpan<double> p, ReadOnlySpan<double> derived, Span<double> y, ref OdeNeuronState s, double resolution, Span<double> scratch);

    /// <summary>
    /// Adds the step's spike input: <paramref name="excitatory"/> is the sum of the positive weights, <paramref name="inhibitory"/>
    /// that of the negative ones (≤ 0), as the ring buffers hold them.
    /// </summary>
    static abstract void Receive(ReadOnlySpan<double> derived, Span<double> y, double excitatory, double inhibitory);
}

/// <summary>What a neuron keeps besides its parameters and state vector.</summary>
internal struct OdeNeuronState
{
    /// <summary>Refractory steps left.</summary>
    public int Refractory;

    /// <summary>The integrator's step size, kept from one time step to the next (ms).</summary>
    public double Step;

    /// <summary>The stimulus current of the step (pA): what arrived in the previous step, as in NEST.</summary>
    public double Stimulus;
}
