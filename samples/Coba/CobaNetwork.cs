using MathNet.Numerics.Distributions;
using NeuroKernel;

namespace NeuroKernel.Samples.Coba;

/// <summary>
/// The Vogels–Abbott (2005) COBA network as Brette et al. (2007) benchmark it and NEST's and Brian2's examples build it:
/// 4,000 <c>iaf_cond_exp</c> neurons (80 % excitatory), each pair connected with probability 2 % (autapses allowed),
/// conductance jumps of 6 nS (excitatory) and 67 nS (inhibitory), no external input. Activity is self-sustained from
/// random initial V_m (uniform in [−60, −50) mV) and conductances (g_ex ~ N(40, 15) nS, g_in ~ N(200, 120) nS).
/// </summary>
public sealed class CobaNetwork : IDisposable
{
    /// <summary>Number of neurons.</summary>
    public const int NumNeurons = 4000;

    /// <summary>Number of excitatory neurons (the first 80 %).</summary>
    public const int NumExcitatory = 3200;

    /// <summary>Connection probability of each ordered pair.</summary>
    public const double Probability = 0.02;

    /// <summary>Excitatory and inhibitory conductance jumps (nS; the inhibitory one negative, as NEST takes it).</summary>
    public const double WeightExcitatory = 6.0, WeightInhibitory = -67.0;

    /// <summary>Synaptic delay (ms): one step, the smallest NEST allows (the published network has none).</summary>
    public const double Delay = 0.1;

    private CobaNetwork(Simulator simulator, NodeCollection excitatory, NodeCollection inhibitory, NodeCollection exSpikes, NodeCollection inSpikes)
    {
        Simulator = simulator;
        Excitatory = excitatory;
        Inhibitory = inhibitory;
        ExcitatorySpikes = exSpikes;
        InhibitorySpikes = inSpikes;
    }

    /// <summary>The simulator holding the network.</summary>
    public Simulator Simulator { get; }

    /// <summary>The excitatory population.</summary>
    public NodeCollection Excitatory { get; }

    /// <summary>The inhibitory population.</summary>
    public NodeCollection Inhibitory { get; }

    /// <summary>Spike recorder of the excitatory population.</summary>
    public NodeCollection ExcitatorySpikes { get; }

    /// <summary>Spike recorder of the inhibitory population.</summary>
    public NodeCollection InhibitorySpikes { get; }

    /// <summary>The neuron parameters of the benchmark (NEST's iaf_cond_exp keys).</summary>
    public static StatusDictionary NeuronParameters() => new()
    {
        ["C_m"] = 200.0, ["g_L"] = 10.0, ["E_L"] = -60.0, ["V_th"] = -50.0, ["V_reset"] = -60.0, ["t_ref"] = 5.0,
        ["E_ex"] = 0.0, ["E_in"] = -80.0, ["tau_syn_ex"] = 5.0, ["tau_syn_in"] = 10.0, ["I_e"] = 0.0,
    };

    /// <summary>Builds the network on <paramref name="threads"/> threads; <paramref name="seed"/> draws the initial state and the connections.</summary>
    public static CobaNetwork Build(int threads, int seed)
    {
        var sim = new Simulator();
        try
        {
            sim.SetKernelStatus(new StatusDictionary { ["resolution"] = 0.1, ["local_num_threads"] = (long)threads, ["rng_seed"] = (long)seed });
            sim.SetDefaults("iaf_cond_exp", NeuronParameters());
            var neurons = sim.Create("iaf_cond_exp", NumNeurons);
            var random = new System.Random(seed);
            var vm = new ContinuousUniform(-60.0, -50.0, random);
            var gEx = new Normal(40.0, 15.0, random);
            var gIn = new Normal(200.0, 120.0, random);
            sim.SetStatus(neurons, "V_m", [.. Enumerable.Range(0, NumNeurons).Select(_ => vm.Sample())]);
            sim.SetStatus(neurons, "g_ex", [.. Enumerable.Range(0, NumNeurons).Select(_ => gEx.Sample())]);
            sim.SetStatus(neurons, "g_in", [.. Enumerable.Range(0, NumNeurons).Select(_ => gIn.Sample())]);
            var excitatory = neurons[..NumExcitatory];
            var inhibitory = neurons[NumExcitatory..];
            var rule = new ConnSpec("pairwise_bernoulli", new StatusDictionary { ["p"] = Probability });
            sim.Connect(excitatory, neurons, rule, new SynSpec("static_synapse", WeightExcitatory, Delay));
            sim.Connect(inhibitory, neurons, rule, new SynSpec("static_synapse", WeightInhibitory, Delay));
            var exSpikes = sim.Create("spike_recorder");
            var inSpikes = sim.Create("spike_recorder");
            sim.Connect(excitatory, exSpikes);
            sim.Connect(inhibitory, inSpikes);
            return new CobaNetwork(sim, excitatory, inhibitory, exSpikes, inSpikes);
        }
        catch
        {
            sim.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Simulator.Dispose();
}
