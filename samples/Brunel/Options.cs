using System.Globalization;

/// <summary>The sample's command line; the defaults are the seed's.</summary>
/// <param name="Order">Network size parameter: NE = 4·order, NI = order.</param>
/// <param name="SimTime">Simulated time (ms).</param>
/// <param name="Threads">local_num_threads.</param>
/// <param name="Seed">Seed of the source arrays (the seed's numpy.random.seed) and of the kernel's rng_seed.</param>
/// <param name="OutputDirectory">Where the spike files (and the raster plot) go.</param>
/// <param name="Model">alpha (brunel_alpha_numpy.py) or delta (brunel_delta_nest.py's neuron and weights).</param>
/// <param name="Variant">numpy (explicit source arrays, the seed) or nest (fixed_indegree, brunel_alpha_nest.py).</param>
/// <param name="Plot">Whether to write brunel_raster.png.</param>
/// <param name="PrintTime">Whether Simulate shows progress.</param>
internal sealed record Options(int Order, double SimTime, int Threads, int Seed, string OutputDirectory, string Model, string Variant, bool Plot, bool PrintTime)
{
    public const string Usage =
        "usage: Brunel [--order N (2500)] [--simtime ms (1000)] [--threads n (1)] [--seed s (1234)] [--out DIR (.)]\n" +
        "              [--model alpha|delta (alpha)] [--variant numpy|nest (numpy)] [--no-plot] [--no-print-time] [--help]\n" +
        "  --order    10 to 1000000 (NE = 4·order, NI = order; at least 10, so that every neuron has an inhibitory input);\n" +
        "             memory permitting: a network that does not fit is refused before it is built\n" +
        "  --simtime  a positive multiple of the resolution, 0.1 ms\n" +
        "  --threads  1 to 1024;  --seed 1 to 2147483647;  --out an existing directory\n" +
        "Ctrl-C stops the simulation at the next slice: the report covers the time simulated so far (exit code 130).";

    /// <summary>The sample's resolution (ms): simulation times must be multiples of it.</summary>
    public const double Resolution = 0.1;

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a one-line reason.</summary>
    public static Options Parse(string[] args)
    {
        var o = new Options(2500, 1000.0, 1, 1234, ".", "alpha", "numpy", true, true);
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            switch (name)
            {
                case "--no-plot":
                    o = o with { Plot = false };
                    continue;
                case "--no-print-time":
                    o = o with { PrintTime = false };
                    continue;
                case "--help" or "-h":
                    throw new OperationCanceledException(Usage);
            }

            if (name is not ("--order" or "--simtime" or "--threads" or "--seed" or "--out" or "--variant" or "--model"))
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
                "--order" => o with { Order = Integer(name, value, 10, 1_000_000) },
                "--simtime" => o with { SimTime = SimulationTime(name, value) },
                "--threads" => o with { Threads = Integer(name, value, 1, 1024) },
                "--seed" => o with { Seed = Integer(name, value, 1, int.MaxValue) },
                "--out" => o with { OutputDirectory = Directory.Exists(value) ? value : throw new ArgumentException($"--out: directory '{value}' does not exist") },
                "--variant" => o with { Variant = value is "numpy" or "nest" ? value : throw new ArgumentException($"--variant must be numpy or nest, not '{value}'") },
                "--model" => o with { Model = value is "alpha" or "delta" ? value : throw new ArgumentException($"--model must be alpha or delta, not '{value}'") },
                _ => throw new ArgumentException($"unknown option '{name}'"),
            };
        }

        return o;
    }

    private static int Integer(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name} must be an integer from {min} to {max}, not '{value}'");

    private static double SimulationTime(string name, string value)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) || !double.IsFinite(x) || x <= 0)
        {
            throw new ArgumentException($"{name} must be a positive number of ms, not '{value}'");
        }

        double steps = x / Resolution;
        if (Math.Abs(steps - Math.Round(steps)) > 1e-9 * steps || steps > 1e12)
        {
            throw new ArgumentException($"{name} must be a multiple of the resolution ({Resolution} ms) up to 1e11 ms, not '{value}'");
        }

        return x;
    }
}
