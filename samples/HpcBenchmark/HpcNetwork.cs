// NEST's HPC benchmark network (pynest/examples/hpc_benchmark.py, NEST 3.9), in our own code: a Brunel-type balanced
// network of 9,000·scale excitatory and 2,250·scale inhibitory iaf_psc_alpha neurons, each with 9,000 excitatory and
// 2,250 inhibitory inputs (fixed in-degree, multapses, no autapses) whatever the scale, excitatory-to-excitatory
// connections plastic (stdp_pl_synapse_hom_hpc, Morrison et al. 2007), the rest static; one Poisson generator drives
// every neuron; V_m starts normally distributed. The same code serves the sample and the benchmark program.

using System.Diagnostics;
using MathNet.Numerics.Distributions;
using NeuroKernel;
using NeuroKernel.Numerics;

namespace NeuroKernel.Samples.Hpc;

/// <summary>The benchmark's parameters (hpc_benchmark.py's brunel_params and params) and the network built from them.</summary>
public sealed class HpcNetwork : IDisposable
{
    /// <summary>Excitatory neurons at scale 1.</summary>
    public const int NEAtScale1 = 9000;

    /// <summary>Inhibitory neurons at scale 1.</summary>
    public const int NIAtScale1 = 2250;

    /// <summary>The default seed: NEST's default rng_seed (the initial potentials are drawn from it too).</summary>
    public const int DefaultSeed = 143202461;

    /// <summary>Neurons whose spikes are recorded (NEST's Nrec).</summary>
    public const int NRec = 1000;

    /// <summary>Synaptic time constant (ms) that gives the benchmark's PSP rise time of 1.700759 ms with tau_m = 10 ms.</summary>
    public const double TauSyn = 0.32582722403722841;

    /// <summary>Membrane parameters of every neuron (mV, pF, ms).</summary>
    public static StatusDictionary NeuronParameters() => new()
    {
        ["E_L"] = 0.0, ["C_m"] = 250.0, ["tau_m"] = 10.0, ["t_ref"] = 0.5, ["V_th"] = 20.0, ["V_reset"] = 0.0,
        ["tau_syn_ex"] = TauSyn, ["tau_syn_in"] = TauSyn, ["tau_minus"] = 30.0, ["V_m"] = 5.7,
    };

    /// <summary>Mean and standard deviation of the initial V_m (mV).</summary>
    public const double MeanPotential = 5.7, SigmaPotential = 7.2;

    /// <summary>Delay of every connection (ms).</summary>
    public const double Delay = 1.5;

    /// <summary>Peak of the EPSP (mV) and the relative strength of inhibition.</summary>
    public const double JE = 0.14, G = -5.0;

    /// <summary>Scaling of the external drive relative to the threshold rate.</summary>
    public const double Eta = 1.685;

    /// <summary>The plastic synapses' common properties (stdp_pl_synapse_hom).</summary>
    public static StatusDictionary StdpParameters() => new() { ["alpha"] = 0.0513, ["lambda"] = 0.1, ["mu"] = 0.4, ["tau_plus"] = 15.0 };

    private HpcNetwork(Simulator simulator, NodeCollection excitatory, NodeCollection inhibitory, NodeCollection recorder)
    {
        Simulator = simulator;
        Excitatory = excitatory;
        Inhibitory = inhibitory;
        Recorder = recorder;
    }

    /// <summary>The kernel holding the network.</summary>
    public Simulator Simulator { get; }

    /// <summary>The excitatory population.</summary>
    public NodeCollection Excitatory { get; }

    /// <summary>The inhibitory population.</summary>
    public NodeCollection Inhibitory { get; }

    /// <summary>The spike recorder of the first <see cref="NRec"/> excitatory neurons.</summary>
    public NodeCollection Recorder { get; }

    /// <summary>Wall-clock time (s) to create the nodes.</summary>
    public double NodesSeconds { get; private set; }

    /// <summary>Wall-clock time (s) to connect them.</summary>
    public double ConnectSeconds { get; private set; }

    /// <summary>
    /// The excitatory weight (pA) whose EPSP peaks at <see cref="JE"/> mV: hpc_benchmark.py's convert_synapse_weight, the
    /// peak of the PSP that 1 pA of alpha-shaped current causes in a neuron at rest (with the Lambert W function, as NEST's
    /// script computes it).
    /// </summary>
    public static double ExcitatoryWeight { get; } = JE / PostSynapticPotential.AlphaPeakPerUnitCurrent(10.0, 250.0, TauSyn);

    /// <summary>The Poisson generator's rate (Hz): eta times the rate that brings the mean input to threshold, for CE inputs.</summary>
    public static double ExternalRate(int ce)
    {
        double nuThreshold = 20.0 / (ce * 10.0 / 250.0 * ExcitatoryWeight * Math.E * TauSyn);
        return nuThreshold * Eta * ce * 1000.0;
    }

    /// <summary>Builds the network at <paramref name="scale"/> on <paramref name="threads"/> threads.</summary>
    /// <param name="scale">Network size relative to 11,250 neurons (the in-degrees stay 9,000 and 2,250).</param>
    /// <param name="threads">local_num_threads.</param>
    /// <param name="seed">rng_seed, and the seed of the initial potentials.</param>
    public static HpcNetwork Build(double scale, int threads, int seed = DefaultSeed)
    {
        var sim = new Simulator();
        try
        {
            return Build(sim, scale, threads, seed);
        }
        catch
        {
            sim.Dispose();
            throw;
        }
    }

    private static HpcNetwork Build(Simulator sim, double scale, int threads, int seed)
    {
        var clock = Stopwatch.StartNew();
        int ne = (int)(NEAtScale1 * scale), ni = (int)(NIAtScale1 * scale);
        int ce = (int)(1.0 * ne / scale), ci = (int)(1.0 * ni / scale);
        sim.SetKernelStatus(new() { ["local_num_threads"] = threads, ["resolution"] = 0.1, ["rng_seed"] = (long)seed });
        sim.SetDefaults("iaf_psc_alpha", NeuronParameters());
        var excitatory = sim.Create("iaf_psc_alpha", ne);
        var inhibitory = sim.Create("iaf_psc_alpha", ni);
        // V_m ~ normal(5.7, 7.2) mV, drawn in id order from one seeded stream (nest.random.normal in NEST's script).
        var normal = new Normal(MeanPotential, SigmaPotential, new System.Random(seed));
        sim.SetStatus(excitatory, "V_m", [.. Enumerable.Range(0, ne).Select(_ => normal.Sample())]);
        sim.SetStatus(inhibitory, "V_m", [.. Enumerable.Range(0, ni).Select(_ => normal.Sample())]);
        var stimulus = sim.Create("poisson_generator", 1, new() { ["rate"] = ExternalRate(ce) });
        var recorder = sim.Create("spike_recorder");
        double nodes = clock.Elapsed.TotalSeconds;

        clock.Restart();
        double je = ExcitatoryWeight;
        sim.SetDefaults("static_synapse_hpc", new() { ["delay"] = Delay });
        sim.CopyModel("static_synapse_hpc", "syn_ex", new() { ["weight"] = je });
        sim.CopyModel("static_synapse_hpc", "syn_in", new() { ["weight"] = G * je });
        var stdp = StdpParameters();
        stdp["weight"] = je;
        stdp["delay"] = Delay;
        sim.SetDefaults("stdp_pl_synapse_hom_hpc", stdp);

        var allToAll = new StatusDictionary { ["rule"] = "all_to_all" };
        sim.Connect(stimulus, excitatory, allToAll, new StatusDictionary { ["synapse_model"] = "syn_ex" });
        sim.Connect(stimulus, inhibitory, allToAll, new StatusDictionary { ["synapse_model"] = "syn_ex" });
        StatusDictionary InDegree(int k) => new() { ["rule"] = "fixed_indegree", ["indegree"] = (long)k, ["allow_autapses"] = false, ["allow_multapses"] = true };
        // One Connect call makes at most 2^30 connections: above scale 13 the targets are connected in parts (the same
        // rule for each part, so the same network statistically; at scale ≤ 13 one call, as NEST's script).
        void ConnectInParts(NodeCollection from, NodeCollection to, int inDegree, string model)
        {
            int part = Math.Max(1, (1 << 30) / inDegree);
            for (int first = 0; first < to.Count; first += part)
            {
                sim.Connect(from, to[first..Math.Min(to.Count, first + part)], InDegree(inDegree), new StatusDictionary { ["synapse_model"] = model });
            }
        }

        ConnectInParts(excitatory, excitatory, ce, "stdp_pl_synapse_hom_hpc");
        ConnectInParts(inhibitory, excitatory, ci, "syn_in");
        ConnectInParts(excitatory, inhibitory, ce, "syn_ex");
        ConnectInParts(inhibitory, inhibitory, ci, "syn_in");
        sim.Connect(excitatory[..Math.Min(NRec, ne)], recorder);
        double connect = clock.Elapsed.TotalSeconds;
        return new HpcNetwork(sim, excitatory, inhibitory, recorder) { NodesSeconds = nodes, ConnectSeconds = connect };
    }

    /// <summary>
    /// The rate as NEST's script reports it (compute_rate): every spike the recorder holds, presimulation included,
    /// per recorded neuron and per second of <paramref name="simtimeMs"/>; and the plain mean rate of the recorded neurons
    /// over the time after <paramref name="fromMs"/> (Hz).
    /// </summary>
    public (double NestRate, double Rate) RecordedRates(double fromMs, double simtimeMs)
    {
        var times = Simulator.GetStatus(Recorder).Get<StatusDictionary>("events").Get<double[]>("times");
        int recorded = Math.Min(NRec, Excitatory.Count);
        return (times.Length / (recorded * simtimeMs / 1000.0), times.Count(t => t > fromMs) / (recorded * simtimeMs / 1000.0));
    }

    /// <summary>Releases the kernel.</summary>
    public void Dispose() => Simulator.Dispose();
}
