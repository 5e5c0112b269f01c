using System.Globalization;
using BenchmarkDotNet.Attributes;

namespace NeuroKernel.Benchmarks;

/// <summary>
/// The seed network in the two windows the performance brief asks for: a short window of the full-size
/// network (10 ms of order 2500: 12,500 neurons, 15.6 M synapses, about 4.5 M synaptic events per operation)
/// and a full window of a smaller one (1000 ms of order 250). Each network is built and prepared once, with
/// the seed's in-memory spike recorders; each operation continues where the last one stopped.
/// </summary>
/// <remarks>
/// One operation of <see cref="Order2500Simulate10ms"/> is 1/100 of the 1 s run that the scaling program times,
/// so 100 × its mean is comparable with the scaling table's "simulate s" at one thread. Allocated is what
/// one call allocates (the recorders' lists grow by doubling now and then; see <see cref="BrunelSimulateBenchmark"/>).
/// </remarks>
public class BrunelWindowBenchmark : IDisposable
{
    private BrunelNetwork? _network;

    /// <summary>Builds and prepares the order-2500 network.</summary>
    [GlobalSetup(Target = nameof(Order2500Simulate10ms))]
    public void SetupLarge() => _network = Prepared(2500);

    /// <summary>Builds and prepares the order-250 network.</summary>
    [GlobalSetup(Target = nameof(Order250Simulate1000ms))]
    public void SetupSmall() => _network = Prepared(250);

    /// <summary>10 ms of the order-2500 network.</summary>
    [Benchmark]
    public void Order2500Simulate10ms() => _network!.Simulator.Simulate(10.0);

    /// <summary>1000 ms of the order-250 network.</summary>
    [Benchmark]
    public void Order250Simulate1000ms() => _network!.Simulator.Simulate(1000.0);

    /// <summary>Prints how far the network advanced and its rates, then disposes it.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        if (_network is { } net)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"// Brunel order {net.Order}: simulated {net.Simulator.GetKernelStatus<double>("biological_time"):F1} ms, rate ex {net.RecordedRate(net.ExcitatorySpikes):F2} Hz, rate in {net.RecordedRate(net.InhibitorySpikes):F2} Hz"));
        }

        Dispose();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _network?.Dispose();
        _network = null;
        GC.SuppressFinalize(this);
    }

    private static BrunelNetwork Prepared(int order)
    {
        var network = BrunelNetwork.Build(new BrunelOptions { Order = order, Recorders = RecorderMode.Memory });
        network.CheckSynapseCount();
        network.Simulator.Simulate(BrunelNetwork.Resolution);   // prepare outside the measurement
        return network;
    }
}
