using System.Globalization;
using BenchmarkDotNet.Attributes;

namespace NeuroKernel.Benchmarks;

/// <summary>
/// 100 ms of the seed network at order 250 (1,250 neurons, 157,600 synapses, about 55 Hz) per operation.
/// The network is built and prepared once; each operation continues where the last one stopped, so the
/// measurement is the steady state of the step loop: neuron updates, Poisson input, spike delivery and,
/// depending on <see cref="Recorders"/>, recording.
/// </summary>
/// <remarks>
/// Allocated per operation is what one <c>Simulate(100)</c> call allocates. Without recorders it is the step
/// loop's own allocation. The recorders of both other modes keep their events in memory (the .gdf mode also
/// writes them to files, as the seed does), in lists that grow by doubling: whether the one iteration that
/// the memory diagnoser measures contains a doubling is a matter of luck, so their Allocated column is
/// either "-" or one list growth divided by the operations of that iteration. (The diagnoser counts the
/// whole process, so a few bytes per operation from the runtime or the harness can show up in any row.)
/// </remarks>
public class BrunelSimulateBenchmark
{
    private const int Order = 250;
    private BrunelNetwork _network = null!;
    private DirectoryInfo? _dataPath;

    [Params(RecorderMode.None, RecorderMode.Memory, RecorderMode.Gdf)]
    public RecorderMode Recorders { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _dataPath = Directory.CreateTempSubdirectory("neurokernel-bench-");
        _network = BrunelNetwork.Build(new BrunelOptions { Order = Order, Recorders = Recorders, DataPath = _dataPath.FullName });
        _network.CheckSynapseCount();
        _network.Simulator.Simulate(BrunelNetwork.Resolution);   // prepare outside the measurement
    }

    [Benchmark]
    public void Simulate100ms() => _network.Simulator.Simulate(100.0);

    [GlobalCleanup]
    public void Cleanup()
    {
        // A sanity line in the log: how far the state advanced and, with recorders, the rates (NEST: about 55.7 Hz).
        string rates = Recorders == RecorderMode.None
            ? ""
            : string.Create(CultureInfo.InvariantCulture,
                $", rate ex {_network.RecordedRate(_network.ExcitatorySpikes):F2} Hz, rate in {_network.RecordedRate(_network.InhibitorySpikes):F2} Hz");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// Brunel order {Order}, recorders {Recorders}: simulated {_network.Simulator.GetKernelStatus<double>("biological_time"):F1} ms{rates}"));
        _network.Dispose();
        _dataPath?.Delete(recursive: true);
    }
}
