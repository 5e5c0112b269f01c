using NeuroKernel.Numerics;

namespace NeuroKernel.Benchmarks;

/// <summary>
/// The network of NEST's <c>brunel_alpha_numpy.py</c>, built with the same calls in the same order as
/// <c>samples/Brunel/Program.cs</c>: kernel status, SetDefaults of the neuron and the generator, Create,
/// recorder status, CopyModel of the two synapse models, the device connections, then one
/// <c>Connect(sources, target)</c> per neuron for the excitatory and again for the inhibitory inputs.
/// </summary>
/// <remarks>
/// Unlike the sample it prints nothing (<c>print_time</c> is off), the recorders are optional
/// (<see cref="RecorderMode"/>), and the source ids can be drawn beforehand (<see cref="BrunelSources"/>) so
/// that a benchmark of the build does not time the random number generator.
/// </remarks>
internal sealed class BrunelNetwork : IDisposable
{
    /// <summary>Simulation step (ms).</summary>
    public const double Resolution = 0.1;

    /// <summary>Synaptic delay of every connection (ms); it is also min_delay, the slice length.</summary>
    public const double Delay = 1.5;

    /// <summary>Number of neurons of each population that the recorders observe.</summary>
    public const int NRec = 50;

    private const double G = 5.0;         // ratio inhibitory weight / excitatory weight
    private const double Eta = 2.0;       // external rate relative to threshold rate
    private const double Epsilon = 0.1;   // connection probability
    private const double TauSyn = 0.5;    // synaptic time constant (ms)
    private const double TauMem = 20.0;   // membrane time constant (ms)
    private const double CMem = 250.0;    // membrane capacitance (pF)
    private const double Theta = 20.0;    // threshold (mV)
    private const double J = 0.1;         // PSP amplitude (mV)

    private BrunelNetwork(Simulator simulator, BrunelOptions options, NodeCollection excitatory, NodeCollection inhibitory,
        NodeCollection noise, NodeCollection? excitatorySpikes, NodeCollection? inhibitorySpikes)
    {
        Simulator = simulator;
        Options = options;
        Excitatory = excitatory;
        Inhibitory = inhibitory;
        Noise = noise;
        ExcitatorySpikes = excitatorySpikes;
        InhibitorySpikes = inhibitorySpikes;
    }

    public Simulator Simulator { get; }

    /// <summary>How the network was built.</summary>
    public BrunelOptions Options { get; }

    public int Order => Options.Order;

    public NodeCollection Excitatory { get; }

    public NodeCollection Inhibitory { get; }

    public NodeCollection Noise { get; }

    /// <summary>The recorder of the first <see cref="NRec"/> excitatory neurons (null without recorders).</summary>
    public NodeCollection? ExcitatorySpikes { get; }

    /// <summary>The recorder of the first <see cref="NRec"/> inhibitory neurons (null without recorders).</summary>
    public NodeCollection? InhibitorySpikes { get; }

    public static int NE(int order) => 4 * order;

    public static int NI(int order) => order;

    public static int NNeurons(int order) => NE(order) + NI(order);

    public static int CE(int order) => (int)(Epsilon * NE(order));

    public static int CI(int order) => (int)(Epsilon * NI(order));

    /// <summary>Amplitude of the excitatory PSC (pA) that gives a PSP of J mV (the seed's ComputePSPnorm).</summary>
    public static double JEx { get; } = J / PostSynapticPotential.AlphaPeakPerUnitCurrent(TauMem, CMem, TauSyn);

    /// <summary>Rate of the Poisson generator (Hz): eta times the threshold rate, times the in-degree CE.</summary>
    public static double PoissonRate(int order)
    {
        double nuTh = Theta * CMem / (JEx * CE(order) * Math.E * TauMem * TauSyn);
        return 1000.0 * Eta * nuTh * CE(order);
    }

    /// <summary>
    /// The seed's synapse count: CE + CI inputs per neuron, one generator connection per neuron and, with
    /// recorders, the 2·<see cref="NRec"/> recorder connections (157,600 at order 250 with recorders).
    /// </summary>
    public static long ExpectedSynapses(int order, RecorderMode recorders) =>
        (long)NNeurons(order) * (CE(order) + CI(order) + 1) + (recorders == RecorderMode.None ? 0 : 2 * NRec);

    /// <summary>Synapses the two copied models count: neuron-to-neuron, generator and recorder connections.</summary>
    public long NumSynapses =>
        Simulator.GetDefaults("excitatory").Get<long>("num_connections") + Simulator.GetDefaults("inhibitory").Get<long>("num_connections");

    /// <summary>Throws when the network does not have the seed's synapse count (a check for benchmark setups).</summary>
    public void CheckSynapseCount()
    {
        long expected = ExpectedSynapses(Order, Options.Recorders);
        if (NumSynapses != expected)
        {
            throw new InvalidOperationException($"The network has {NumSynapses} synapses; the seed network of order {Order} has {expected}.");
        }
    }

    /// <summary>Builds the network; draws the sources first when <paramref name="sources"/> is null.</summary>
    /// <param name="options">Order, seeds, threads, recorders.</param>
    /// <param name="sources">Pre-drawn sources of the same order, or null.</param>
    /// <returns>The network, not yet prepared (nothing is sorted until the first Simulate).</returns>
    public static BrunelNetwork Build(BrunelOptions options, BrunelSources? sources = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        int order = options.Order;
        sources ??= BrunelSources.Draw(order, options.Seed);
        if (sources.Order != order)
        {
            throw new ArgumentException($"The sources were drawn for order {sources.Order}, not {order}.", nameof(sources));
        }

        var sim = new Simulator();
        var kernel = new StatusDictionary
        {
            ["resolution"] = Resolution,
            ["print_time"] = false,
            ["overwrite_files"] = true,
            ["local_num_threads"] = options.Threads,
            ["data_path"] = options.DataPath,
        };
        if (options.RngSeed is long rngSeed)
        {
            kernel["rng_seed"] = rngSeed;
        }

        sim.SetKernelStatus(kernel);
        sim.SetDefaults("iaf_psc_alpha", new()
        {
            ["C_m"] = CMem,
            ["tau_m"] = TauMem,
            ["tau_syn_ex"] = TauSyn,
            ["tau_syn_in"] = TauSyn,
            ["t_ref"] = 2.0,
            ["E_L"] = 0.0,
            ["V_reset"] = 0.0,
            ["V_m"] = 0.0,
            ["V_th"] = Theta,
        });
        sim.SetDefaults("poisson_generator", new() { ["rate"] = PoissonRate(order) });

        var nodesEx = sim.Create("iaf_psc_alpha", NE(order));
        var nodesIn = sim.Create("iaf_psc_alpha", NI(order));
        var noise = sim.Create("poisson_generator");
        var (espikes, ispikes) = CreateRecorders(sim, options.Recorders);

        sim.CopyModel("static_synapse", "excitatory", new() { ["weight"] = JEx, ["delay"] = Delay });
        sim.CopyModel("static_synapse", "inhibitory", new() { ["weight"] = -G * JEx, ["delay"] = Delay });

        sim.Connect(noise, nodesEx, syn: "excitatory");
        sim.Connect(noise, nodesIn, syn: "excitatory");
        if (espikes is not null && ispikes is not null)
        {
            sim.Connect(nodesEx[..NRec], espikes, syn: "excitatory");
            sim.Connect(nodesIn[..NRec], ispikes, syn: "excitatory");
        }

        // One Connect per target, as the seed's loops do: first the excitatory, then the inhibitory inputs.
        int n = NNeurons(order);
        for (int i = 0; i < n; i++)
        {
            sim.Connect(sources.ExcitatoryOf(i), i + 1, syn: "excitatory");
        }

        for (int i = 0; i < n; i++)
        {
            sim.Connect(sources.InhibitoryOf(i), i + 1, syn: "inhibitory");
        }

        return new BrunelNetwork(sim, options, nodesEx, nodesIn, noise, espikes, ispikes);
    }

    private static (NodeCollection? Ex, NodeCollection? In) CreateRecorders(Simulator sim, RecorderMode mode)
    {
        if (mode == RecorderMode.None)
        {
            return (null, null);
        }

        // The seed's NEST 2 spike_detector writing .gdf files, or a NEST 3 spike_recorder in memory.
        var ex = sim.Create(mode == RecorderMode.Gdf ? "spike_detector" : "spike_recorder");
        var inh = sim.Create(mode == RecorderMode.Gdf ? "spike_detector" : "spike_recorder");
        sim.SetStatus(ex, [RecorderStatus("brunel-py-ex", mode)]);
        sim.SetStatus(inh, [RecorderStatus("brunel-py-in", mode)]);
        return (ex, inh);
    }

    private static StatusDictionary RecorderStatus(string label, RecorderMode mode) => mode == RecorderMode.Gdf
        ? new() { ["label"] = label, ["withtime"] = true, ["withgid"] = true, ["to_file"] = true }
        : new() { ["label"] = label };

    /// <summary>Mean firing rate (Hz) of the <see cref="NRec"/> neurons a recorder observes, over the simulated time; NaN without it.</summary>
    public double RecordedRate(NodeCollection? recorder)
    {
        double t = Simulator.GetKernelStatus<double>("biological_time");
        if (recorder is null || t <= 0.0)
        {
            return double.NaN;
        }

        return Simulator.GetStatus(recorder).Get<long>("n_events") / t * 1000.0 / NRec;
    }

    public void Dispose() => Simulator.Dispose();
}
