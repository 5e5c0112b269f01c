using BenchmarkDotNet.Attributes;

namespace NeuroKernel.Benchmarks;

/// <summary>
/// Plastic delivery: 10 ms per operation of 1,000 Poisson-driven parrot neurons connected to 1,000 iaf_psc_alpha
/// neurons (fixed in-degree 100, 100,000 plastic connections) with each of NEST's plastic synapse models. STDP models
/// read the targets' spike archive and trace; tsodyks models keep per-connection state; quantal_stp_synapse draws from
/// each connection's stream; stdp_dopamine_synapse is also updated by its volume transmitter every min_delay. The setup simulates 5 s first:
/// the archive's histories and the spike lists grow (by doubling) until they hold what the network needs, then the
/// Allocated column must read "-" (0 B/op). After only 1 s the stdp_synapse network, whose weights grow and whose targets
/// fire ever faster, still allocated about 2.4 kB per 10 ms of that growth.
/// </summary>
public class PlasticDeliveryBenchmark : IDisposable
{
    private Simulator _sim = null!;

    /// <summary>The plastic synapse model.</summary>
    [Params("stdp_synapse", "stdp_pl_synapse_hom", "tsodyks2_synapse", "quantal_stp_synapse", "stdp_dopamine_synapse")]
    public string Model { get; set; } = "stdp_synapse";

    [GlobalSetup]
    public void Setup()
    {
        _sim = new Simulator();
        _sim.SetKernelStatus(new() { ["rng_seed"] = 11L });
        var noise = _sim.Create("poisson_generator", 1, new() { ["rate"] = 20.0 });
        var pre = _sim.Create("parrot_neuron", 1000);
        var post = _sim.Create("iaf_psc_alpha", 1000, new() { ["I_e"] = 360.0 });
        _sim.Connect(noise, pre);
        string model = Model;
        if (Model == "stdp_dopamine_synapse")
        {
            // 20 dopaminergic parrots into a volume transmitter, which triggers every connection every min_delay.
            var transmitter = _sim.Create("volume_transmitter");
            var dopamine = _sim.Create("parrot_neuron", 20);
            _sim.Connect(noise, dopamine);
            _sim.Connect(dopamine, transmitter);
            _sim.CopyModel(Model, "dopamine", new() { ["volume_transmitter"] = transmitter, ["Wmax"] = 10.0 });
            model = "dopamine";
        }

        _sim.Connect(pre, post, new StatusDictionary { ["rule"] = "fixed_indegree", ["indegree"] = 100L },
            new StatusDictionary { ["synapse_model"] = model, ["weight"] = 5.0, ["delay"] = 1.5 });
        _sim.Simulate(5000.0);   // prepare, and let the histories and spike lists grow to their size
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
