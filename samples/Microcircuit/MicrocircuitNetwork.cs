// The cortical microcircuit of Potjans & Diesmann (2014, Cerebral Cortex 24:785), as NEST's PyNEST example
// (Potjans_2014: network_params.py, stimulus_params.py, sim_params.py) parameterizes it, in our own code: 77,169
// iaf_psc_exp neurons in 8 populations (L2/3, L4, L5, L6 × E/I) at full scale, connected population to population by
// fixed_total_number with normally distributed weights and delays (redrawn outside their bounds), Poisson or DC
// background, optional thalamic input. The same code serves the sample, the benchmark program and the tests.

using System.Diagnostics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;
using NeuroKernel;

namespace NeuroKernel.Samples.Microcircuit;

/// <summary>
/// The model's parameters and what follows from them at a given scale (NEST's <c>Network.__derive_parameters</c>).
/// Population order everywhere: L2/3E, L2/3I, L4E, L4I, L5E, L5I, L6E, L6I; matrices are [target, source].
/// </summary>
public sealed class MicrocircuitParameters
{
    /// <summary>Population names.</summary>
    public static readonly string[] Populations = ["L23E", "L23I", "L4E", "L4I", "L5E", "L5I", "L6E", "L6I"];

    /// <summary>Neurons per population at full scale (1 mm² of cortex).</summary>
    public static readonly int[] FullNumNeurons = [20683, 5834, 21915, 5479, 4850, 1065, 14395, 2948];

    /// <summary>Mean rates (spikes/s) of the full-scale network, used to compensate the input lost when in-degrees are scaled down.</summary>
    public static readonly double[] FullMeanRates = [0.943, 3.026, 4.368, 5.882, 7.733, 8.664, 1.096, 7.851];

    /// <summary>Connection probabilities [target, source] at full scale.</summary>
    public static readonly double[,] ConnectionProbabilities =
    {
        { 0.1009, 0.1689, 0.0437, 0.0818, 0.0323, 0.0, 0.0076, 0.0 },
        { 0.1346, 0.1371, 0.0316, 0.0515, 0.0755, 0.0, 0.0042, 0.0 },
        { 0.0077, 0.0059, 0.0497, 0.135, 0.0067, 0.0003, 0.0453, 0.0 },
        { 0.0691, 0.0029, 0.0794, 0.1597, 0.0033, 0.0, 0.1057, 0.0 },
        { 0.1004, 0.0622, 0.0505, 0.0057, 0.0831, 0.3726, 0.0204, 0.0 },
        { 0.0548, 0.0269, 0.0257, 0.0022, 0.06, 0.3158, 0.0086, 0.0 },
        { 0.0156, 0.0066, 0.0211, 0.0166, 0.0572, 0.0197, 0.0396, 0.2252 },
        { 0.0364, 0.001, 0.0034, 0.0005, 0.0277, 0.008, 0.0658, 0.1443 },
    };

    /// <summary>External (Poisson) in-degrees at full scale.</summary>
    public static readonly int[] FullExternalInDegrees = [1600, 1500, 2100, 1900, 2000, 1900, 2900, 2100];

    /// <summary>Mean excitatory PSP amplitude (mV); the L4E → L2/3E PSP is twice this.</summary>
    public const double PspExcitatoryMean = 0.15;

    /// <summary>Relative standard deviation of the weights.</summary>
    public const double WeightRelativeStd = 0.1;

    /// <summary>Relative inhibitory strength.</summary>
    public const double G = -4.0;

    /// <summary>Mean delays (ms) of excitatory and inhibitory connections, and their relative standard deviation.</summary>
    public const double DelayExcitatoryMean = 1.5, DelayInhibitoryMean = 0.75, DelayRelativeStd = 0.5;

    /// <summary>Rate (spikes/s) of each external Poisson input and the delay (ms) of the Poisson generators' connections.</summary>
    public const double BackgroundRate = 8.0, PoissonDelay = 1.5;

    /// <summary>Initial V_m (mV): population-specific mean and standard deviation (the example's 'optimized' V0_type).</summary>
    public static readonly double[] V0Mean = [-68.28, -63.16, -63.33, -63.45, -63.11, -61.66, -66.72, -61.43];

    /// <summary>Standard deviations (mV) of the initial V_m.</summary>
    public static readonly double[] V0Std = [5.36, 4.57, 4.74, 4.94, 4.94, 4.55, 5.46, 4.48];

    /// <summary>Neuron parameters (mV, pF, ms) of iaf_psc_exp.</summary>
    public const double EL = -65.0, VTh = -50.0, VReset = -65.0, CM = 250.0, TauM = 10.0, TauSyn = 0.5, TRef = 2.0;

    /// <summary>Simulation resolution (ms).</summary>
    public const double Resolution = 0.1;

    /// <summary>Thalamic input: neurons (not scaled), connection probabilities to the populations, PSP (mV), delay mean (ms) and relative std.</summary>
    public const int ThalamicNeurons = 902;

    /// <summary>Connection probabilities from the thalamus to each population at full scale.</summary>
    public static readonly double[] ThalamicProbabilities = [0.0, 0.0, 0.0983, 0.0619, 0.0, 0.0, 0.0512, 0.0196];

    /// <summary>Thalamic PSP (mV), delay mean (ms) and its relative standard deviation; the burst's start (ms), duration (ms) and rate (spikes/s).</summary>
    public const double ThalamicPsp = 0.15, ThalamicDelayMean = 1.5, ThalamicDelayRelativeStd = 0.5, ThalamicStart = 700.0, ThalamicDuration = 10.0, ThalamicRate = 120.0;

    /// <summary>Derives the scaled network: neuron and synapse numbers, weights, and the DC input.</summary>
    /// <param name="nScaling">Factor on the neuron numbers (0, 1].</param>
    /// <param name="kScaling">Factor on the in-degrees (0, 1].</param>
    /// <param name="poissonInput">Poisson background (true) or the DC current that replaces it (false).</param>
    public MicrocircuitParameters(double nScaling, double kScaling, bool poissonInput = true)
    {
        NScaling = nScaling;
        KScaling = kScaling;
        PoissonInput = poissonInput;
        const int P = 8;
        var fullSynapses = FullNumSynapses();
        NumNeurons = [.. FullNumNeurons.Select(n => (int)Math.Round(n * nScaling))];
        NumSynapses = new long[P, P];
        for (int i = 0; i < P; i++)
        {
            for (int j = 0; j < P; j++)
            {
                NumSynapses[i, j] = (long)Math.Round(fullSynapses[i, j] * nScaling * kScaling);
            }
        }

        ExternalInDegrees = [.. FullExternalInDegrees.Select(k => (int)Math.Round(k * kScaling))];
        double pscOverPsp = PscOverPsp(CM, TauM, TauSyn);
        var weights = new double[P, P];
        for (int i = 0; i < P; i++)
        {
            for (int j = 0; j < P; j++)
            {
                double psp = j % 2 == 0 ? PspExcitatoryMean : PspExcitatoryMean * G;
                weights[i, j] = (i == 0 && j == 2 ? 2.0 * PspExcitatoryMean : psp) * pscOverPsp;
            }
        }

        double externalWeight = PspExcitatoryMean * pscOverPsp;
        // Without Poisson input, a DC current carries its mean (dc_input_compensating_poisson).
        var dc = new double[P];
        if (!poissonInput)
        {
            for (int i = 0; i < P; i++)
            {
                dc[i] = BackgroundRate * FullExternalInDegrees[i] * externalWeight * TauSyn * 0.001;
            }
        }

        ThalamicWeight = ThalamicPsp * pscOverPsp;
        if (kScaling != 1.0)
        {
            // Weights grow with 1/sqrt(K) to keep the input's variance; a DC current restores its mean
            // (adjust_weights_and_input_to_synapse_scaling), from the full network's in-degrees and rates.
            double shrink = 1.0 - Math.Sqrt(kScaling);
            for (int i = 0; i < P; i++)
            {
                double recurrent = 0.0;
                for (int j = 0; j < P; j++)
                {
                    recurrent += weights[i, j] * (fullSynapses[i, j] / FullNumNeurons[i]) * FullMeanRates[j];
                }

                dc[i] += 0.001 * TauSyn * shrink * recurrent;
                if (poissonInput)
                {
                    dc[i] += 0.001 * TauSyn * shrink * externalWeight * FullExternalInDegrees[i] * BackgroundRate;
                }
            }

            for (int i = 0; i < P; i++)
            {
                for (int j = 0; j < P; j++)
                {
                    weights[i, j] /= Math.Sqrt(kScaling);
                }
            }

            externalWeight /= Math.Sqrt(kScaling);
            ThalamicWeight /= Math.Sqrt(kScaling);
        }

        WeightMean = weights;
        ExternalWeight = externalWeight;
        DcAmplitude = dc;
        ThalamicSynapses = new long[P];
        for (int i = 0; i < P; i++)
        {
            double full = SynapsesFromProbability(ThalamicProbabilities[i], ThalamicNeurons, FullNumNeurons[i]);
            ThalamicSynapses[i] = (long)Math.Round(full * kScaling);
        }
    }

    /// <summary>Factor on the neuron numbers.</summary>
    public double NScaling { get; }

    /// <summary>Factor on the in-degrees.</summary>
    public double KScaling { get; }

    /// <summary>Whether the background is Poisson (else DC).</summary>
    public bool PoissonInput { get; }

    /// <summary>Neurons per population.</summary>
    public int[] NumNeurons { get; }

    /// <summary>Synapses [target, source]: round(full-scale number · N_scaling · K_scaling).</summary>
    public long[,] NumSynapses { get; }

    /// <summary>External in-degrees: round(K_ext · K_scaling).</summary>
    public int[] ExternalInDegrees { get; }

    /// <summary>Mean weights (pA) [target, source], scaled with 1/sqrt(K_scaling).</summary>
    public double[,] WeightMean { get; }

    /// <summary>Weight (pA) of the Poisson background's connections.</summary>
    public double ExternalWeight { get; }

    /// <summary>DC input (pA, I_e) per population: the mean of the input lost to K_scaling, and the Poisson input's mean without Poisson input.</summary>
    public double[] DcAmplitude { get; }

    /// <summary>Mean weight (pA) of the thalamic connections.</summary>
    public double ThalamicWeight { get; }

    /// <summary>Thalamic synapses per population: round(full-scale number · K_scaling) (the thalamus is not scaled with N_scaling).</summary>
    public long[] ThalamicSynapses { get; }

    /// <summary>Total number of recurrent synapses.</summary>
    public long TotalSynapses
    {
        get
        {
            long total = 0;
            foreach (long n in NumSynapses)
            {
                total += n;
            }

            return total;
        }
    }

    /// <summary>Mean delay (ms) of a connection from population <paramref name="source"/>.</summary>
    public static double DelayMean(int source) => source % 2 == 0 ? DelayExcitatoryMean : DelayInhibitoryMean;

    /// <summary>
    /// The number of synapses that makes the probability of at least one connection between a pair <paramref name="p"/>
    /// when synapses pick their pair uniformly among n1·n2 (the model's Eq. 1): log(1 − p) / log(1 − 1/(n1·n2)).
    /// </summary>
    public static double SynapsesFromProbability(double p, double n1, double n2)
    {
        double pairs = n1 * n2;
        return Math.Log(1.0 - p) / Math.Log((pairs - 1.0) / pairs);
    }

    /// <summary>Full-scale synapse numbers [target, source], not rounded.</summary>
    public static double[,] FullNumSynapses()
    {
        var k = new double[8, 8];
        for (int i = 0; i < 8; i++)
        {
            for (int j = 0; j < 8; j++)
            {
                k[i, j] = SynapsesFromProbability(ConnectionProbabilities[i, j], FullNumNeurons[i], FullNumNeurons[j]);
            }
        }

        return k;
    }

    /// <summary>
    /// PSC amplitude (pA) per mV of PSP peak for an exponential current into a leaky membrane at rest
    /// (postsynaptic_potential_to_current: the PSP's maximum, found where its derivative vanishes).
    /// </summary>
    public static double PscOverPsp(double cM, double tauM, double tauSyn)
    {
        double sub = 1.0 / (tauSyn - tauM);
        double pre = tauM * tauSyn / cM * sub;
        double frac = Math.Pow(tauM / tauSyn, sub);
        return 1.0 / (pre * (Math.Pow(frac, tauM) - Math.Pow(frac, tauSyn)));
    }
}

/// <summary>The microcircuit built in a <see cref="Simulator"/>: its populations, devices and build times.</summary>
public sealed class MicrocircuitNetwork : IDisposable
{
    private MicrocircuitNetwork(Simulator simulator, MicrocircuitParameters parameters, NodeCollection[] populations, NodeCollection[] recorders)
    {
        Simulator = simulator;
        Parameters = parameters;
        Populations = populations;
        Recorders = recorders;
    }

    /// <summary>The kernel holding the network.</summary>
    public Simulator Simulator { get; }

    /// <summary>The derived parameters the network was built from.</summary>
    public MicrocircuitParameters Parameters { get; }

    /// <summary>The 8 populations, in <see cref="MicrocircuitParameters.Populations"/> order.</summary>
    public NodeCollection[] Populations { get; }

    /// <summary>One spike recorder per population, recording all its neurons.</summary>
    public NodeCollection[] Recorders { get; }

    /// <summary>Wall-clock time (s) to create the nodes.</summary>
    public double CreateSeconds { get; private set; }

    /// <summary>Wall-clock time (s) to connect them.</summary>
    public double ConnectSeconds { get; private set; }

    /// <summary>Builds the microcircuit.</summary>
    /// <param name="parameters">Scaling and input.</param>
    /// <param name="threads">local_num_threads.</param>
    /// <param name="seed">rng_seed, and the seed of the initial potentials.</param>
    /// <param name="thalamic">Whether to add the thalamic burst (902 parrot neurons driven at 120 spikes/s from 700 to 710 ms).</param>
    /// <param name="record">Whether to connect the spike recorders.</param>
    public static MicrocircuitNetwork Build(MicrocircuitParameters parameters, int threads, int seed, bool thalamic = false, bool record = true)
    {
        var sim = new Simulator();
        try
        {
            return Build(sim, parameters, threads, seed, thalamic, record);
        }
        catch
        {
            sim.Dispose();
            throw;
        }
    }

    private static MicrocircuitNetwork Build(Simulator sim, MicrocircuitParameters p, int threads, int seed, bool thalamic, bool record)
    {
        var clock = Stopwatch.StartNew();
        sim.SetKernelStatus(new() { ["local_num_threads"] = threads, ["resolution"] = MicrocircuitParameters.Resolution, ["rng_seed"] = (long)seed });
        sim.SetDefaults("iaf_psc_exp", new()
        {
            ["tau_syn_ex"] = MicrocircuitParameters.TauSyn, ["tau_syn_in"] = MicrocircuitParameters.TauSyn, ["E_L"] = MicrocircuitParameters.EL,
            ["V_th"] = MicrocircuitParameters.VTh, ["V_reset"] = MicrocircuitParameters.VReset, ["t_ref"] = MicrocircuitParameters.TRef,
            ["C_m"] = MicrocircuitParameters.CM, ["tau_m"] = MicrocircuitParameters.TauM,
        });
        // V_m ~ normal(V0_mean, V0_std) per population, drawn in id order from one seeded stream (nest.random.normal).
        var random = new System.Random(seed);
        var populations = new NodeCollection[8];
        for (int i = 0; i < 8; i++)
        {
            populations[i] = sim.Create("iaf_psc_exp", p.NumNeurons[i], new() { ["I_e"] = p.DcAmplitude[i] });
            var normal = new Normal(MicrocircuitParameters.V0Mean[i], MicrocircuitParameters.V0Std[i], random);
            sim.SetStatus(populations[i], "V_m", [.. Enumerable.Range(0, p.NumNeurons[i]).Select(_ => normal.Sample())]);
        }

        var recorders = record ? Enumerable.Range(0, 8).Select(_ => sim.Create("spike_recorder")).ToArray() : [];
        NodeCollection? background = p.PoissonInput ? sim.Create("poisson_generator", 8) : null;
        if (background is not null)
        {
            for (int i = 0; i < 8; i++)
            {
                sim.SetStatus(background[i..(i + 1)], new StatusDictionary { ["rate"] = MicrocircuitParameters.BackgroundRate * p.ExternalInDegrees[i] });
            }
        }

        NodeCollection? thalamus = null, thalamicDrive = null;
        if (thalamic)
        {
            thalamus = sim.Create("parrot_neuron", MicrocircuitParameters.ThalamicNeurons);
            thalamicDrive = sim.Create("poisson_generator", 1, new()
            {
                ["rate"] = MicrocircuitParameters.ThalamicRate, ["start"] = MicrocircuitParameters.ThalamicStart,
                ["stop"] = MicrocircuitParameters.ThalamicStart + MicrocircuitParameters.ThalamicDuration,
            });
        }

        double create = clock.Elapsed.TotalSeconds;
        clock.Restart();
        for (int i = 0; i < 8; i++)
        {
            for (int j = 0; j < 8; j++)
            {
                long n = p.NumSynapses[i, j];
                if (n == 0)
                {
                    continue;
                }

                double w = p.WeightMean[i, j];
                double d = MicrocircuitParameters.DelayMean(j);
                var syn = new StatusDictionary
                {
                    ["synapse_model"] = "static_synapse",
                    ["weight"] = w < 0
                        ? Distributions.Normal(w, Math.Abs(w * MicrocircuitParameters.WeightRelativeStd), double.NegativeInfinity, 0.0)
                        : Distributions.Normal(w, Math.Abs(w * MicrocircuitParameters.WeightRelativeStd), 0.0, double.PositiveInfinity),
                    ["delay"] = Distributions.Normal(d, d * MicrocircuitParameters.DelayRelativeStd, MicrocircuitParameters.Resolution, double.PositiveInfinity),
                };
                sim.Connect(populations[j], populations[i], new StatusDictionary { ["rule"] = "fixed_total_number", ["N"] = n }, syn);
            }
        }

        if (background is not null)
        {
            for (int i = 0; i < 8; i++)
            {
                sim.Connect(background[i..(i + 1)], populations[i], "all_to_all",
                    new StatusDictionary { ["synapse_model"] = "static_synapse", ["weight"] = p.ExternalWeight, ["delay"] = MicrocircuitParameters.PoissonDelay });
            }
        }

        if (thalamus is not null && thalamicDrive is not null)
        {
            sim.Connect(thalamicDrive, thalamus, "all_to_all");
            double w = p.ThalamicWeight, d = MicrocircuitParameters.ThalamicDelayMean;
            for (int i = 0; i < 8; i++)
            {
                if (p.ThalamicSynapses[i] == 0)
                {
                    continue;
                }

                var syn = new StatusDictionary
                {
                    ["weight"] = Distributions.Normal(w, w * MicrocircuitParameters.WeightRelativeStd, 0.0, double.PositiveInfinity),
                    ["delay"] = Distributions.Normal(d, d * MicrocircuitParameters.ThalamicDelayRelativeStd, MicrocircuitParameters.Resolution, double.PositiveInfinity),
                };
                sim.Connect(thalamus, populations[i], new StatusDictionary { ["rule"] = "fixed_total_number", ["N"] = p.ThalamicSynapses[i] }, syn);
            }
        }

        for (int i = 0; i < recorders.Length; i++)
        {
            sim.Connect(populations[i], recorders[i]);
        }

        double connect = clock.Elapsed.TotalSeconds;
        return new MicrocircuitNetwork(sim, p, populations, recorders) { CreateSeconds = create, ConnectSeconds = connect };
    }

    /// <summary>
    /// Per population, each neuron's rate (spikes/s) over (<paramref name="fromMs"/>, <paramref name="toMs"/>] (silent
    /// neurons included, as NEST's example's firing_rates), and the mean coefficient of variation of the inter-spike
    /// intervals over the neurons with at least two intervals there.
    /// </summary>
    public (double[][] Rates, double[] MeanCv) Statistics(double fromMs, double toMs)
    {
        var rates = new double[8][];
        var cvs = new double[8];
        for (int i = 0; i < 8; i++)
        {
            var events = Simulator.GetStatus(Recorders[i]).Get<StatusDictionary>("events");
            var senders = events.Get<int[]>("senders");
            var times = events.Get<double[]>("times");
            int first = Populations[i][0];
            var spikes = new List<double>[Populations[i].Count];
            for (int k = 0; k < times.Length; k++)
            {
                if (times[k] > fromMs && times[k] <= toMs)
                {
                    (spikes[senders[k] - first] ??= []).Add(times[k]);
                }
            }

            rates[i] = [.. spikes.Select(s => (s?.Count ?? 0) * 1000.0 / (toMs - fromMs))];
            cvs[i] = MeanCv(spikes);
        }

        return (rates, cvs);
    }

    private static double MeanCv(List<double>[] spikes)
    {
        double sum = 0.0;
        int n = 0;
        foreach (var s in spikes)
        {
            if (s is null || s.Count < 3)
            {
                continue;
            }

            s.Sort();
            var isi = new double[s.Count - 1];
            for (int k = 1; k < s.Count; k++)
            {
                isi[k - 1] = s[k] - s[k - 1];
            }

            var (mean, std) = (ArrayStatistics.Mean(isi), ArrayStatistics.PopulationStandardDeviation(isi));
            sum += std / mean;
            n++;
        }

        return n > 0 ? sum / n : double.NaN;
    }

    /// <summary>Releases the kernel.</summary>
    public void Dispose() => Simulator.Dispose();
}
