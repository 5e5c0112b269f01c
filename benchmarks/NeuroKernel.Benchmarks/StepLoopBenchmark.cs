using BenchmarkDotNet.Attributes;

namespace NeuroKernel.Benchmarks;

/// <summary>
/// Exactly one slice of the step loop per operation: min_delay = 1.5 ms = 15 steps of the order-250 seed
/// network (update of 1,250 neurons per step, then delivery of the slice's spikes and Poisson input); and one
/// step per <c>Simulate</c> call, as a closed loop in PyNEST calls <c>nest.Simulate(dt)</c>, also after a
/// <c>SetStatus</c>. With one thread and with two. Nothing in the loop may allocate, so the Allocated column must
/// read "-" (0 B/op) except for the SetStatus itself.
/// </summary>
/// <remarks>
/// The setup prepares the network with <c>Simulate(0.1)</c> and then advances to the next slice boundary,
/// so every <c>Simulate(1.5)</c> is one whole slice, never two partial ones. No recorders are connected: this
/// measures the kernel's loop alone (<see cref="BrunelSimulateBenchmark"/> covers recorders).
/// </remarks>
public class StepLoopBenchmark
{
    private const int Order = 250;
    private BrunelNetwork _network = null!;
    private double _stimulus;

    /// <summary>The kernel's <c>local_num_threads</c>.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _network = BrunelNetwork.Build(new BrunelOptions { Order = Order, Threads = Threads });
        _network.CheckSynapseCount();
        var sim = _network.Simulator;
        sim.Simulate(BrunelNetwork.Resolution);   // prepare outside the measurement

        // Advance to a multiple of min_delay (the kernel's slices start at multiples of it).
        long sliceSteps = (long)Math.Round(sim.GetKernelStatus<double>("min_delay") / BrunelNetwork.Resolution);
        long step = (long)Math.Round(sim.GetKernelStatus<double>("biological_time") / BrunelNetwork.Resolution);
        if (sliceSteps != (long)Math.Round(BrunelNetwork.Delay / BrunelNetwork.Resolution))
        {
            throw new InvalidOperationException($"min_delay is {sliceSteps} steps; expected the synaptic delay {BrunelNetwork.Delay} ms.");
        }

        long toBoundary = (sliceSteps - step % sliceSteps) % sliceSteps;
        sim.Simulate(toBoundary * BrunelNetwork.Resolution);
    }

    [Benchmark]
    public void OneSlice() => _network.Simulator.Simulate(BrunelNetwork.Delay);

    /// <summary>
    /// One step per call (0.1 ms). With two threads this measures handing a run to the kept worker thread; it
    /// used to start a thread per call (about 0.2 ms and 430 B per call).
    /// </summary>
    [Benchmark]
    public void OneStepPerCall() => _network.Simulator.Simulate(BrunelNetwork.Resolution);

    /// <summary>
    /// A closed-loop stimulation step: change one neuron's I_e, then simulate one step. Only the blocks are
    /// prepared again; rebuilding the units and the delivery after every SetStatus used to cost far more than the step.
    /// </summary>
    [Benchmark]
    public void SetStatusThenOneStep()
    {
        _stimulus = _stimulus == 0.0 ? 10.0 : 0.0;
        _network.Simulator.SetStatus(_network.Excitatory[0], new StatusDictionary { ["I_e"] = _stimulus });
        _network.Simulator.Simulate(BrunelNetwork.Resolution);
    }

    [GlobalCleanup]
    public void Cleanup() => _network.Dispose();
}
