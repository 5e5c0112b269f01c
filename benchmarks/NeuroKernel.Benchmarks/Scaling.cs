using System.Diagnostics;
using System.Globalization;

namespace NeuroKernel.Benchmarks;

/// <summary>
/// The scaling program: the seed network at several orders and thread counts, each in a fresh child process
/// (so peak RSS is that run's alone), printed as one table.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project benchmarks/NeuroKernel.Benchmarks -- scaling [orders…] [--threads 1,2] [--repeat n] [--plot file.png]</c>.
/// Build = Create + SetDefaults + CopyModel + the seed's 2·N <c>Connect(sources, target)</c> calls with the sources
/// drawn as the sample draws them (SeededRandom, one target at a time); prepare = the first Simulate's
/// preparation (<c>Simulate(0)</c>); simulate = 1000 ms. Rates are over the 50 + 50 recorded neurons, as the seed
/// prints them. Events/s counts synaptic events delivered from neuron spikes (not the Poisson input) per second
/// of wall-clock simulation time. With <c>--repeat n</c> each configuration runs n times and the median is shown.
/// Split moves counts how often the threads' receiver boundaries moved during the simulation (ThreadBalancer);
/// <c>--fixed-split</c> keeps them where Prepare put them, and <c>--lag-by-lag</c> updates the neurons one lag at a time
/// instead of whole slices per group of neurons (<c>NeuronBlock.StepSlice</c>), for A/B comparisons.
/// </remarks>
internal static class Scaling
{
    public static int Run(string[] args)
    {
        var orders = new List<int>();
        int[] threads = [1, 2];
        int repeat = 1;
        string? plotPath = null;
        var childFlags = new List<string>();
        var rows = new List<(int Order, int Threads, double[] Values)>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--plot")
            {
                plotPath = args[++i];
            }
            else if (args[i] == "--threads")
            {
                threads = [.. args[++i].Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture))];
            }
            else if (args[i] is "--fixed-split" or "--lag-by-lag")
            {
                childFlags.Add(args[i]);
            }
            else if (args[i] == "--repeat")
            {
                repeat = int.Parse(args[++i], CultureInfo.InvariantCulture);
            }
            else
            {
                orders.Add(int.Parse(args[i], CultureInfo.InvariantCulture));
            }
        }

        if (orders.Count == 0)
        {
            orders = [250, 500, 1000, 2500];
        }

        Console.WriteLine($"{Environment.ProcessorCount} cores, {RuntimeInformationText()}; median of {repeat} run(s) per row");
        Console.WriteLine("| order | threads | neurons | synapses | build s | prepare s | simulate s | peak RSS MB | bytes/synapse | events/s | rate ex Hz | rate in Hz | split moves |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (int order in orders)
        {
            foreach (int t in threads)
            {
                var runs = new List<double[]>();
                for (int r = 0; r < repeat; r++)
                {
                    runs.Add(RunChild(order, t, childFlags));
                }

                double Median(int k) => runs.Select(x => x[k]).Order().ElementAt(runs.Count / 2);
                rows.Add((order, t, [.. Enumerable.Range(0, runs[0].Length).Select(Median)]));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {order} | {t} | {Median(0):F0} | {Median(1):F0} | {Median(2):F3} | {Median(3):F3} | {Median(4):F3} | {Median(5):F0} | {Median(6):F2} | {Median(7):E2} | {Median(8):F2} | {Median(9):F2} | {Median(10):F0} |"));
            }
        }

        if (plotPath is not null)
        {
            SavePlot(plotPath, rows);
            Console.WriteLine($"plot: {plotPath}");
        }

        return 0;
    }

    /// <summary>Simulation time of 1 s against the number of synapses, one line per thread count.</summary>
    private static void SavePlot(string path, List<(int Order, int Threads, double[] Values)> rows)
    {
        var plot = new ScottPlot.Plot();
        foreach (var group in rows.GroupBy(r => r.Threads))
        {
            double[] synapses = [.. group.Select(r => r.Values[1] / 1e6)];
            double[] seconds = [.. group.Select(r => r.Values[4])];
            var line = plot.Add.Scatter(synapses, seconds);
            line.LegendText = group.Key == 1 ? "1 thread" : $"{group.Key} threads";
        }

        plot.Title("Brunel network, 1 s of model time");
        plot.XLabel("synapses (millions)");
        plot.YLabel("simulation wall-clock time (s)");
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        plot.SavePng(path, 800, 500);
    }

    /// <summary>One configuration in this process; prints one line of numbers for the parent.</summary>
    public static int RunOne(string[] args)
    {
        int order = int.Parse(args[0], CultureInfo.InvariantCulture);
        int threads = int.Parse(args[1], CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();
        using var net = BrunelNetwork.Build(
            new BrunelOptions { Order = order, Threads = threads, Recorders = RecorderMode.Memory },
            BrunelSources.Streaming(order, 1234));
        double build = clock.Elapsed.TotalSeconds;
        net.Simulator.BalanceThreads = !args.Contains("--fixed-split");
        net.Simulator.WholeSliceUpdate &= !args.Contains("--lag-by-lag");
        clock.Restart();
        net.Simulator.Simulate(0.0);
        double prepare = clock.Elapsed.TotalSeconds;
        clock.Restart();
        net.Simulator.Simulate(1000.0);
        double simulate = clock.Elapsed.TotalSeconds;
        var sim = net.Simulator;
        long synapses = net.NumSynapses;
        var (_, events) = sim.DeliveryCounters;
        double rateEx = sim.GetStatus(net.ExcitatorySpikes!).Get<long>("n_events") / 1.0 / BrunelNetwork.NRec;
        double rateIn = sim.GetStatus(net.InhibitorySpikes!).Get<long>("n_events") / 1.0 / BrunelNetwork.NRec;
        double[] values =
        [
            BrunelNetwork.NNeurons(order), synapses, build, prepare, simulate, PeakRssMegabytes(),
            (double)sim.ConnectionBytes / sim.StoredConnections, events / simulate, rateEx, rateIn, sim.Balancer?.Moves ?? 0,
        ];
        Console.WriteLine("RESULT " + string.Join(' ', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        return 0;
    }

    private static double[] RunChild(int order, int threads, List<string> flags) =>
        RunChild(["scaling-one", order.ToString(CultureInfo.InvariantCulture), threads.ToString(CultureInfo.InvariantCulture), .. flags]);

    /// <summary>Runs this program with <paramref name="arguments"/> in a child process and returns the numbers of its RESULT line.</summary>
    internal static double[] RunChild(string[] arguments)
    {
        string self = typeof(Scaling).Assembly.Location;
        var psi = new ProcessStartInfo("dotnet", [self, .. arguments])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var child = Process.Start(psi) ?? throw new InvalidOperationException("Could not start the child process.");
        string output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        string line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The run '{string.Join(' ', arguments)}' failed:\n{output}");
        return [.. line["RESULT ".Length..].Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture))];
    }

    /// <summary>A table program's arguments: the sizes before the first option (default <paramref name="defaultScale"/>) and <c>--threads 1,2</c> (default 1 and 2).</summary>
    internal static (double[] Scales, int[] Threads) ScalesAndThreads(string[] args, double defaultScale)
    {
        var scales = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(a => double.Parse(a, CultureInfo.InvariantCulture)).DefaultIfEmpty(defaultScale).ToArray();
        int at = Array.IndexOf(args, "--threads");
        int[] threads = at >= 0 ? [.. args[at + 1].Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture))] : [1, 2];
        return (scales, threads);
    }

    /// <summary>Peak resident set size of this process (VmHWM), in MB.</summary>
    internal static double PeakRssMegabytes() => NeuroKernel.Samples.ProcessMemory.PeakRssMegabytes();

    private static string RuntimeInformationText() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;
}
