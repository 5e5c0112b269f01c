namespace NeuroKernel.Benchmarks;

/// <summary>
/// The randomly drawn presynaptic ids of the seed network, drawn once so that a build benchmark measures the
/// kernel, not the random generator. The draws happen in the sample's order (all excitatory draws, target by
/// target, then all inhibitory ones), so the same seed gives the same network as <c>samples/Brunel</c>.
/// </summary>
internal sealed class BrunelSources
{
    private readonly SeededRandom? _stream;

    private BrunelSources(int order, int[] excitatory, int[] inhibitory, SeededRandom? stream = null)
    {
        Order = order;
        Excitatory = excitatory;
        Inhibitory = inhibitory;
        _stream = stream;
    }

    /// <summary>
    /// Sources drawn on demand, as the sample draws them: the targets must be asked for in the build's order
    /// (all excitatory sources, target by target, then all inhibitory ones). Holds one target's ids at a time,
    /// so peak memory is the kernel's alone.
    /// </summary>
    /// <param name="order">The network order.</param>
    /// <param name="seed">Seed of the draws.</param>
    /// <returns>A streaming source of ids.</returns>
    public static BrunelSources Streaming(int order, int seed) =>
        new(order, new int[BrunelNetwork.CE(order)], new int[BrunelNetwork.CI(order)], new SeededRandom(seed));

    /// <summary>The network order (NE = 4·order, NI = order).</summary>
    public int Order { get; }

    /// <summary>CE excitatory source ids (1 … NE) for each target, target after target.</summary>
    public int[] Excitatory { get; }

    /// <summary>CI inhibitory source ids (NE + 1 … NE + NI) for each target, target after target.</summary>
    public int[] Inhibitory { get; }

    /// <summary>The sources of target <paramref name="index"/> (0-based).</summary>
    public ReadOnlySpan<int> ExcitatoryOf(int index)
    {
        if (_stream is null)
        {
            return Excitatory.AsSpan(index * BrunelNetwork.CE(Order), BrunelNetwork.CE(Order));
        }

        _stream.Fill(Excitatory, 1, BrunelNetwork.NE(Order) + 1);
        return Excitatory;
    }

    /// <summary>The sources of target <paramref name="index"/> (0-based).</summary>
    public ReadOnlySpan<int> InhibitoryOf(int index)
    {
        if (_stream is null)
        {
            return Inhibitory.AsSpan(index * BrunelNetwork.CI(Order), BrunelNetwork.CI(Order));
        }

        _stream.Fill(Inhibitory, BrunelNetwork.NE(Order) + 1, BrunelNetwork.NNeurons(Order) + 1);
        return Inhibitory;
    }

    /// <summary>Draws the sources as the sample does (<c>numpy.random.seed(seed)</c>; <c>randint</c> in the seed).</summary>
    /// <param name="order">The network order.</param>
    /// <param name="seed">Seed of the draws (the sample uses 1234).</param>
    /// <returns>The sources of every neuron.</returns>
    public static BrunelSources Draw(int order, int seed)
    {
        int ne = BrunelNetwork.NE(order), n = BrunelNetwork.NNeurons(order);
        int ce = BrunelNetwork.CE(order), ci = BrunelNetwork.CI(order);
        var rng = new SeededRandom(seed);
        var excitatory = new int[n * ce];
        var inhibitory = new int[n * ci];
        rng.Fill(excitatory, 1, ne + 1);
        rng.Fill(inhibitory, ne + 1, n + 1);

        return new BrunelSources(order, excitatory, inhibitory);
    }
}
