namespace NeuroKernel.Tests.Plotting;

/// <summary>
/// Twenty iaf_psc_alpha neurons driven by constant currents from 380 pA (just above the rheobase of
/// C_m·(V_th − E_L)/tau_m = 375 pA) to 1000 pA, so that their rates spread from a few to about a hundred Hz,
/// recorded three ways: in memory, to a NEST 2 <c>.gdf</c> file and to a NEST 3 <c>.dat</c> file.
/// </summary>
internal sealed class SmallNetwork : IDisposable
{
    public const int NeuronCount = 20;
    public const double SimTimeMs = 200.0;

    public SmallNetwork(string dataPath)
    {
        Sim = new Simulator();
        Sim.SetKernelStatus(new() { ["resolution"] = 0.1, ["data_path"] = dataPath, ["overwrite_files"] = true });
        Neurons = Sim.Create("iaf_psc_alpha", NeuronCount);
        var currents = Enumerable.Range(0, NeuronCount).Select(i => 380.0 + (1000.0 - 380.0) * i / (NeuronCount - 1)).ToArray();
        Sim.SetStatus(Neurons, "I_e", currents);

        Memory = Sim.Create("spike_recorder");
        Gdf = Sim.Create("spike_recorder", 1, new() { ["label"] = "raster-gdf", ["to_file"] = true });
        Dat = Sim.Create("spike_recorder", 1, new() { ["label"] = "raster-dat", ["record_to"] = "ascii" });
        Sim.Connect(Neurons, Memory);
        Sim.Connect(Neurons, Gdf);
        Sim.Connect(Neurons, Dat);
        Sim.Simulate(SimTimeMs);

        var events = Sim.GetStatus(Memory).Get<StatusDictionary>("events");
        Senders = events.Get<int[]>("senders");
        Times = events.Get<double[]>("times");
        GdfFile = Sim.GetStatus(Gdf).Get<string[]>("filenames")[0];
        DatFile = Sim.GetStatus(Dat).Get<string[]>("filenames")[0];
    }

    public Simulator Sim { get; }

    public NodeCollection Neurons { get; }

    public NodeCollection Memory { get; }

    public NodeCollection Gdf { get; }

    public NodeCollection Dat { get; }

    public int[] Senders { get; }

    public double[] Times { get; }

    public string GdfFile { get; }

    public string DatFile { get; }

    public void Dispose() => Sim.Dispose();
}
