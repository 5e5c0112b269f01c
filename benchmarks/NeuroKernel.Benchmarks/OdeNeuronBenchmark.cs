using BenchmarkDotNet.Attributes;

namespace NeuroKernel.Benchmarks;

/// <summary>
/// The RKF45-integrated models and the new stimulation devices: 10 ms per operation of 1,000 neurons of each model
/// driven by an excitatory and an inhibitory Poisson generator, a noise_generator and a step_current_generator, after
/// 2 s of setup (the spike lists grow to their size). Divide 10⁵ neuron-steps by the mean for neuron-steps per second; the Allocated column must read "-".
/// </summary>
public class OdeNeuronBenchmark : IDisposable
{
    private static readonly double[] StepTimes = [50.0];
    private static readonly double[] StepAmplitudes = [20.0];
    private Simulator _sim = null!;

    /// <summary>The neuron model.</summary>
    [Params("iaf_cond_exp", "iaf_cond_alpha", "aeif_cond_alpha", "hh_psc_alpha", "izhikevich")]
    public string Model { get; set; } = "iaf_cond_exp";

    [GlobalSetup]
    public void Setup()
    {
        _sim = new Simulator();
        _sim.SetKernelStatus(new() { ["rng_seed"] = 3L });
        var neurons = _sim.Create(Model, 1000);
        bool currents = Model is "hh_psc_alpha" or "izhikevich";
        var excitatory = _sim.Create("poisson_generator", 1, new() { ["rate"] = 8000.0 });
        var inhibitory = _sim.Create("poisson_generator", 1, new() { ["rate"] = 2000.0 });
        var noise = _sim.Create("noise_generator", 1, new() { ["mean"] = 50.0, ["std"] = 50.0 });
        var steps = _sim.Create("step_current_generator", 1, new() { ["amplitude_times"] = StepTimes, ["amplitude_values"] = StepAmplitudes });
        _sim.Connect(excitatory, neurons, syn: new SynSpec("static_synapse", Model == "izhikevich" ? 0.5 : currents ? 40.0 : 1.0, 1.0));
        _sim.Connect(inhibitory, neurons, syn: new SynSpec("static_synapse", Model == "izhikevich" ? -0.5 : currents ? -40.0 : -1.0, 1.0));
        _sim.Connect(noise, neurons, syn: new SynSpec("static_synapse", Model == "izhikevich" ? 0.01 : 1.0, 1.0));
        _sim.Connect(steps, neurons, syn: new SynSpec("static_synapse", Model == "izhikevich" ? 0.01 : 1.0, 1.0));
        _sim.Simulate(2000.0);   // let the spike lists grow to what the network needs
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _sim?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public void Simulate10ms() => _sim.Simulate(10.0);
}
