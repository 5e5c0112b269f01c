using System.Diagnostics;
using System.Globalization;
using NeuroKernel.Samples.Coba;

namespace NeuroKernel.Benchmarks;

/// <summary>
/// The Vogels–Abbott COBA network (samples/Coba, 4,000 iaf_cond_exp neurons integrated by RKF45) in this process: one
/// RESULT line of neurons, connections, build s, simulate s, peak RSS MB, excitatory and inhibitory rate (Hz) and
/// neuron-steps per second.
/// </summary>
internal static class CobaRun
{
    public static int Run(string[] args)
    {
        int threads = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1;
        double seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 1.0;
        int seed = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
        var clock = Stopwatch.StartNew();
        using var net = CobaNetwork.Build(threads, seed);
        double build = clock.Elapsed.TotalSeconds;
        var sim = net.Simulator;
        clock.Restart();
        sim.Simulate(seconds * 1000.0);
        double simulate = clock.Elapsed.TotalSeconds;
        double rateEx = sim.GetStatus(net.ExcitatorySpikes).Get<long>("n_events") / seconds / CobaNetwork.NumExcitatory;
        double rateIn = sim.GetStatus(net.InhibitorySpikes).Get<long>("n_events") / seconds / (CobaNetwork.NumNeurons - CobaNetwork.NumExcitatory);
        double neuronSteps = CobaNetwork.NumNeurons * (seconds * 1000.0 / 0.1);
        double[] values = [CobaNetwork.NumNeurons, sim.GetKernelStatus().Get<long>("num_connections"), build, simulate, Scaling.PeakRssMegabytes(), rateEx, rateIn, neuronSteps / simulate];
        Console.WriteLine("RESULT " + string.Join(' ', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        return 0;
    }
}
