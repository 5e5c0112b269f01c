using System.Diagnostics;
using System.Globalization;

namespace NeuroKernel.Benchmarks;

/// <summary>
/// The long-run check: the seed network (default order 500) simulated for a long model time (default 100 s)
/// in 1 s chunks, printing memory after each chunk. The managed heap minus what the recorders reserve for their
/// data (list capacities: sender and time per event, grown by doubling) must stay flat: nothing else may grow.
/// </summary>
/// <remarks><c>dotnet run -c Release --project benchmarks/NeuroKernel.Benchmarks -- longrun [order] [seconds]</c></remarks>
internal static class LongRun
{
    public static int Run(string[] args)
    {
        int order = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
        int seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
        using var net = BrunelNetwork.Build(new BrunelOptions { Order = order, Recorders = RecorderMode.Memory });
        var sim = net.Simulator;
        Console.WriteLine("| model time s | wall s | heap MB | recorder data MB | heap − data MB | RSS MB |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        var clock = Stopwatch.StartNew();
        double first = double.NaN, last = double.NaN;
        for (int s = 1; s <= seconds; s++)
        {
            sim.Simulate(1000.0);
            double heap = GC.GetTotalMemory(forceFullCollection: true) / 1e6;
            double data = sim.RecordedBytes / 1e6;
            double rss = Process.GetCurrentProcess().WorkingSet64 / 1e6;
            last = heap - data;
            if (s == 1)
            {
                first = last;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {s} | {clock.Elapsed.TotalSeconds:F1} | {heap:F1} | {data:F2} | {heap - data:F1} | {rss:F0} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"heap − recorder data: {first:F1} MB after 1 s, {last:F1} MB after {seconds} s (change {last - first:+0.0;-0.0} MB)"));
        return 0;
    }
}
