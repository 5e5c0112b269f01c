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

    /// <summary>
    /// How many of the state vector's first components status reports and sets (the rest, e.g. hh_psc_alpha's synaptic
    /// currents, only multimeters read, as in NEST); −1 for all.
    /// </summary>
    static virtual int ReportedState => -1;

    /// <summary>What a multimeter may record (NEST's order): state components and <c>t_ref_remaining</c> (ms).</summary>
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
    /// Advances one neuron by one time step of <paramref name="resolution"/> ms in NEST's order: integration,
    /// refractoriness and threshold, and the step's spikes (<paramref name="excitatory"/>: the sum of the positive weights,
    /// <paramref name="inhibitory"/>: that of the negative ones, ≤ 0, as the ring buffers hold them; for a model that sums
    /// its spikes, all of them in <paramref name="excitatory"/>) where NEST adds them. Returns how often the neuron fired
    /// (adaptive models without refractory time may fire more than once in a step). The step's input current becomes
    /// <see cref="OdeNeuronState.Stimulus"/> afterwards.
    /// </summary>
    static abstract int Update(ReadOnlySpan<double> p, ReadOnlySpan<double> derived, Span<double> y, ref OdeNeuronState s, double resolution,
        double excitatory, double inhibitory, Span<double> scratch);

    /// <summary>
    /// A state component as status shows it (default: as stored). Models that keep their state relative to E_L (NEST's
    /// mat2_psc_exp) report it absolute; status changes convert back with the new parameters, so that a new E_L leaves the
    /// absolute values as they were, as in NEST.
    /// </summary>
    static virtual double StateToStatus(ReadOnlySpan<double> p, int component, double value) => value;

    /// <summary>The inverse of <see cref="StateToStatus"/>.</summary>
    static virtual double StatusToState(ReadOnlySpan<double> p, int component, double value) => value;

    /// <summary>Values status shows besides parameters and state, read through <see cref="TryRecord"/> (mat2_psc_exp's V_th).</summary>
    static virtual string[] StatusExtras => [];

    /// <summary>A recordable that is not a state component (e.g. mat2_psc_exp's V_th); false for none.</summary>
    static virtual bool TryRecord(string name, ReadOnlySpan<double> p, ReadOnlySpan<double> y, out double value)
    {
        value = 0.0;
        return false;
    }

    /// <summary>The parameters that are flags (true/false in status, 1/0 in the parameter span).</summary>
    static virtual string[] Flags => [];

    /// <summary>Whether the model takes the sum of its spikes' weights in one input (izhikevich) instead of two by sign.</summary>
    static virtual bool SumsSpikes => false;

    /// <summary>Whether the model can advance four neurons at once (<see cref="UpdateLanes"/>), bit for bit as <see cref="Update"/> would one by one.</summary>
    static virtual bool HasLanes => false;

    /// <summary>
    /// <see cref="Update"/> for four consecutive neurons (their rows of parameters, constants and state side by side), with
    /// the lane-parallel integrator (<see cref="Numerics.Rkf45Lanes"/>): the same results as four calls of Update.
    /// </summary>
    static virtual void UpdateLanes(ReadOnlySpan<double> p, ReadOnlySpan<double> derived, Span<double> y, Span<OdeNeuronState> s, double resolution,
        ReadOnlySpan<double> excitatory, ReadOnlySpan<double> inhibitory, Span<int> fired, Span<System.Runtime.Intrinsics.Vector256<double>> scratch) =>
        throw new NotSupportedException("The model has no lane-parallel update.");
}

/// <summary>A model's right-hand side for one neuron and step: made from its parameters, whether it is refractory and its stimulus current.</summary>
internal interface IOdeDynamics<TSelf> : Numerics.IOdeSystem
    where TSelf : struct, IOdeDynamics<TSelf>
{
    /// <summary>The system of a neuron with parameters <paramref name="p"/> (refractory or not, stimulus in pA).</summary>
    static abstract TSelf Create(ReadOnlySpan<double> p, bool refractory, double stimulus);
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
