using NeuroKernel.Numerics;

namespace NeuroKernel.Tests.Integration;

/// <summary>
/// The seed network (NEST's brunel_alpha_numpy.py, as samples/Brunel/Program.cs builds it) at any order,
/// with the seeds as arguments and, optionally, one extra spike_recorder per population that records every
/// neuron (the seed records only the first 50), so tests can compare rates over all neurons.
/// </summary>
internal sealed class BrunelNetwork : IDisposable
{
    /// <summary>Synaptic delay of the seed (ms).</summary>
    public const double Delay = 1.5;

    /// <summary>Number of neurons per population that feed the seed's recorders.</summary>
    public const int NRec = 50;

    private BrunelNetwork(Simulator sim, int order, NodeCollection nodesEx, NodeCollection nodesIn,
        NodeCollection espikes, NodeCollection ispikes, NodeCollection? allEx, NodeCollection? allIn)
    {
        Sim = sim;
        Order = order;
        NodesEx = nodesEx;
        NodesIn = nodesIn;
        Espikes = espikes;
        Ispikes = ispikes;
        AllEx = allEx;
        AllIn = allIn;
    }

    public Simulator Sim { get; }

    public int Order { get; }

    public NodeCollection NodesEx { get; }

    public NodeCollection NodesIn { get; }

    public NodeCollection Neurons => NodesEx + NodesIn;

    /// <summary>The seed's recorders (first 50 of each population).</summary>
    public NodeCollection Espikes { get; }

    public NodeCollection Ispikes { get; }

    /// <summary>Recorder of every excitatory neuron (null unless asked for).</summary>
    public NodeCollection? AllEx { get; }

    /// <summary>Recorder of every inhibitory neuron (null unless asked for).</summary>
    public NodeCollection? AllIn { get; }

    public int NE => 4 * Order;

    public int NI => Order;

    public int CE => (int)(0.1 * NE);

    public int CI => (int)(0.1 * NI);

    /// <summary>Synapses the seed reports: E and I synapses, noise → every neuron, 2 × 50 neurons → recorders.</summary>
    public long SeedSynapseCount => (long)(CE + CI) * (NE + NI) + (NE + NI) + 2 * NRec;

    /// <summary>
    /// Builds the network. <paramref name="sourceSeed"/> seeds the <see cref="System.Random"/> that draws the
    /// source arrays (the seed's numpy.random.seed(1234)); <paramref name="rngSeed"/> is the kernel's rng_seed
    /// (Poisson input).
    /// </summary>
    public static BrunelNetwork Build(int order, int sourceSeed = 1234, long rngSeed = 143202461, int threads = 1,
        bool recordAll = false, double delay = Delay, bool delta = false)
    {
        var sim = new Simulator();
        double dt = 0.1, g = 5.0, eta = 2.0, epsilon = 0.1;
        int ne = 4 * order, ni = order, n = ne + ni;
        int ce = (int)(epsilon * ne), ci = (int)(epsilon * ni);
        double tauSyn = 0.5, tauMem = 20.0, cMem = 250.0, theta = 20.0;
        var neuronParams = new StatusDictionary
        {
            ["C_m"] = cMem,
            ["tau_m"] = tauMem,
            ["tau_syn_ex"] = tauSyn,
            ["tau_syn_in"] = tauSyn,
            ["t_ref"] = 2.0,
            ["E_L"] = 0.0,
            ["V_reset"] = 0.0,
            ["V_m"] = 0.0,
            ["V_th"] = theta,
        };
        double j = 0.1;
        double jEx = j / PostSynapticPotential.AlphaPeakPerUnitCurrent(tauMem, cMem, tauSyn);
        double jIn = -g * jEx;
        double nuTh = theta * cMem / (jEx * ce * Math.E * tauMem * tauSyn);
        string model = "iaf_psc_alpha";
        if (delta)
        {
            // brunel_delta_nest.py: the weight is the PSP itself (a voltage jump), C_m = 1 pF, V_reset = 10 mV.
            model = "iaf_psc_delta";
            neuronParams = new() { ["C_m"] = 1.0, ["tau_m"] = tauMem, ["t_ref"] = 2.0, ["E_L"] = 0.0, ["V_reset"] = 10.0, ["V_m"] = 0.0, ["V_th"] = theta };
            jEx = j;
            jIn = -g * jEx;
            nuTh = theta / (j * ce * tauMem);
        }

        double pRate = 1000.0 * eta * nuTh * ce;

        sim.SetKernelStatus(new()
        {
            ["resolution"] = dt,
            ["print_time"] = false,
            ["local_num_threads"] = threads,
            ["rng_seed"] = rngSeed,
        });
        sim.SetDefaults(model, neuronParams);
        sim.SetDefaults("poisson_generator", new() { ["rate"] = pRate });

        var nodesEx = sim.Create(model, ne);
        var nodesIn = sim.Create(model, ni);
        var noise = sim.Create("poisson_generator");
        var espikes = sim.Create("spike_detector");
        var ispikes = sim.Create("spike_detector");
        NodeCollection? allEx = recordAll ? sim.Create("spike_recorder") : null;
        NodeCollection? allIn = recordAll ? sim.Create("spike_recorder") : null;

        sim.CopyModel("static_synapse", "excitatory", new() { ["weight"] = jEx, ["delay"] = delay });
        sim.CopyModel("static_synapse", "inhibitory", new() { ["weight"] = jIn, ["delay"] = delay });

        sim.Connect(noise, nodesEx, syn: "excitatory");
        sim.Connect(noise, nodesIn, syn: "excitatory");
        sim.Connect(nodesEx[..Math.Min(NRec, ne)], espikes, syn: "excitatory");
        sim.Connect(nodesIn[..Math.Min(NRec, ni)], ispikes, syn: "excitatory");
        if (allEx is not null && allIn is not null)
        {
            // A model of their own, so the seed's counters (excitatory/inhibitory) stay as the seed reports them.
            sim.CopyModel("static_synapse", "recording", new() { ["delay"] = delay });
            sim.Connect(nodesEx, allEx, syn: "recording");
            sim.Connect(nodesIn, allIn, syn: "recording");
        }

        var rng = new System.Random(sourceSeed);
        var sourcesEx = new int[ce];
        var sourcesIn = new int[ci];
        for (int t = 0; t < n; t++)
        {
            for (int k = 0; k < ce; k++)
            {
                sourcesEx[k] = rng.Next(1, ne + 1);
            }

            sim.Connect(sourcesEx, t + 1, syn: "excitatory");
        }

        for (int t = 0; t < n; t++)
        {
            for (int k = 0; k < ci; k++)
            {
                sourcesIn[k] = rng.Next(ne + 1, n + 1);
            }

            sim.Connect(sourcesIn, t + 1, syn: "inhibitory");
        }

        return new BrunelNetwork(sim, order, nodesEx, nodesIn, espikes, ispikes, allEx, allIn);
    }

    public void Dispose() => Sim.Dispose();

    /// <summary>The (senders, times) a recorder holds.</summary>
    public (int[] Senders, double[] Times) Events(NodeCollection recorder)
    {
        var events = Sim.GetStatus(recorder).Get<StatusDictionary>("events");
        return (events.Get<int[]>("senders"), events.Get<double[]>("times"));
    }

    /// <summary>Mean firing rate (Hz) of <paramref name="count"/> neurons that produced <paramref name="nEvents"/> spikes in <paramref name="simtime"/> ms.</summary>
    public static double Rate(long nEvents, int count, double simtime) => nEvents / simtime * 1000.0 / count;

    /// <summary>
    /// Mean over neurons with at least two spikes of the coefficient of variation of their inter-spike
    /// intervals (population standard deviation, as numpy.std computes it).
    /// </summary>
    public static double MeanCvIsi(int[] senders, double[] times)
    {
        var bySender = new Dictionary<int, List<double>>();
        for (int i = 0; i < senders.Length; i++)
        {
            if (!bySender.TryGetValue(senders[i], out var list))
            {
                list = [];
                bySender.Add(senders[i], list);
            }

            list.Add(times[i]);
        }

        double sum = 0.0;
        int n = 0;
        foreach (var list in bySender.Values)
        {
            if (list.Count < 2)
            {
                continue;
            }

            list.Sort();
            int m = list.Count - 1;
            double mean = (list[^1] - list[0]) / m;
            double var = 0.0;
            for (int i = 1; i < list.Count; i++)
            {
                double d = list[i] - list[i - 1] - mean;
                var += d * d;
            }

            sum += Math.Sqrt(var / m) / mean;
            n++;
        }

        return n > 0 ? sum / n : double.NaN;
    }
}
