using System.Diagnostics;
using System.Globalization;
using NeuroKernel.Samples.Hpc;

namespace NeuroKernel.Benchmarks;

/// <summary>
/// NEST's HPC benchmark (samples/HpcBenchmark's network) timed as NEST's script times it: nodes, connections, 50 ms of
/// presimulation (which includes preparing the network) and 250 ms of simulation, in a fresh process per configuration.
/// </summary>
/// <remarks>
///   dotnet run -c Release --project benchmarks/NeuroKernel.Benchmarks -- hpc [1 2] [--threads 1,2]   (table)
///   dotnet run -c Release --project benchmarks/NeuroKernel.Benchmarks -- hpc-one 1 1 [50 250]           (one RESULT line; presim and simtime in ms)
/// </remarks>
internal static class HpcRun
{
    /// <summary>One configuration in this process: RESULT neurons connections nodes_s connect_s presim_s sim_s rss_MB nest_rate_Hz rate_Hz events_per_s.</summary>
    public static int RunOne(string[] args)
    {
        double scale = double.Parse(args[0], CultureInfo.InvariantCulture);
        int threads = int.Parse(args[1], CultureInfo.InvariantCulture);
        // Optional: other presimulation and simulation times (ms), e.g. 0 0 to measure only building and preparing.
        double Presim = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 50.0;
        double Simtime = args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 250.0;
        using var net = HpcNetwork.Build(scale, threads);
        var sim = net.Simulator;
        var clock = Stopwatch.StartNew();
        sim.Simulate(Presim);
        double presim = clock.Elapsed.TotalSeconds;
        var (_, eventsBefore) = sim.DeliveryCounters;
        clock.Restart();
        sim.Simulate(Simtime);
        double simulate = clock.Elapsed.TotalSeconds;
        var (_, eventsAfter) = sim.DeliveryCounters;
        var (nestRate, rate) = net.RecordedRates(Presim, Simtime);
        double[] values =
        [
            net.Excitatory.Count + net.Inhibitory.Count, sim.GetKernelStatus().Get<long>("num_connections"), net.NodesSeconds, net.ConnectSeconds,
            presim, simulate, Scaling.PeakRssMegabytes(), nestRate, rate, Simtime > 0 ? (eventsAfter - eventsBefore) / simulate : 0.0,
        ];
        Console.WriteLine("RESULT " + string.Join(' ', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        return 0;
    }

    /// <summary>The table: each scale × thread count in its own process.</summary>
    public static int Run(string[] args)
    {
        var (scales, threadCounts) = Scaling.ScalesAndThreads(args, 1.0);
        Console.WriteLine("| scale | threads | neurons | connections | build (s) | presim 50 ms (s) | simulate 250 ms (s) | peak RSS (MB) | rate (Hz, NEST's formula / after presim) | events/s |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (double scale in scales)
        {
            foreach (int threads in threadCounts)
            {
                double[] r = Scaling.RunChild(["hpc-one", scale.ToString(CultureInfo.InvariantCulture), threads.ToString(CultureInfo.InvariantCulture)]);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {scale} | {threads} | {r[0]:F0} | {r[1]:N0} | {r[2] + r[3]:F2} | {r[4]:F2} | {r[5]:F2} | {r[6]:F0} | {r[7]:F1} / {r[8]:F1} | {r[9]:E2} |"));
            }
        }

        return 0;
    }
}
