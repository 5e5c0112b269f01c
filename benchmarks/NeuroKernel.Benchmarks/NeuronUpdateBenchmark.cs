using BenchmarkDotNet.Attributes;

namespace NeuroKernel.Benchmarks;

/// <summary>
/// The neuron update alone at the size of the order-2500 seed network: 12,500 neurons of each integrate-and-fire
/// model through one 15-step slice (187,500 neuron updates), in a network without connections. The memory
/// diagnoser must show 0 B per operation.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes through [GlobalCleanup] and needs an unsealed class.")]
public class NeuronUpdateBenchmark
{
    private const int Neurons = 12_500;
    private Simulator _sim = null!;

    /// <summary>The neuron model.</summary>
    [Params("iaf_psc_alpha", "iaf_psc_exp", "iaf_psc_delta")]
    public string Model { get; set; } = "iaf_psc_alpha";

    [GlobalSetup]
    public void Setup()
    {
        _sim = new Simulator();
        _sim.SetDefaults(Model, new() { ["I_e"] = 370.0 });
        var neurons = _sim.Create(Model, Neurons);
        var recorder = _sim.Create("spike_recorder");
        _sim.Connect(neurons[..1], recorder, syn: new StatusDictionary { ["delay"] = 1.5 });  // min_delay = 15 steps
        _sim.Simulate(1.5);
    }

    /// <summary>12,500 neurons through one slice of 15 steps.</summary>
    [Benchmark]
    public void NeuronUpdateSlice() => _sim.Simulate(1.5);

    [GlobalCleanup]
    public void Cleanup() => _sim.Dispose();
}
