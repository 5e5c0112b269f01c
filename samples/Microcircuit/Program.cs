// The cortical microcircuit of Potjans & Diesmann (2014) on NeuroKernel: builds the network of MicrocircuitNetwork.cs,
// presimulates 500 ms, simulates 1 s, and reports what NEST's example reports (create, connect, presimulation and
// simulation times, each population's mean rate), with the synapse count, peak memory, real-time factor and each
// population's mean CV of inter-spike intervals; writes a raster of all populations over 200 ms and box plots of the
// per-neuron rates.
//
//   dotnet run -c Release --project samples/Microcircuit [-- --scale 0.1 --threads 1 --simtime 1000 --presim 500]

using System.Diagnostics;
using System.Globalization;
using NeuroKernel;
using NeuroKernel.Plotting;
using NeuroKernel.Samples.Microcircuit;

Options o;
try
{
    o = Options.Parse(args);
}
catch (OperationCanceledException help)
{
    Console.WriteLine(help.Message);
    return 0;
}
catch (ArgumentException bad)
{
    Console.Error.WriteLine($"Microcircuit: {bad.Message}");
    return 2;
}

var c = CultureInfo.InvariantCulture;
var parameters = new MicrocircuitParameters(o.NScaling, o.KScaling, poissonInput: !o.DcInput);
Console.WriteLine(string.Create(c, $"Cortical microcircuit (Potjans & Diesmann 2014): N_scaling {o.NScaling}, K_scaling {o.KScaling}, {parameters.NumNeurons.Sum()} neurons, {o.Threads} thread(s), seed {o.Seed}"));
Console.WriteLine(o.DcInput ? "Background: DC input (no Poisson generators)" : "Background: Poisson input, 8 spikes/s per external synapse");
if (o.KScaling != 1.0)
{
    Console.WriteLine(string.Create(c, $"In-degrees scaled by {o.KScaling}: weights scaled by {1.0 / Math.Sqrt(o.KScaling):F4}, DC input compensates"));
}

using var net = MicrocircuitNetwork.Build(parameters, o.Threads, o.Seed, o.Thalamic);
var sim = net.Simulator;
var clock = Stopwatch.StartNew();
sim.Simulate(o.Presim);
double presimSeconds = clock.Elapsed.TotalSeconds;
clock.Restart();
sim.Simulate(o.SimTime);
double simSeconds = clock.Elapsed.TotalSeconds;
long connections = sim.GetKernelStatus().Get<long>("num_connections");
// Recurrent events: each population's spikes times its mean out-degree (the Poisson background is not counted).
double events = 0.0;
for (int j = 0; j < 8; j++)
{
    long outgoing = 0;
    for (int i = 0; i < 8; i++)
    {
        outgoing += parameters.NumSynapses[i, j];
    }

    events += sim.GetStatus(net.Recorders[j]).Get<long>("n_events") * (double)outgoing / parameters.NumNeurons[j];
}
double peakMb = NeuroKernel.Samples.ProcessMemory.PeakRssMegabytes();

Console.WriteLine(string.Create(c, $"Number of connections : {connections} ({parameters.TotalSynapses} between the populations)"));
Console.WriteLine(string.Create(c, $"Time to create        : {net.CreateSeconds:F3} s"));
Console.WriteLine(string.Create(c, $"Time to connect       : {net.ConnectSeconds:F3} s"));
Console.WriteLine(string.Create(c, $"Time to presimulate   : {presimSeconds:F3} s ({o.Presim} ms, includes preparing the network)"));
Console.WriteLine(string.Create(c, $"Time to simulate      : {simSeconds:F3} s ({o.SimTime} ms)"));
Console.WriteLine(string.Create(c, $"Real-time factor      : {simSeconds / (o.SimTime / 1000.0):F3}"));
Console.WriteLine(string.Create(c, $"Synaptic events       : {events / (presimSeconds + simSeconds):E3} per second of wall-clock time (recurrent; spikes × mean out-degree)"));
Console.WriteLine(string.Create(c, $"Peak memory (RSS)     : {peakMb:F0} MB"));

double from = o.Presim, to = o.Presim + o.SimTime;
var (rates, cvs) = net.Statistics(from, to);
Console.WriteLine(string.Create(c, $"Rates and CV of ISIs over ({from}, {to}] ms:"));
Console.WriteLine("population  neurons  mean rate (spikes/s)  std of rates  mean CV ISI");
for (int i = 0; i < 8; i++)
{
    double mean = rates[i].Length > 0 ? rates[i].Average() : double.NaN;
    double std = rates[i].Length > 1 ? Math.Sqrt(rates[i].Sum(r => (r - mean) * (r - mean)) / rates[i].Length) : 0.0;
    Console.WriteLine(string.Create(c, $"{MicrocircuitParameters.Populations[i],-10}  {rates[i].Length,7}  {mean,20:F3}  {std,12:F3}  {cvs[i],11:F3}"));
}

if (o.Plot)
{
    // NEST's example: 100 ms either side of the thalamic burst's start; here within the simulated interval.
    double start = Math.Max(from, Math.Min(MicrocircuitParameters.ThalamicStart - 100.0, to - 200.0));
    double stop = Math.Min(to, start + 200.0);
    int step = o.NScaling > 0.1 ? (int)(10.0 * o.NScaling) : 1;
    var populations = new List<PopulationSpikes>();
    for (int i = 0; i < 8; i++)
    {
        var ev = sim.GetStatus(net.Recorders[i]).Get<StatusDictionary>("events");
        populations.Add(new PopulationSpikes(MicrocircuitParameters.Populations[i], net.Populations[i][0], net.Populations[i].Count, ev.Get<int[]>("senders"), ev.Get<double[]>("times")));
    }

    string raster = Path.Combine(o.OutputDirectory, "microcircuit_raster.png");
    string box = Path.Combine(o.OutputDirectory, "microcircuit_box_plot.png");
    PopulationPlot.Raster(raster, populations, start, stop, step);
    PopulationPlot.Box(box, MicrocircuitParameters.Populations, rates, "Rate (spikes/s)");
    Console.WriteLine(string.Create(c, $"Plots: {raster} ({start}–{stop} ms{(step > 1 ? $", every {step}th neuron" : "")}), {box}"));
}

return 0;
