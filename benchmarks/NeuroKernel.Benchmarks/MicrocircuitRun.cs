using System.Diagnostics;
using System.Globalization;
using NeuroKernel.Samples.Microcircuit;

namespace NeuroKernel.Benchmarks;

/// <summary>
/// The cortical microcircuit (samples/Microcircuit's network, Poisson input, seed 55) timed in phases: create, connect,
/// prepare (the first Simulate's preparation, which NEST's example counts into its connection time by calling Prepare),
/// 500 ms of presimulation and 1 s of simulation, in a fresh process per configuration.
/// </summary>
/// <remarks>
///   dotnet run -c Release --project benchmarks/NeuroKernel.Benchmarks -- microcircuit [0.1 1] [--threads 1,2]   (table)
///   dotnet run -c Release --project benchmarks/NeuroKernel.Benchmarks -- microcircuit-one 0.1 1 [500 1000]      (one RESULT line)
/// </remarks>
internal static class MicrocircuitRun
{
    /// <summary>One configuration: RESULT neurons connections create_s connect_s prepare_s presim_s sim_s rss_MB bytes_per_synapse events_per_s.</summary>
    public static int RunOne(string[] args)
    {
        double scale = double.Parse(args[0], CultureInfo.InvariantCulture);
        int threads = int.Parse(args[1], CultureInfo.InvariantCulture);
        double presimMs = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 500.0;
        double simMs = args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 1000.0;
        using var net = MicrocircuitNetwork.Build(new MicrocircuitParameters(scale, scale), threads, seed: 55);
        var sim = net.Simulator;
        var clock = Stopwatch.StartNew();
        sim.Simulate(0.0);
        double prepare = clock.Elapsed.TotalSeconds;
        clock.Restart();
        sim.Simulate(presimMs);
        double presim = clock.Elapsed.TotalSeconds;
        var (_, before) = sim.DeliveryCounters;
        clock.Restart();
        sim.Simulate(simMs);
        double simulate = clock.Elapsed.TotalSeconds;
        var (_, after) = sim.DeliveryCounters;
        double[] values =
        [
            net.Parameters.NumNeurons.Sum(), sim.GetKernelStatus().Get<long>("num_connections"), net.CreateSeconds, net.ConnectSeconds, prepare,
            presim, simulate, Scaling.PeakRssMegabytes(), (double)sim.ConnectionBytes / sim.StoredConnections, simMs > 0 ? (after - before) / simulate : 0.0,
        ];
        Console.WriteLine("RESULT " + string.Join(' ', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        return 0;
    }

    /// <summary>The table: each scale × thread count in its own process.</summary>
    public static int Run(string[] args)
    {
        var (scales, threadCounts) = Scaling.ScalesAndThreads(args, 0.1);
        Console.WriteLine("| scale | threads | neurons | connections | create (s) | connect (s) | prepare (s) | presim 0.5 s (s) | simulate 1 s (s) | peak RSS (MB) | B/synapse | events/s |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (double scale in scales)
        {
            foreach (int threads in threadCounts)
            {
                double[] r = Scaling.RunChild(["microcircuit-one", scale.ToString(CultureInfo.InvariantCulture), threads.ToString(CultureInfo.InvariantCulture)]);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {scale} | {threads} | {r[0]:F0} | {r[1]:N0} | {r[2]:F3} | {r[3]:F3} | {r[4]:F3} | {r[5]:F3} | {r[6]:F3} | {r[7]:F0} | {r[8]:F2} | {r[9]:E2} |"));
            }
        }

        return 0;
    }
}
