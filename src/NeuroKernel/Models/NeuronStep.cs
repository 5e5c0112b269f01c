namespace NeuroKernel.Models;

/// <summary>
/// One time step of a range of neurons of a <see cref="NeuronModelDefinition"/>: spans over their parameters, state and
/// input, index 0 being the range's first neuron, and <see cref="Spike"/> to report a neuron that fires.
/// </summary>
public readonly ref struct NeuronStep
{
    private readonly double[][] _parameters;
    private readonly double[][] _state;
    private readonly Span<bool> _fired;
    private readonly int _start;

    internal NeuronStep(double[][] parameters, double[][] state, int start, int count, double resolution, long step,
        ReadOnlySpan<double> excitatory, ReadOnlySpan<double> inhibitory, ReadOnlySpan<double> current, Span<bool> fired)
    {
        _parameters = parameters;
        _state = state;
        _start = start;
        Count = count;
        Resolution = resolution;
        Step = step;
        Excitatory = excitatory;
        Inhibitory = inhibitory;
        Current = current;
        _fired = fired;
    }

    /// <summary>Number of neurons in the range.</summary>
    public int Count { get; }

    /// <summary>The time step h (ms).</summary>
    public double Resolution { get; }

    /// <summary>The step's index: it covers (Step·h, (Step + 1)·h], and a spike in it is stamped (Step + 1)·h.</summary>
    public long Step { get; }

    /// <summary>The summed weights of the spikes that arrive in this step: of weight &gt; 0, or all with <see cref="SpikeInput.Summed"/>.</summary>
    public ReadOnlySpan<double> Excitatory { get; }

    /// <summary>The summed weights (≤ 0) of the inhibitory spikes that arrive in this step; empty with <see cref="SpikeInput.Summed"/>.</summary>
    public ReadOnlySpan<double> Inhibitory { get; }

    /// <summary>
    /// The current from current generators that arrives for this step (pA). NEST's models apply it from the next step on
    /// (y0); a model that wants that keeps it in a state variable.
    /// </summary>
    public ReadOnlySpan<double> Current { get; }

    /// <summary>The values of parameter <paramref name="index"/> (the order of <see cref="NeuronModelDefinition.Parameters"/>).</summary>
    /// <param name="index">The parameter's index.</param>
    /// <returns>One value per neuron of the range.</returns>
    /// <exception cref="IndexOutOfRangeException"><paramref name="index"/> is not a parameter's.</exception>
    public ReadOnlySpan<double> Parameter(int index) => _parameters[index].AsSpan(_start, Count);

    /// <summary>The values of state variable <paramref name="index"/> (the order of <see cref="NeuronModelDefinition.State"/>), to read and write.</summary>
    /// <param name="index">The variable's index.</param>
    /// <returns>One value per neuron of the range.</returns>
    /// <exception cref="IndexOutOfRangeException"><paramref name="index"/> is not a state variable's.</exception>
    public Span<double> State(int index) => _state[index].AsSpan(_start, Count);

    /// <summary>
    /// Reports that neuron <paramref name="neuron"/> of the range fires in this step. The kernel hands the step's spikes on
    /// in ascending order whatever the order of the calls, so results do not depend on the number of threads.
    /// </summary>
    /// <param name="neuron">The neuron's index in the range.</param>
    /// <exception cref="IndexOutOfRangeException"><paramref name="neuron"/> is outside the range.</exception>
    public void Spike(int neuron) => _fired[neuron] = true;
}
