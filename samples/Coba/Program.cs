// The Vogels–Abbott COBA network (Brette et al. 2007, benchmark 1) on NeuroKernel: 4,000 iaf_cond_exp neurons integrated
// by RKF45 as NEST does, self-sustained activity from a random initial state. Reports build and simulation times,
// synapses, rates, peak memory and the real-time factor, and draws a raster of 200 neurons.
//
//   dotnet run -c Release --project samples/Coba [-- --threads 1 --simtime 1000 --seed 1 --out . --no-plot]

using System.Diagnostics;
using System.Globalization;
using NeuroKernel;
using NeuroKernel.Plotting;
using NeuroKernel.Samples;
using NeuroKernel.Samples.Coba;

int threads = 1, seed = 1;
double simTime = 1000.0;
string outDir = ".";
bool plot = true;
var c = CultureInfo.InvariantCulture;
for (int i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    try
    {
        switch (args[i])
        {
            case "--threads": threads = int.Parse(Value(), c); break;
            case "--seed": seed = int.Parse(Value(), c); break;
            case "--simtime": simTime = double.Parse(Value(), c); break;
            case "--out": outDir = Value(); break;
            case "--no-plot": plot = false; break;
            case "--help":
                Console.WriteLine("usage: Coba [--threads n (1)] [--simtime ms (1000)] [--seed s (1)] [--out DIR (.)] [--no-plot]");
                return 0;
            default: throw new ArgumentException($"unknown option {args[i]}");
        }
    }
    catch (FormatException)
    {
        Console.Error.WriteLine($"Coba: {args[i - 1]} takes a number, got '{args[i]}'");
        return 2;
    }
    catch (ArgumentException bad)
    {
        Console.Error.WriteLine($"Coba: {bad.Message}");
        return 2;
    }
}

if (threads < 1 || simTime <= 0.0 || !Directory.Exists(outDir))
{
    Console.Error.WriteLine("Coba: --threads must be at least 1, --simtime positive and --out an existing directory");
    return 2;
}

var clock = Stopwatch.StartNew();
using var net = CobaNetwork.Build(threads, seed);
double build = clock.Elapsed.TotalSeconds;
var sim = net.Simulator;
clock.Restart();
sim.Simulate(simTime);
double simulate = clock.Elapsed.TotalSeconds;
long synapses = sim.GetKernelStatus().Get<long>("num_connections");
double rateEx = sim.GetStatus(net.ExcitatorySpikes).Get<long>("n_events") / (simTime / 1000.0) / CobaNetwork.NumExcitatory;
double rateIn = sim.GetStatus(net.InhibitorySpikes).Get<long>("n_events") / (simTime / 1000.0) / (CobaNetwork.NumNeurons - CobaNetwork.NumExcitatory);
Console.WriteLine("COBA network (Vogels & Abbott 2005; iaf_cond_exp, RKF45)");
Console.WriteLine(string.Create(c, $"Number of neurons : {CobaNetwork.NumNeurons}"));
Console.WriteLine(string.Create(c, $"Number of synapses: {synapses} (devices included)"));
Console.WriteLine(string.Create(c, $"Threads           : {threads}"));
Console.WriteLine(string.Create(c, $"Excitatory rate   : {rateEx:F2} Hz"));
Console.WriteLine(string.Create(c, $"Inhibitory rate   : {rateIn:F2} Hz"));
Console.WriteLine(string.Create(c, $"Building time     : {build:F2} s"));
Console.WriteLine(string.Create(c, $"Simulation time   : {simulate:F2} s for {simTime:F0} ms (real-time factor {simulate / (simTime / 1000.0):F2})"));
Console.WriteLine(string.Create(c, $"Peak memory (RSS) : {ProcessMemory.PeakRssMegabytes():F0} MB"));
if (plot)
{
    string path = Path.Combine(outDir, "coba_raster.png");
    var (senders, times) = (sim.GetStatus(net.ExcitatorySpikes).Get<StatusDictionary>("events").Get<int[]>("senders"),
        sim.GetStatus(net.ExcitatorySpikes).Get<StatusDictionary>("events").Get<double[]>("times"));
    int first = net.Excitatory[0];
    var keep = Enumerable.Range(0, senders.Length).Where(k => senders[k] < first + 200).ToArray();
    RasterPlot.Save(path, [.. keep.Select(k => senders[k])], [.. keep.Select(k => times[k])],
        new RasterPlotOptions { Title = "COBA network: 200 excitatory neurons" });
    Console.WriteLine($"Raster            : {path}");
}

return 0;
