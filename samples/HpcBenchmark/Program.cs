// NEST's HPC benchmark (hpc_benchmark.py) on NeuroKernel: builds the network of HpcNetwork.cs, presimulates 50 ms,
// simulates 250 ms and reports what NEST's script logs (build times, presimulation and simulation time, the average
// rate), with the number of connections, the peak memory and the synaptic events per second.
//
//   dotnet run -c Release --project samples/HpcBenchmark [-- --scale 1 --threads 1 --simtime 250 --presim 50 --seed 143202461]
//
// Below scale 1 the network is not the benchmark (the in-degrees stay 11,250 and it fires at hundreds of Hz).

using System.Diagnostics;
using System.Globalization;
using NeuroKernel.Samples.Hpc;

double scale = 1.0, simtime = 250.0, presim = 50.0;
int threads = 1, seed = HpcNetwork.DefaultSeed;
try
{
    for (int i = 0; i < args.Length; i++)
    {
        string name = args[i];
        if (name is "--help" or "-h")
        {
            Console.WriteLine("usage: HpcBenchmark [--scale s (1)] [--threads n (1)] [--simtime ms (250)] [--presim ms (50)] [--seed k (143202461, NEST's default rng_seed)]");
            return 0;
        }

        if (i + 1 >= args.Length)
        {
            throw new ArgumentException($"{name} needs a value");
        }

        string value = args[++i];
        double number = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v
            : throw new ArgumentException($"{name}: '{value}' is not a number");
        switch (name)
        {
            case "--scale" when number > 0 && number <= 1000:
                scale = number;
                break;
            case "--threads" when number >= 1 && number <= 1024 && number == Math.Floor(number):
                threads = (int)number;
                break;
            case "--simtime" when number > 0:
                simtime = number;
                break;
            case "--presim" when number >= 0:
                presim = number;
                break;
            case "--seed" when number >= 1 && number <= int.MaxValue && number == Math.Floor(number):
                seed = (int)number;
                break;
            default:
                throw new ArgumentException($"{name} {value}: unknown option or value out of range (see --help)");
        }
    }
}
catch (ArgumentException bad)
{
    Console.Error.WriteLine($"HpcBenchmark: {bad.Message}");
    return 2;
}

var clock = Stopwatch.StartNew();
using var net = HpcNetwork.Build(scale, threads, seed);
var sim = net.Simulator;
double build = clock.Elapsed.TotalSeconds;
clock.Restart();
sim.Simulate(presim);
double presimSeconds = clock.Elapsed.TotalSeconds;
clock.Restart();
sim.Simulate(simtime);
double simSeconds = clock.Elapsed.TotalSeconds;
long connections = sim.GetKernelStatus().Get<long>("num_connections");
var (nestRate, rate) = net.RecordedRates(presim, simtime);
double peakMb = NeuroKernel.Samples.ProcessMemory.PeakRssMegabytes();

var c = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(c, $"HPC benchmark, scale {scale}: {net.Excitatory.Count + net.Inhibitory.Count} neurons, {threads} thread(s)"));
Console.WriteLine(string.Create(c, $"Number of connections : {connections}"));
Console.WriteLine(string.Create(c, $"Building time (nodes) : {net.NodesSeconds:F2} s"));
Console.WriteLine(string.Create(c, $"Building time (edges) : {net.ConnectSeconds:F2} s"));
Console.WriteLine(string.Create(c, $"Presimulation ({presim} ms) : {presimSeconds:F2} s (includes preparing the network)"));
Console.WriteLine(string.Create(c, $"Simulation ({simtime} ms) : {simSeconds:F2} s ({simSeconds / simtime * 1000.0:F2} s per model second)"));
Console.WriteLine(string.Create(c, $"Average rate          : {nestRate:F2} Hz (NEST's compute_rate: all recorded spikes / (Nrec · simtime))"));
Console.WriteLine(string.Create(c, $"Rate after presim     : {rate:F2} Hz (the {HpcNetwork.NRec} recorded excitatory neurons)"));
Console.WriteLine(string.Create(c, $"Excitatory weight     : {HpcNetwork.ExcitatoryWeight:F6} pA; Poisson rate {HpcNetwork.ExternalRate(HpcNetwork.NEAtScale1):F3} Hz"));
Console.WriteLine(string.Create(c, $"Peak memory (RSS)     : {peakMb:F0} MB"));
Console.WriteLine(string.Create(c, $"Total time            : {build + presimSeconds + simSeconds:F2} s"));
return 0;
