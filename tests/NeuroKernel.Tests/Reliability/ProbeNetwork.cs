namespace NeuroKernel.Tests.Reliability;

/// <summary>
/// A small deterministic network for the reliability fixtures: 40 iaf_psc_alpha neurons by default (three
/// quarters excitatory, one quarter inhibitory) driven by one poisson_generator, wired with fixed_indegree,
/// all recorded by one spike_recorder and, optionally, five of them (from both ends, so from every thread's
/// part) sampled by a multimeter. It fires hundreds of spikes in 100 ms, so a change anywhere (input streams,
/// connectivity, a parameter, the step order) shows in the spikes.
/// </summary>
internal sealed class ProbeNetwork : IDisposable
{
    public const long Seed = 987654321;

    private static readonly string[] MeterRecordables = ["V_m", "I_syn_ex"];

    private string? _directory;

    private ProbeNetwork(Simulator sim) => Sim = sim;

    public Simulator Sim { get; }

    public NodeCollection Neurons { get; private set; } = NodeCollection.Empty;

    public NodeCollection Excitatory => Neurons[..(Neurons.Count * 3 / 4)];

    public NodeCollection Inhibitory => Neurons[(Neurons.Count * 3 / 4)..];

    public NodeCollection Noise { get; private set; } = NodeCollection.Empty;

    public NodeCollection Recorder { get; private set; } = NodeCollection.Empty;

    /// <summary>The multimeter (V_m and I_syn_ex of the first three and the last two neurons every 0.5 ms), or null.</summary>
    public NodeCollection? Meter { get; private set; }

    /// <summary>A temporary folder for file output, made on first use and deleted by <see cref="Dispose"/>.</summary>
    public string Directory => _directory ??= System.IO.Directory.CreateTempSubdirectory("nk-reliability-").FullName;

    /// <summary>Builds the network in <paramref name="sim"/> (a new simulator when null).</summary>
    public static ProbeNetwork Build(Simulator? sim = null, int threads = 1, bool meter = false, long seed = Seed, int neurons = 40)
    {
        var net = new ProbeNetwork(sim ?? new Simulator());
        net.Populate(threads, meter, seed, neurons);
        return net;
    }

    private void Populate(int threads, bool meter, long seed, int neurons)
    {
        var sim = Sim;
        sim.SetKernelStatus(new() { ["rng_seed"] = seed, ["local_num_threads"] = threads });
        Neurons = sim.Create("iaf_psc_alpha", neurons, new() { ["tau_syn_ex"] = 0.5, ["tau_syn_in"] = 0.5, ["tau_m"] = 20.0, ["V_m"] = -65.0 });
        Noise = sim.Create("poisson_generator", 1, new() { ["rate"] = 12000.0 });
        Recorder = sim.Create("spike_recorder");
        if (meter)
        {
            Meter = sim.Create("multimeter", 1, new() { ["record_from"] = MeterRecordables, ["interval"] = 0.5 });
        }

        sim.CopyModel("static_synapse", "probe_ex", new() { ["weight"] = 60.0, ["delay"] = 1.5 });
        sim.CopyModel("static_synapse", "probe_in", new() { ["weight"] = -240.0, ["delay"] = 2.0 });
        sim.Connect(Noise, Neurons, syn: new SynSpec("static_synapse", weight: 44.0, delay: 1.0));
        sim.Connect(Excitatory, Neurons, new StatusDictionary { ["rule"] = "fixed_indegree", ["indegree"] = 6 }, "probe_ex");
        sim.Connect(Inhibitory, Neurons, new StatusDictionary { ["rule"] = "fixed_indegree", ["indegree"] = 2, ["allow_autapses"] = false }, "probe_in");
        sim.Connect(Neurons, Recorder);
        if (Meter is not null)
        {
            sim.Connect(Meter, Neurons[..3] + Neurons[^2..]);
        }
    }

    /// <summary>What a run leaves behind: recorded spikes, the neurons' state and the multimeter's samples.</summary>
    public RunResult Result()
    {
        var events = Sim.GetStatus(Recorder).Get<StatusDictionary>("events");
        double[] meterV = [], meterI = [];
        if (Meter is not null)
        {
            var samples = Sim.GetStatus(Meter).Get<StatusDictionary>("events");
            meterV = samples.Get<double[]>("V_m");
            meterI = samples.Get<double[]>("I_syn_ex");
        }

        return new RunResult(
            events.Get<int[]>("senders"),
            events.Get<double[]>("times"),
            Sim.GetStatus<double>(Neurons, "V_m"),
            Sim.GetStatus<double>(Neurons, "I_syn_ex"),
            meterV,
            meterI);
    }

    public void Dispose()
    {
        Sim.Dispose();
        if (_directory is not null && System.IO.Directory.Exists(_directory))
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
    }
}
