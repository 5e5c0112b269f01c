using BenchmarkDotNet.Attributes;

namespace NeuroKernel.Benchmarks;

/// <summary>
/// Building the seed network as the seed script does and times it ("Building time"): kernel status,
/// SetDefaults, Create, CopyModel, the device connections and 2·N <c>Connect(sources, target)</c> calls with
/// CE = 0.4·order and CI = 0.1·order sources each. The sources are drawn once in the setup, so the numbers
/// are the kernel's alone.
/// </summary>
/// <remarks>
/// <para><see cref="Build"/> stops where the seed's build time stops: connections are only collected
/// (runs of ids, about 4 bytes per synapse). <see cref="BuildAndPrepare"/> adds the preparation that the first
/// Simulate does (<c>Simulate(0)</c> prepares and steps nothing): counting sort into source-sorted rows, ring
/// buffers, propagators and per-target Poisson streams; the difference is the cost of Prepare.</para>
/// <para>The recorders keep their events in memory, so no file is opened.</para>
/// </remarks>
public class BrunelBuildBenchmark
{
    private BrunelOptions _options = null!;
    private BrunelSources _sources = null!;

    /// <summary>Network order: 250 (1,250 neurons, 157,600 synapses) or 1000 (5,000 neurons, 2,505,100 synapses).</summary>
    [Params(250, 1000)]
    public int Order { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _options = new BrunelOptions { Order = Order, Recorders = RecorderMode.Memory };
        _sources = BrunelSources.Draw(Order, _options.Seed);
    }

    [Benchmark]
    public Simulator Build() => BrunelNetwork.Build(_options, _sources).Simulator;

    [Benchmark]
    public Simulator BuildAndPrepare()
    {
        var sim = BrunelNetwork.Build(_options, _sources).Simulator;
        sim.Simulate(0.0);
        return sim;
    }
}
