using System.Globalization;
using System.Text.Json;

namespace NeuroKernel.Tests.Models;

/// <summary>
/// The RKF45-integrated models against NEST 3.9 (Reference/neurons, recorded with the same inputs): every recordable at
/// every 0.1 ms sample and every spike time. A constant current (<c>_dc</c>) and spike input through excitatory and
/// inhibitory static synapses (<c>_syn</c>) per model. On Linux x64 every value is bit-identical to NEST's; the bound
/// is the 1e-9 (mV, nS, pA; relative above 1), which leaves room for another C library's exp.
/// </summary>
[TestFixture]
public class OdeNeuronTests
{
    /// <summary>The cases of Reference/neurons/cases.json that the library's models cover.</summary>
    public static IEnumerable<string> Cases() =>
    [
        "iaf_cond_alpha_dc", "iaf_cond_alpha_syn", "iaf_cond_exp_dc", "iaf_cond_exp_syn", "iaf_cond_beta_dc", "iaf_cond_beta_syn",
        "iaf_cond_beta_syn_risedecay", "aeif_cond_alpha_dc", "aeif_cond_alpha_syn", "aeif_cond_exp_dc", "aeif_cond_exp_syn",
        "aeif_psc_alpha_dc", "aeif_psc_alpha_syn", "hh_psc_alpha_dc", "hh_psc_alpha_syn", "hh_cond_exp_traub_dc", "hh_cond_exp_traub_syn",
        "izhikevich_dc", "izhikevich_syn", "mat2_psc_exp_dc", "mat2_psc_exp_syn",
    ];

    [TestCaseSource(nameof(Cases))]
    public void Traces_and_spikes_match_NEST(string name) => OdeCaseRun.AssertMatchesNest(name);

    /// <summary>The RKF45-integrated models of the library.</summary>
    public static IEnumerable<string> Models() =>
        ["iaf_cond_alpha", "iaf_cond_exp", "iaf_cond_beta", "aeif_cond_alpha", "aeif_cond_exp", "aeif_psc_alpha", "hh_psc_alpha", "hh_cond_exp_traub", "izhikevich", "mat2_psc_exp"];

    /// <summary>Keys of NEST's GetDefaults that belong to its kernel or archiving node, not to the model's parameters.</summary>
    private static readonly HashSet<string> KernelKeys =
    [
        "Ca", "archiver_length", "available", "beta_Ca", "capacity", "element_type", "elementsize", "frozen", "global_id",
        "instantiations", "local", "model", "model_id", "node_uses_wfr", "post_trace", "recordables", "synaptic_elements",
        "t_spike", "tau_Ca", "thread", "thread_local_id", "type_id", "vp", "tau_minus_triplet",
    ];

    [TestCaseSource(nameof(Models))]
    public void Defaults_are_NESTs(string model)
    {
        var nest = NestDefaults.Read(model);
        using var sim = new Simulator();
        var ours = sim.GetDefaults(model);
        string[] keys = [.. nest.EnumerateObject().Select(p => p.Name).Where(k => !KernelKeys.Contains(k))];
        string[] flags = [.. keys.Where(k => nest.GetProperty(k).ValueKind is JsonValueKind.True or JsonValueKind.False)];
        string[] ourKeys = [.. ours.Keys.Where(k => !KernelKeys.Contains(k) && k != ParameterNames.ReceptorTypes)];
        using (Assert.EnterMultipleScope())
        {
            NestDefaults.AssertNumbersEqual(ours, nest, keys.Except(flags));
            foreach (string flag in flags)
            {
                Assert.That(ours.Get<bool>(flag), Is.EqualTo(nest.GetProperty(flag).GetBoolean()), flag);
            }

            Assert.That(ourKeys, Is.EquivalentTo(keys), "the model's own keys");
            Assert.That(ours.Get<string[]>(ParameterNames.Recordables), Is.EqualTo(NestDefaults.Strings(nest.GetProperty("recordables"))));
        }
    }

    [TestCase("iaf_cond_alpha", "C_m", 0.0, "Capacitance must be strictly positive.")]
    [TestCase("iaf_cond_alpha", "V_reset", -55.0, "Reset potential must be smaller than threshold")]
    [TestCase("iaf_cond_alpha", "t_ref", -1.0, "Refractory time cannot be negative.")]
    [TestCase("iaf_cond_exp", "tau_syn_in", 0.0, "All time constants must be strictly positive.")]
    [TestCase("iaf_cond_beta", "tau_rise_ex", -0.1, "All time constants must be strictly positive.")]
    [TestCase("aeif_cond_alpha", "V_peak", -55.0, "V_peak >= V_th required")]
    [TestCase("aeif_cond_alpha", "V_reset", 0.0, "Ensure that: V_reset < V_peak .")]
    [TestCase("aeif_cond_alpha", "Delta_T", -1.0, "Delta_T must be positive.")]
    [TestCase("aeif_cond_alpha", "Delta_T", 0.01, "will lead to numerical overflow at spike time")]
    [TestCase("aeif_cond_alpha", "gsl_error_tol", 0.0, "The gsl_error_tol must be strictly positive.")]
    [TestCase("aeif_cond_alpha", "g_ex", -1.0, "Conductances must not be negative.")]
    [TestCase("aeif_cond_exp", "C_m", -1.0, "Ensure that C_m >0")]
    [TestCase("aeif_cond_exp", "tau_w", 0.0, "All time constants must be strictly positive.")]
    [TestCase("aeif_psc_alpha", "V_reset", 1.0, "Ensure that V_reset < V_peak .")]
    [TestCase("hh_psc_alpha", "g_Na", -1.0, "All conductances must be non-negative.")]
    [TestCase("hh_psc_alpha", "Act_m", -0.1, "All (in)activation variables must be non-negative.")]
    [TestCase("hh_cond_exp_traub", "tau_syn_ex", 0.0, "All time constants must be strictly positive.")]
    [TestCase("mat2_psc_exp", "tau_syn_ex", 5.0, "Membrane and synapse time constant(s) must differ.")]
    public void Bad_values_are_refused_with_NESTs_sentence_and_change_nothing(string model, string key, double value, string sentence)
    {
        using var sim = new Simulator();
        var neuron = sim.Create(model);
        var before = sim.GetStatus(neuron[0]);
        var defaults = sim.GetDefaults(model);
        var set = Assert.Throws<BadPropertyException>(() => sim.SetStatus(neuron, new StatusDictionary { [key] = value }))!;
        var create = Assert.Throws<BadPropertyException>(() => sim.Create(model, 1, new StatusDictionary { [key] = value }))!;
        var setDefaults = Assert.Throws<BadPropertyException>(() => sim.SetDefaults(model, new StatusDictionary { [key] = value }))!;
        using (Assert.EnterMultipleScope())
        {
            foreach (var e in new[] { set, create, setDefaults })
            {
                Assert.That(e.Message, Does.Contain(sentence).And.Contain(key));
            }

            Assert.That(sim.GetStatus(neuron[0]).Get<double>(key), Is.EqualTo(before.Get<double>(key)), "the neuron is unchanged");
            Assert.That(sim.GetDefaults(model).Get<double>(key), Is.EqualTo(defaults.Get<double>(key)), "the defaults are unchanged");
            Assert.That(sim.GetKernelStatus().Get<long>("network_size"), Is.EqualTo(1), "no neuron was created");
        }
    }

    [TestCase(1)]
    [TestCase(2)]
    public void An_exploding_aeif_neuron_stops_the_run_with_NESTs_error_and_needs_a_reset(int threads)
    {
        using var sim = new Simulator();
        sim.SetKernelStatus(new StatusDictionary { ["local_num_threads"] = (long)threads });
        sim.Create("aeif_cond_alpha", 4);
        sim.Create("aeif_cond_alpha", 1, new StatusDictionary { ["I_e"] = -1e7 });
        var e = Assert.Throws<NumericalInstabilityException>(() => sim.Simulate(10.0))!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(e.Model, Is.EqualTo("aeif_cond_alpha"));
            Assert.That(e.Message, Does.Contain("V_m").And.Contain("ResetKernel"));
            Assert.Throws<KernelStateErrorException>(() => sim.Simulate(1.0), "the state is undefined until a reset");
        }
    }

    [Test]
    public void Izhikevich_without_consistent_integration_takes_the_papers_two_half_steps()
    {
        using var sim = ModelProbe.NewSimulator(0.1);
        var neuron = sim.Create("izhikevich", 1, new StatusDictionary { ["I_e"] = 10.0, ["consistent_integration"] = false });
        double v = -65.0, u = -13.0;
        const double h = 0.1, a = 0.02, b = 0.2;
        int spikes = 0;
        for (int k = 0; k < 1000; k++)
        {
            v += h * 0.5 * (0.04 * v * v + 5.0 * v + 140.0 - u + 0.0 + 10.0 + 0.0);
            v += h * 0.5 * (0.04 * v * v + 5.0 * v + 140.0 - u + 0.0 + 10.0 + 0.0);
            u += h * a * (b * v - u);
            if (v >= 30.0)
            {
                (v, u, spikes) = (-65.0, u + 8.0, spikes + 1);
            }
        }

        var recorder = sim.Create(ModelNames.SpikeRecorder);
        sim.Connect(neuron, recorder);
        sim.Simulate(100.0);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sim.GetStatus(neuron[0]).Get<double>("V_m"), Is.EqualTo(v));
            Assert.That(sim.GetStatus(neuron[0]).Get<double>("U_m"), Is.EqualTo(u));
            Assert.That(sim.GetStatus(recorder).Get<long>("n_events"), Is.EqualTo(spikes).And.GreaterThan(0));
            Assert.That(sim.GetStatus(neuron[0]).Get<bool>("consistent_integration"), Is.False);
        }
    }

    [TestCaseSource(nameof(Models))]
    public void A_population_on_two_threads_is_bit_identical_to_one_thread(string model)
    {
        (double[] Vm, int[] Senders, double[] Times) Run(int threads)
        {
            using var sim = ModelProbe.NewSimulator(0.1, seed: 7);
            sim.SetKernelStatus(new StatusDictionary { ["local_num_threads"] = (long)threads });
            var neurons = sim.Create(model, 40);
            // Different drives per neuron: a ramp of constant currents, and Poisson input of both signs.
            for (int i = 0; i < neurons.Count; i++)
            {
                sim.SetStatus(neurons[i..(i + 1)], new StatusDictionary { ["I_e"] = 25.0 * i });
            }

            var noise = sim.Create(ModelNames.PoissonGenerator, 2, new StatusDictionary { ["rate"] = 4000.0 });
            bool currentBased = model.Contains("psc", StringComparison.Ordinal);
            sim.Connect(noise[0..1], neurons, syn: new SynSpec(ModelNames.StaticSynapse, currentBased ? 60.0 : 3.0, 1.0));
            sim.Connect(noise[1..2], neurons, syn: new SynSpec(ModelNames.StaticSynapse, currentBased ? -5.0 : -0.3, 1.0));
            var recorder = sim.Create(ModelNames.SpikeRecorder);
            sim.Connect(neurons, recorder);
            sim.Simulate(200.0);
            var (senders, times) = ModelProbe.Events(sim, recorder);
            return ([.. Enumerable.Range(0, neurons.Count).Select(i => sim.GetStatus(neurons[i]).Get<double>(ParameterNames.VM))], senders, times);
        }

        var one = Run(1);
        var two = Run(2);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(one.Times, Is.Not.Empty, "the population fires");
            Assert.That(two.Vm, Is.EqualTo(one.Vm), "V_m after 200 ms");
            Assert.That(two.Senders, Is.EqualTo(one.Senders));
            Assert.That(two.Times, Is.EqualTo(one.Times));
        }
    }
}

/// <summary>A case of Reference/neurons/cases.json rebuilt as NEST's script built it, and simulated.</summary>
internal sealed class OdeCaseRun
{
    public required double[] SpikeTimes { get; init; }

    public required Dictionary<string, double[]> Recorded { get; init; }

    public static OdeCaseRun Run(JsonElement c)
    {
        string model = c.GetProperty("model").GetString()!;
        using var sim = ModelProbe.NewSimulator(c.GetProperty("resolution_ms").GetDouble());
        var parameters = new StatusDictionary();
        foreach (var p in c.GetProperty("params_set").EnumerateObject())
        {
            parameters[p.Name] = p.Value.ValueKind == JsonValueKind.Array ? p.Value.EnumerateArray().Select(e => e.GetDouble()).ToArray() : p.Value.GetDouble();
        }

        var neuron = sim.Create(model, 1, parameters);
        string[] recorded = NestDefaults.Strings(c.GetProperty("recorded"));
        var mm = MeterProbe.CreateMultimeter(sim, neuron, c.GetProperty("multimeter_interval_ms").GetDouble(), recorded);
        var recorder = sim.Create(ModelNames.SpikeRecorder);
        sim.Connect(neuron, recorder);
        if (c.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.Object)
        {
            foreach (var side in input.EnumerateObject().Where(s => s.Value.ValueKind == JsonValueKind.Object))
            {
                double[] times = [.. side.Value.GetProperty("spike_generator_times_ms").EnumerateArray().Select(e => e.GetDouble())];
                var syn = side.Value.GetProperty("syn_spec");
                var generator = sim.Create(ModelNames.SpikeGenerator, 1, new() { [ParameterNames.SpikeTimes] = times });
                var spec = new StatusDictionary
                {
                    ["synapse_model"] = syn.GetProperty("synapse_model").GetString()!,
                    ["weight"] = syn.GetProperty("weight").GetDouble(),
                    ["delay"] = syn.GetProperty("delay").GetDouble(),
                };
                if (syn.TryGetProperty("receptor_type", out var receptor))
                {
                    spec["receptor_type"] = receptor.GetInt64();
                }

                sim.Connect(generator, neuron, syn: SynSpec.FromDictionary(spec));
            }
        }

        sim.Simulate(c.GetProperty("simtime_ms").GetDouble());
        var events = MeterProbe.Events(sim, mm);
        return new OdeCaseRun
        {
            SpikeTimes = ModelProbe.Events(sim, recorder).Times,
            Recorded = recorded.ToDictionary(r => r, r => events.Get<double[]>(r)),
        };
    }

    /// <summary>
    /// Runs case <paramref name="name"/> of Reference/neurons/cases.json and asserts NEST's spike times and every recordable
    /// at every sample to 1e-9 (relative above 1); reports how many samples are bit-identical.
    /// </summary>
    public static void AssertMatchesNest(string name)
    {
        var c = ModelProbe.ReadJson("neurons/cases.json").GetProperty("cases").GetProperty(name);
        var run = Run(c);
        var (columns, reference) = ReadTable(c.GetProperty("files").GetProperty("trace").GetString()!);
        double[] spikes = ModelProbe.ReadSpikeTimes("neurons/" + c.GetProperty("files").GetProperty("spikes").GetString()!);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.SpikeTimes, Is.EqualTo(spikes), "spike times (ms)");
            for (int k = 0; k < columns.Length; k++)
            {
                double[] ours = run.Recorded[columns[k]];
                Assert.That(ours, Has.Length.EqualTo(reference[k].Length), columns[k]);
                double worst = ours.Zip(reference[k], (a, b) => Math.Abs(a - b) / Math.Max(1.0, Math.Abs(b))).Max();
                int identical = ours.Zip(reference[k], (a, b) => a == b ? 1 : 0).Sum();
                TestContext.Out.WriteLine($"{columns[k]}: largest difference {worst:G3}, bit-identical {identical}/{ours.Length}");
                Assert.That(worst, Is.LessThanOrEqualTo(1e-9), $"{columns[k]}: largest difference (relative above 1) {worst:G3}");
            }
        }
    }

    /// <summary>A trace file's recordable columns (after time_ms) and their values.</summary>
    public static (string[] Columns, double[][] Values) ReadTable(string file)
    {
        var lines = File.ReadLines(ModelProbe.ReferencePath("neurons/" + file)).Where(l => l.Length > 0).ToArray();
        string[] columns = lines[0].Split(',')[1..];
        var values = columns.Select(_ => new double[lines.Length - 1]).ToArray();
        for (int i = 1; i < lines.Length; i++)
        {
            string[] parts = lines[i].Split(',');
            for (int k = 0; k < columns.Length; k++)
            {
                values[k][i - 1] = double.Parse(parts[k + 1], CultureInfo.InvariantCulture);
            }
        }

        return (columns, values);
    }
}

/// <summary>
/// The lane-parallel update (four neurons at once, <c>Rkf45Lanes</c>) against the scalar one: a population of one block
/// (lanes) and the same neurons as blocks of one (scalar), each with its own current and spike input, give the same
/// trace bit for bit, also when lanes need different numbers of integrator steps and retries.
/// </summary>
[TestFixture]
public class OdeLaneTests
{
    [TestCase("iaf_cond_exp")]
    [TestCase("iaf_cond_alpha")]
    [TestCase("iaf_cond_beta")]
    public void Four_neurons_at_once_are_bit_identical_to_one_at_a_time(string model)
    {
        const int n = 10;
        using var sim = new Simulator();
        var population = sim.Create(model, n);
        var single = new NodeCollection[n];
        for (int i = 0; i < n; i++)
        {
            single[i] = sim.Create(model);
        }

        for (int i = 0; i < n; i++)
        {
            var drive = new StatusDictionary { ["I_e"] = 100.0 + (60.0 * i) };
            sim.SetStatus(population[i..(i + 1)], drive);
            sim.SetStatus(single[i], drive);
            // Bursts of strong input that force some lanes to retry with smaller steps while others do not.
            double[] input = [.. Enumerable.Range(0, 20).Select(k => 5.0 + (7.3 * k) + (0.4 * i))];
            var generator = sim.Create(ModelNames.SpikeGenerator, 1, new StatusDictionary { ["spike_times"] = input });
            double weight = i % 3 == 0 ? -40.0 : 25.0 * (1 + i);
            sim.Connect(generator, population[i..(i + 1)] + single[i], syn: new SynSpec(ModelNames.StaticSynapse, weight, 1.0));
        }

        var all = population + single.Aggregate((a, b) => a + b);
        var mm = MeterProbe.CreateMultimeter(sim, all, 0.1, ParameterNames.VM, "g_ex", "g_in");
        var recorder = sim.Create(ModelNames.SpikeRecorder);
        sim.Connect(all, recorder);
        sim.Simulate(200.0);
        var (senders, times) = ModelProbe.Events(sim, recorder);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(senders.Count(s => s <= population[^1]), Is.GreaterThan(10), "the population fires");
            for (int i = 0; i < n; i++)
            {
                foreach (string name in new[] { ParameterNames.VM, "g_ex", "g_in" })
                {
                    Assert.That(MeterProbe.ValuesOf(sim, mm, population[i], name), Is.EqualTo(MeterProbe.ValuesOf(sim, mm, single[i][0], name)), $"{name} of neuron {i}");
                }

                Assert.That(times.Where((_, k) => senders[k] == population[i]), Is.EqualTo(times.Where((_, k) => senders[k] == single[i][0])), $"spikes of neuron {i}");
            }
        }
    }
}
