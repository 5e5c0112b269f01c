using System.Collections;
using System.Globalization;

namespace NeuroKernel.Tests.Reliability;

/// <summary>
/// Draws random API calls, valid and invalid, from a seeded <see cref="System.Random"/>: Create, SetStatus,
/// SetDefaults, CopyModel, Connect (every rule, scalar, array and distributed weights and delays, explicit id
/// arrays), Simulate, SetKernelStatus, reads and ResetKernel. It tracks what exists (populations and their
/// models, node and synapse model names) from the calls that succeeded, so that most calls are plausible and
/// the invariants can be checked against it.
/// </summary>
/// <remarks>
/// Two things are never drawn, because they would leave the kernel unable to simulate for the rest of the
/// sequence and the fuzz would stop exploring (both are covered by <see cref="BadInputTableTests"/>):
/// device times off the grid (all are multiples of 0.2 ms) and multimeters asking a target for a recordable it does not have. File output is
/// never enabled, so the sequences stay in memory.
/// </remarks>
internal sealed class CallFuzzer
{
    private const int MaxNodes = 240;

    private static readonly string[] BuiltInModels =
        ["iaf_psc_alpha", "iaf_psc_exp", "iaf_psc_delta", "parrot_neuron", "poisson_generator", "spike_generator",
         "spike_recorder", "dc_generator", "multimeter", "voltmeter"];

    private static readonly string[] Neurons = ["iaf_psc_alpha", "iaf_psc_exp", "iaf_psc_delta"];

    private static readonly string[] VoltageOnly = ["V_m"];

    private static readonly double[] BadTimes = [-0.1, 0.05, double.NaN, 1.25, double.PositiveInfinity];

    private static readonly double[] Resolutions = [0.1, 0.2];

    private readonly System.Random _rng;
    private readonly List<(NodeCollection Nodes, string Kind)> _pops = [];
    private readonly List<string> _nodeModels = [];
    private readonly Dictionary<string, string> _kindOf = new(StringComparer.Ordinal);
    private readonly List<string> _synapses = [];
    private int _copies;

    public CallFuzzer(int seed)
    {
        _rng = new System.Random(seed);
        ResetModels();
    }

    /// <summary>Nodes that exist according to the calls that succeeded.</summary>
    public int ExpectedSize => _pops.Sum(p => p.Nodes.Count);

    /// <summary>
    /// The node models the kernel has: those the fuzzer creates, the weight_recorder and volume_transmitter, which it
    /// does not create (they serve only plastic connections), and the ODE neurons and stimulation devices of issue 18,
    /// which have tests of their own.
    /// </summary>
    public IReadOnlyList<string> NodeModels => [.. _nodeModels, "weight_recorder", "volume_transmitter", .. NotFuzzed];

    /// <summary>Built-in models the fuzzer leaves alone.</summary>
    private static readonly string[] NotFuzzed =
    [
        "iaf_cond_alpha", "iaf_cond_exp", "iaf_cond_beta", "aeif_cond_alpha", "aeif_cond_exp", "aeif_psc_alpha", "hh_psc_alpha",
        "hh_cond_exp_traub", "izhikevich", "mat2_psc_exp", "ac_generator", "step_current_generator", "sinusoidal_poisson_generator",
        "inhomogeneous_poisson_generator", "noise_generator", "mip_generator", "pulsepacket_generator", "iaf_psc_exp_multisynapse",
        "iaf_psc_alpha_multisynapse", "aeif_cond_beta_multisynapse", "gif_psc_exp", "gif_cond_exp", "gif_cond_exp_multisynapse", "gamma_sup_generator", "ppd_sup_generator", "sinusoidal_gamma_generator",
        "correlation_detector", "correlomatrix_detector", "glif_psc", "glif_cond", "iaf_cond_exp_sfa_rr", "step_rate_generator",
    ];

    public IReadOnlyList<string> SynapseModels => _synapses;

    /// <summary>The spike recorders that exist.</summary>
    public IEnumerable<NodeCollection> Recorders => _pops.Where(p => p.Kind == "spike_recorder").Select(p => p.Nodes);

    public FuzzCall Next() => _rng.Next(100) switch
    {
        < 18 => Create(),
        < 30 => SetStatus(),
        < 37 => SetDefaults(),
        < 42 => CopyModel(),
        < 68 => Chance(0.8) ? Connect() : ConnectIds(),
        < 80 => Simulate(),
        < 86 => SetKernelStatus(),
        < 98 => Read(),
        _ => ResetKernel(),
    };

    /// <summary>
    /// The calls that end a sequence: a spike recorder for every neuron and parrot that exists, then 50 ms of
    /// simulation, so that the final network leaves spikes for the replay to reproduce.
    /// </summary>
    public IEnumerable<FuzzCall> Epilogue()
    {
        var created = new NodeCollection[1];
        yield return new("Create(\"spike_recorder\")", s => created[0] = s.Create("spike_recorder"), () => _pops.Add((created[0], "spike_recorder")));
        foreach (var (nodes, kind) in _pops.Where(p => p.Kind is "iaf_psc_alpha" or "iaf_psc_exp" or "iaf_psc_delta" or "parrot_neuron").ToList())
        {
            yield return new($"Connect({nodes} [{kind}], recorder)", s => s.Connect(nodes, created[0]));
        }

        yield return new("Simulate(50)", s => s.Simulate(50.0));
    }

    private void ResetModels()
    {
        _pops.Clear();
        _nodeModels.Clear();
        _nodeModels.AddRange(BuiltInModels);
        _nodeModels.Add("spike_detector");
        _kindOf.Clear();
        foreach (string m in BuiltInModels)
        {
            _kindOf[m] = m;
        }

        _kindOf["spike_detector"] = "spike_recorder";
        _synapses.Clear();
        _synapses.AddRange(["static_synapse", "tsodyks_synapse", "tsodyks2_synapse", "stdp_synapse", "stdp_synapse_hom", "stdp_pl_synapse_hom", "vogels_sprekeler_synapse", "quantal_stp_synapse", "stdp_dopamine_synapse", "static_synapse_hpc", "stdp_synapse_hpc", "stdp_synapse_hom_hpc", "stdp_pl_synapse_hom_hpc"]);
    }

    // ---- calls ----

    private FuzzCall Create()
    {
        string model = Chance(0.04) ? "bogus_model" : Pick(_nodeModels);
        int n = Chance(0.04) ? _rng.Next(-2, 1) : _rng.Next(1, 21);
        if (ExpectedSize + n > MaxNodes)
        {
            n = 1;
        }

        string kind = _kindOf.GetValueOrDefault(model, model);
        StatusDictionary? p = Chance(0.5) ? Parameters(kind, creating: true) : null;
        var created = new NodeCollection[1];
        return new($"Create(\"{model}\", {n}, {Show(p)})", s => created[0] = s.Create(model, n, p), () => _pops.Add((created[0], kind)));
    }

    private FuzzCall SetStatus()
    {
        if (_pops.Count == 0 || Chance(0.04))
        {
            int id = ExpectedSize + 1 + _rng.Next(3);
            return new($"SetStatus({id}, {{I_e: 1}})", s => s.SetStatus(id, new StatusDictionary { ["I_e"] = 1.0 }));
        }

        var (nodes, kind) = Pick(_pops);
        var target = Slice(nodes);
        var p = Parameters(kind, creating: false);
        if (kind is "iaf_psc_alpha" or "iaf_psc_exp" or "iaf_psc_delta" && target.Count > 0 && Chance(0.25))
        {
            // One value per node, the last one possibly bad: checked for all nodes before any is set.
            double[] values = [.. Enumerable.Range(0, target.Count).Select(_ => Round(U(0, 900)))];
            if (Chance(0.3))
            {
                values[^1] = double.NaN;
            }

            return new($"SetStatus({target}, I_e, [{Join(values)}])", s => s.SetStatus(target, "I_e", values));
        }

        return new($"SetStatus({target}, {Show(p)})", s => s.SetStatus(target, p));
    }

    private FuzzCall SetDefaults()
    {
        if (Chance(0.35))
        {
            string syn = Chance(0.05) ? "bogus_synapse" : Pick(_synapses);
            var d = SynapseParameters();
            return new($"SetDefaults(\"{syn}\", {Show(d)})", s => s.SetDefaults(syn, d));
        }

        string model = Chance(0.05) ? "bogus_model" : Pick(_nodeModels);
        var p = Parameters(_kindOf.GetValueOrDefault(model, "iaf_psc_alpha"), creating: true);
        return new($"SetDefaults(\"{model}\", {Show(p)})", s => s.SetDefaults(model, p));
    }

    private FuzzCall CopyModel()
    {
        bool synapse = Chance(0.4);
        string source = Chance(0.05) ? "bogus_model" : synapse ? Pick(_synapses) : Pick(_nodeModels);
        string name = Chance(0.1) ? Pick(synapse ? _nodeModels : _synapses) : $"copy_{_copies++}";
        StatusDictionary? p = !Chance(0.5) ? null : synapse ? SynapseParameters() : Parameters(_kindOf.GetValueOrDefault(source, "iaf_psc_alpha"), creating: true);
        return new($"CopyModel(\"{source}\", \"{name}\", {Show(p)})", s => s.CopyModel(source, name, p), () =>
        {
            if (_kindOf.TryGetValue(source, out string? kind))
            {
                _nodeModels.Add(name);
                _kindOf[name] = kind;
            }
            else
            {
                _synapses.Add(name);
            }
        });
    }

    private FuzzCall Connect()
    {
        if (_pops.Count == 0)
        {
            return new("Connect(empty, empty)", s => s.Connect(NodeCollection.Empty, NodeCollection.Empty));
        }

        var (preNodes, preKind) = Pick(_pops);
        var (postNodes, postKind) = Pick(_pops);
        if (preKind is "multimeter" or "voltmeter")
        {
            // Only targets whose recordables include V_m (or, for an illegal call, targets without recordables).
            var neurons = _pops.Where(p => Array.IndexOf(Neurons, p.Kind) >= 0).ToList();
            if (neurons.Count == 0 || Chance(0.1))
            {
                var without = _pops.Where(p => p.Kind is "parrot_neuron" or "poisson_generator" or "spike_recorder").ToList();
                postNodes = without.Count > 0 ? Pick(without).Nodes : NodeCollection.Empty;
            }
            else
            {
                postNodes = Pick(neurons).Nodes;
            }

            postKind = "neuron";
        }

        if (preKind == "parrot_neuron" && postKind == "parrot_neuron")
        {
            // Parrots in a loop multiply their spikes without bound (as in NEST): not a bad call, a runaway network.
            postNodes = NodeCollection.Empty;
            postKind = "none";
        }

        var pre = Slice(preNodes);
        var post = Slice(postNodes);
        var (conn, connText, rule) = Rule();
        object? syn = Synapse(rule, pre.Count, post.Count);
        return new($"Connect({pre} [{preKind}], {post} [{postKind}], {connText}, {Show(syn)})", s => s.Connect(pre, post, conn, ToSynSpec(syn)));
    }

    private FuzzCall ConnectIds()
    {
        int size = ExpectedSize;
        int[] sources = [.. Enumerable.Range(0, _rng.Next(0, 8)).Select(_ => _rng.Next(1, size + (Chance(0.1) ? 3 : 1)))];
        int target = _rng.Next(Chance(0.05) ? -1 : 1, size + (Chance(0.1) ? 3 : 1));
        if (KindOf(target) == "parrot_neuron")
        {
            // No parrot loops (see Connect).
            sources = [.. sources.Where(id => KindOf(id) != "parrot_neuron")];
        }
        object? syn = _rng.Next(3) switch
        {
            0 => null,
            1 => new SynSpec(Pick(_synapses), Round(U(-40, 80)), Grid(0, 25)),
            _ => new StatusDictionary { ["synapse_model"] = Pick(_synapses), ["weight"] = sources.Select(_ => Round(U(-20, 60))).ToArray() },
        };
        return new($"Connect([{string.Join(", ", sources)}], {target}, {Show(syn)})", s => s.Connect(sources, target, ToSynSpec(syn)));
    }

    private FuzzCall Simulate()
    {
        double t = Chance(0.12) ? Pick(BadTimes) : Grid(0, 150);
        return new($"Simulate({Num(t)})", s => s.Simulate(t));
    }

    private FuzzCall SetKernelStatus()
    {
        var d = _rng.Next(7) switch
        {
            0 => new StatusDictionary { ["rng_seed"] = (long)_rng.Next(1, 1_000_000) },
            1 => new StatusDictionary { ["local_num_threads"] = (long)_rng.Next(1, 4) },
            2 => new StatusDictionary { ["resolution"] = Pick(Resolutions) },
            3 => new StatusDictionary { ["rng_seed"] = 0L },
            4 => new StatusDictionary { ["bogus_kernel_key"] = 1.0 },
            5 => new StatusDictionary { ["network_size"] = 3L },
            _ => new StatusDictionary { ["local_num_threads"] = 2L, ["rng_seed"] = -1L },
        };
        return new($"SetKernelStatus({Show(d)})", s => s.SetKernelStatus(d));
    }

    private FuzzCall Read()
    {
        int size = ExpectedSize;
        switch (_rng.Next(5))
        {
            case 0:
                int id = _rng.Next(-1, size + 3);
                return new($"GetStatus({id})", s => s.GetStatus(id));
            case 1:
                if (_pops.Count == 0)
                {
                    return new("GetKernelStatus()", s => s.GetKernelStatus());
                }

                var nodes = Slice(Pick(_pops).Nodes);
                return new($"GetStatus<double>({nodes}, V_m)", s => s.GetStatus<double>(nodes, "V_m"));
            case 2:
                string model = Chance(0.1) ? "bogus_model" : Chance(0.5) ? Pick(_synapses) : Pick(_nodeModels);
                return new($"GetDefaults(\"{model}\")", s => s.GetDefaults(model));
            case 3:
                NodeCollection? source = _pops.Count > 0 && Chance(0.5) ? Slice(Pick(_pops).Nodes) : null;
                NodeCollection? target = _pops.Count > 0 && Chance(0.5) ? Slice(Pick(_pops).Nodes) : null;
                string? synapse = Chance(0.4) ? (Chance(0.1) ? "bogus_synapse" : Pick(_synapses)) : null;
                return new($"GetConnections({source}, {target}, {synapse})", s => s.GetConnections(source, target, synapse));
            default:
                return new("GetKernelStatus()", s => s.GetKernelStatus());
        }
    }

    private FuzzCall ResetKernel() => new("ResetKernel()", s => s.ResetKernel(), ResetModels);

    // ---- specifications ----

    private (ConnSpec? Spec, string Text, string Rule) Rule()
    {
        StatusDictionary d;
        switch (_rng.Next(8))
        {
            case 0:
                return (null, "null", "all_to_all");
            case 1:
                return ("one_to_one", "one_to_one", "one_to_one");
            case 2:
                d = new() { ["rule"] = "fixed_indegree", ["indegree"] = Chance(0.08) ? -1L : (long)_rng.Next(0, 5) };
                break;
            case 3:
                d = new() { ["rule"] = "fixed_outdegree", ["outdegree"] = Chance(0.08) ? -2L : (long)_rng.Next(0, 5) };
                break;
            case 4:
                d = new() { ["rule"] = "fixed_total_number", ["N"] = (long)_rng.Next(0, 41) };
                break;
            case 5:
                d = new() { ["rule"] = "pairwise_bernoulli", ["p"] = Chance(0.08) ? 1.5 : Round(U(0, 0.5)) };
                break;
            case 6:
                return ("bogus_rule", "bogus_rule", "bogus_rule");
            default:
                d = new() { ["rule"] = "all_to_all" };
                break;
        }

        if (Chance(0.3))
        {
            d["allow_autapses"] = Chance(0.5);
        }

        if (Chance(0.3))
        {
            d["allow_multapses"] = Chance(0.5);
        }

        if (d.TryGetValue("allow_autapses", out object? autapses) && !(bool)autapses)
        {
            // Without autapses but with multapses, a node whose only partner is itself makes the kernel draw
            // forever (BadInputTableTests.Connect_without_a_possible_partner_fails_instead_of_hanging): keep the
            // feasibility check on.
            d["allow_multapses"] = false;
        }

        if (Chance(0.04))
        {
            d["bogus_rule_key"] = 1L;
        }

        return (d, Show(d), (string)d["rule"]);
    }

    /// <summary>A syn_spec as the user writes it: null, a model name, a <see cref="SynSpec"/> or a dictionary
    /// (converted inside the call, where a bad dictionary throws).</summary>
    private object? Synapse(string rule, int nPre, int nPost)
    {
        string model = Chance(0.04) ? "bogus_synapse" : Pick(_synapses);
        switch (_rng.Next(6))
        {
            case 0:
                return null;
            case 1:
                return model;
            case 2:
                return new SynSpec(model, Round(U(-60, 90)), Grid(0, 25));
            case 3:
                return new StatusDictionary
                {
                    ["synapse_model"] = model,
                    ["weight"] = new StatusDictionary { ["distribution"] = "uniform", ["min"] = Round(U(-30, 0)), ["max"] = Round(U(1, 70)) },
                    ["delay"] = new StatusDictionary { ["distribution"] = "uniform", ["min"] = 0.5, ["max"] = 2.5 },
                };
            case 4:
                // Arrays in the rule's shape, sometimes one element short.
                int shrink = Chance(0.2) ? 1 : 0;
                object weights = rule == "all_to_all"
                    ? Matrix(Math.Max(0, nPost - shrink), nPre)
                    : Enumerable.Range(0, Math.Max(0, nPre - shrink)).Select(_ => Round(U(-20, 60))).ToArray();
                return new StatusDictionary { ["synapse_model"] = model, ["weight"] = weights };
            default:
                return new StatusDictionary { ["synapse_model"] = model, ["delay"] = Chance(0.05) ? double.NaN : Grid(1, 30) };
        }
    }

    private static SynSpec? ToSynSpec(object? syn) => syn switch
    {
        null => null,
        string model => model,
        SynSpec spec => spec,
        _ => SynSpec.FromDictionary((StatusDictionary)syn),
    };

    private double[,] Matrix(int rows, int columns)
    {
        var m = new double[rows, columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                m[r, c] = Round(U(-20, 60));
            }
        }

        return m;
    }

    /// <summary>Parameters for a model of <paramref name="kind"/>, about one in seven values bad.</summary>
    private StatusDictionary Parameters(string kind, bool creating)
    {
        var d = new StatusDictionary();
        switch (kind)
        {
            case "iaf_psc_alpha" or "iaf_psc_exp" or "iaf_psc_delta":
                if (creating && Chance(0.6))
                {
                    // Most new neurons get a suprathreshold current, so that the networks fire.
                    d["I_e"] = Round(U(300, 900));
                }

                for (int k = _rng.Next(1, 4); k > 0; k--)
                {
                    NeuronEntry(d, kind);
                }

                break;
            case "poisson_generator":
                d["rate"] = Chance(0.12) ? -5.0 : Round(U(0, 20000));
                if (Chance(0.3))
                {
                    d["start"] = DeviceTime(0, 25);
                    d["stop"] = DeviceTime(0, 200);
                }

                break;
            case "spike_generator":
                double[] times = [.. Enumerable.Range(0, _rng.Next(0, 6)).Select(_ => DeviceTime(1, 150)).Order()];
                if (times.Length > 1 && Chance(0.1))
                {
                    Array.Reverse(times);
                }

                d["spike_times"] = times;
                if (Chance(0.3))
                {
                    d["spike_weights"] = Enumerable.Range(0, times.Length + (Chance(0.2) ? 1 : 0)).Select(_ => Round(U(0.5, 3))).ToArray();
                }

                break;
            case "dc_generator":
                d["amplitude"] = Chance(0.1) ? double.NaN : Round(U(-100, 600));
                break;
            case "spike_recorder":
                switch (_rng.Next(4))
                {
                    case 0:
                        d["n_events"] = Chance(0.8) ? 0L : 3L;
                        break;
                    case 1:
                        d["start"] = DeviceTime(0, 25);
                        d["stop"] = DeviceTime(0, 200);
                        break;
                    case 2:
                        d["record_to"] = Chance(0.8) ? "memory" : "hdf5";
                        break;
                    default:
                        d["label"] = Chance(0.9) ? "fuzz" : "bad/label";
                        break;
                }

                break;
            case "multimeter" or "voltmeter":
                d["interval"] = Chance(0.1) ? 0.0 : DeviceTime(1, 10);
                if (creating && Chance(0.5))
                {
                    d["record_from"] = VoltageOnly;
                }

                break;
            default:
                if (Chance(0.3))
                {
                    d["bogus_key"] = 1.0;
                }

                break;
        }

        return d;
    }

    private void NeuronEntry(StatusDictionary d, string kind)
    {
        switch (_rng.Next(8))
        {
            case 0:
                d["I_e"] = Chance(0.08) ? double.NaN : Round(U(0, 900));
                break;
            case 1:
                d["V_m"] = Round(U(-75, -56));
                break;
            case 2:
                d["C_m"] = Chance(0.12) ? -Round(U(0, 10)) : Round(U(100, 400));
                break;
            case 3:
                d["tau_m"] = Chance(0.12) ? 0.0 : Round(U(5, 30));
                break;
            case 4:
                d["t_ref"] = Chance(0.12) ? -1.0 : Round(U(0, 4));
                break;
            case 5:
                // Sometimes V_reset ≥ V_th.
                d["V_th"] = Round(U(-60, -48));
                d["V_reset"] = Round(U(-75, -55));
                break;
            case 6:
                if (kind == "iaf_psc_delta")
                {
                    d["refractory_input"] = Chance(0.5);
                }
                else
                {
                    d["tau_syn_ex"] = Chance(0.12) ? -0.5 : Round(U(0.2, 5));
                }

                break;
            default:
                d[Chance(0.4) ? "bogus_key" : "E_L"] = Round(U(-75, -65));
                break;
        }
    }

    private StatusDictionary SynapseParameters() => _rng.Next(4) switch
    {
        0 => new() { ["weight"] = Round(U(-80, 100)) },
        1 => new() { ["delay"] = Grid(0, 30) },
        2 => new() { ["weight"] = Round(U(-80, 100)), ["delay"] = Chance(0.1) ? -1.0 : Grid(1, 30) },
        _ => new() { ["bogus_synapse_key"] = 1.0 },
    };

    // ---- helpers ----

    private string? KindOf(int id)
    {
        foreach (var (nodes, kind) in _pops)
        {
            if (nodes.Contains(id))
            {
                return kind;
            }
        }

        return null;
    }

    private NodeCollection Slice(NodeCollection nodes)
    {
        if (nodes.Count == 0 || Chance(0.5))
        {
            return nodes;
        }

        int a = _rng.Next(0, nodes.Count);
        int b = _rng.Next(a, nodes.Count + 1);
        return nodes[a..b];
    }

    private bool Chance(double p) => _rng.NextDouble() < p;

    private double U(double min, double max) => min + (max - min) * _rng.NextDouble();

    private static double Round(double x) => Math.Round(x, 1);

    /// <summary>A multiple of 0.1 ms between <paramref name="min"/> and <paramref name="max"/> steps.</summary>
    private double Grid(int min, int max) => Math.Round(_rng.Next(min, max + 1) * 0.1, 1);

    /// <summary>A multiple of 0.2 ms, on the grid of both resolutions the fuzz uses (0.1 and 0.2 ms).</summary>
    private double DeviceTime(int min, int max) => Math.Round(_rng.Next(min, max + 1) * 0.2, 1);

    private T Pick<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];

    private static string Num(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static string Join(IEnumerable<double> values) => string.Join(", ", values.Select(Num));

    private static string Show(object? value) => value switch
    {
        null => "null",
        double x => Num(x),
        string s => $"\"{s}\"",
        SynSpec syn => $"SynSpec({syn.Model}, {Show(syn.Weight)}, {Show(syn.Delay)})",
        StatusDictionary d => "{" + string.Join(", ", d.Select(e => $"{e.Key}: {Show(e.Value)}")) + "}",
        double[,] m => $"double[{m.GetLength(0)}, {m.GetLength(1)}]",
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Show)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
