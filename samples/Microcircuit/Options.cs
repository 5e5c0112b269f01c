using System.Globalization;

namespace NeuroKernel.Samples.Microcircuit;

/// <summary>The sample's command line; the defaults are NEST's example's (sim_params.py, network_params.py).</summary>
/// <param name="NScaling">Factor on the neuron numbers.</param>
/// <param name="KScaling">Factor on the in-degrees.</param>
/// <param name="Threads">local_num_threads.</param>
/// <param name="SimTime">Simulated time after the presimulation (ms).</param>
/// <param name="Presim">Presimulation (ms), excluded from the statistics.</param>
/// <param name="DcInput">DC input instead of the Poisson background.</param>
/// <param name="Thalamic">The thalamic burst (700 to 710 ms).</param>
/// <param name="Seed">rng_seed and the seed of the initial potentials.</param>
/// <param name="OutputDirectory">Where the plots go.</param>
/// <param name="Plot">Whether to write the plots.</param>
internal sealed record Options(double NScaling, double KScaling, int Threads, double SimTime, double Presim, bool DcInput, bool Thalamic, int Seed, string OutputDirectory, bool Plot)
{
    public const string Usage =
        "usage: Microcircuit [--scale s (0.1)] [--n-scaling s] [--k-scaling s] [--threads n (1)] [--simtime ms (1000)]\n" +
        "                    [--presim ms (500)] [--dc-input] [--thalamic] [--seed k (55)] [--out DIR (.)] [--no-plot] [--help]\n" +
        "  --scale      sets N_scaling and K_scaling together (0 < s <= 1; 1 is the full model, 77,169 neurons)\n" +
        "  --n-scaling  factor on the neuron numbers;  --k-scaling  factor on the in-degrees (weights and a DC current compensate)\n" +
        "  --dc-input   DC background instead of Poisson input;  --thalamic  902 thalamic neurons fire at 120 Hz from 700 to 710 ms\n" +
        "  --simtime, --presim  multiples of the resolution, 0.1 ms";

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a one-line reason.</summary>
    public static Options Parse(string[] args)
    {
        var o = new Options(0.1, 0.1, 1, 1000.0, 500.0, false, false, 55, ".", true);
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            switch (name)
            {
                case "--dc-input":
                    o = o with { DcInput = true };
                    continue;
                case "--thalamic":
                    o = o with { Thalamic = true };
                    continue;
                case "--no-plot":
                    o = o with { Plot = false };
                    continue;
                case "--help" or "-h":
                    throw new OperationCanceledException(Usage);
            }

            if (name is not ("--scale" or "--n-scaling" or "--k-scaling" or "--threads" or "--simtime" or "--presim" or "--seed" or "--out"))
            {
                throw new ArgumentException($"unknown option '{name}'");
            }

            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"option {name} needs a value");
            }

            string value = args[++i];
            o = name switch
            {
                "--scale" => o with { NScaling = Scaling(name, value), KScaling = Scaling(name, value) },
                "--n-scaling" => o with { NScaling = Scaling(name, value) },
                "--k-scaling" => o with { KScaling = Scaling(name, value) },
                "--threads" => o with { Threads = Integer(name, value, 1, 1024) },
                "--simtime" => o with { SimTime = Time(name, value, allowZero: false) },
                "--presim" => o with { Presim = Time(name, value, allowZero: true) },
                "--seed" => o with { Seed = Integer(name, value, 1, int.MaxValue) },
                "--out" => o with { OutputDirectory = Directory.Exists(value) ? value : throw new ArgumentException($"--out: directory '{value}' does not exist") },
                _ => throw new ArgumentException($"unknown option '{name}'"),
            };
        }

        return o;
    }

    private static double Scaling(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && x > 0 && x <= 1
            ? x
            : throw new ArgumentException($"{name} must be a number in (0, 1], not '{value}'");

    private static int Integer(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name} must be an integer from {min} to {max}, not '{value}'");

    private static double Time(string name, string value, bool allowZero)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) || !double.IsFinite(x) || x < 0 || (x == 0 && !allowZero))
        {
            throw new ArgumentException($"{name} must be a {(allowZero ? "non-negative" : "positive")} number of ms, not '{value}'");
        }

        double steps = x / MicrocircuitParameters.Resolution;
        if (Math.Abs(steps - Math.Round(steps)) > 1e-9 * Math.Max(1.0, steps) || steps > 1e12)
        {
            throw new ArgumentException($"{name} must be a multiple of the resolution ({MicrocircuitParameters.Resolution} ms) up to 1e11 ms, not '{value}'");
        }

        return x;
    }
}
