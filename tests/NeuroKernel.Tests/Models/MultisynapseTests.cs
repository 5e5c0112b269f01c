#pragma warning disable CA1861 // Arrays inline in test calls read best where they are used.
using System.Text.Json;

namespace NeuroKernel.Tests.Models;

/// <summary>
/// NEST's multisynapse models: numbered spike ports with a ring channel each, per-node ports and recordables, and the
/// traces of iaf_psc_exp_multisynapse and aeif_cond_beta_multisynapse against NEST 3.9 (Reference/neurons).
/// </summary>
[TestFixture]
public class MultisynapseTests
{
    /// <summary>The reference cases: a constant current on the default single port, and spikes into ports 1 and 2.</summary>
    public static IEnumerable<string> Cases() =>
        ["iaf_psc_exp_multisynapse_dc", "iaf_psc_exp_multisynapse_syn", "aeif_cond_beta_multisynapse_dc", "aeif_cond_beta_multisynapse_syn",
            "gif_psc_exp_dc", "gif_psc_exp_syn"];

    [TestCaseSource(nameof(Cases))]
    public void Traces_and_spikes_match_NEST(string name) => OdeCaseRun.AssertMatchesNest(name);

    private static SynSpec Port(double weight, int port, double delay = 1.0) =>
        SynSpec.FromDictionary(new StatusDictionary { ["synapse_model"] = "static_synapse", ["weight"] = weight, ["delay"] = delay, ["receptor_type"] = (long)port });

    /// <summary>The multisynapse models of the library.</summary>
    public static IEnumerable<string> Models() => ["iaf_psc_exp_multisynapse", "iaf_psc_alpha_multisynapse", "aeif_cond_beta_multisynapse"];

    [TestCase("iaf_psc_exp_multisynapse")]
    [TestCase("aeif_cond_beta_multisynapse")]
    public void Defaults_are_NESTs(string model) => AssertDefaultsAreNests(model);

    /// <summary>Every key of NEST's GetDefaults that is the model's own (arrays included) has NEST's value, and the recordables are NEST's.</summary>
    internal static void AssertDefaultsAreNests(string model)
    {
        var nest = NestDefaults.Read(model);
        using var sim = new Simulator();
        var ours = sim.GetDefaults(model);
        string[] kernelKeys =
        [
            "Ca", "archiver_length", "available", "beta_Ca", "capacity", "element_type", "elementsize", "frozen", "global_id",
            "instantiations", "local", "model", "model_id", "node_uses_wfr", "post_trace", "recordables", "synaptic_elements",
            "t_spike", "tau_Ca", "thread", "thread_local_id", "type_id", "vp", "tau_minus_triplet",
        ];
        string[] keys = [.. nest.EnumerateObject().Select(p => p.Name).Where(k => !kernelKeys.Contains(k))];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ours.Keys.Where(k => !kernelKeys.Contains(k) && k != ParameterNames.ReceptorTypes), Is.EquivalentTo(keys), "the model's own keys");
            foreach (string key in keys)
            {
                var value = nest.GetProperty(key);
                object expected = value.ValueKind switch
                {
                    JsonValueKind.Array => value.EnumerateArray().Select(NestDefaults.Number).ToArray(),
                    JsonValueKind.True or JsonValueKind.False => value.GetBoolean(),
                    _ => NestDefaults.Number(value),
                };
                object actual = ours[key] is long l ? (double)l : ours[key];
                Assert.That(actual, Is.EqualTo(expected), key);
            }

            Assert.That(ours.Get<string[]>(ParameterNames.Recordables), Is.EqualTo(NestDefaults.Strings(nest.GetProperty("recordables"))), "recordables");
        }
    }

    [TestCaseSource(nameof(Models))]
    public void Each_neuron_has_its_own_ports_and_recordables(string model)
    {
        using var sim = new Simulator();
        var neurons = sim.Create(model, 2);
        sim.SetStatus(neurons[1..2], ThreePorts(model));
        var one = sim.GetStatus(neurons[0]);
        var three = sim.GetStatus(neurons[1]);
        string prefix = model.StartsWith("aeif", StringComparison.Ordinal) ? "g_" : "I_syn_";
        string count = model.StartsWith("aeif", StringComparison.Ordinal) ? "n_receptors" : "n_synapses";
        using (Assert.EnterMultipleScope())
        {
            Assert.That(one.Get<long>(count), Is.EqualTo(1));
            Assert.That(three.Get<long>(count), Is.EqualTo(3));
            Assert.That(one.Get<string[]>(ParameterNames.Recordables), Does.Contain(prefix + "1").And.Not.Contain(prefix + "2"));
            Assert.That(three.Get<string[]>(ParameterNames.Recordables), Does.Contain(prefix + "3").And.Not.Contain(prefix + "4"));
            Assert.That(sim.GetDefaults(model).Get<long>(count), Is.EqualTo(1), "the defaults are unchanged");

            // Port 3 exists on the second neuron only; NEST's IncompatibleReceptorType for the first, and for port 0.
            Assert.DoesNotThrow(() => sim.Connect(sim.Create("spike_generator"), neurons[1..2], syn: Port(1.0, 3)));
            var e = Assert.Throws<IncompatibleReceptorTypeException>(() => sim.Connect(sim.Create("spike_generator"), neurons, syn: Port(1.0, 3)))!;
            Assert.That(e.Message, Does.Contain("Receptor type 3").And.Contain(model).And.Contain($"node {neurons[0]}"));
            Assert.Throws<IncompatibleReceptorTypeException>(() => sim.Connect(sim.Create("spike_generator"), neurons, syn: Port(1.0, 0)));
            Assert.That(sim.GetKernelStatus().Get<long>("num_connections"), Is.EqualTo(1), "the refused calls made nothing");

            // A multimeter may record g_3 / I_syn_3 of the second neuron, not of the first.
            var mm = sim.Create("multimeter", 1, new StatusDictionary { ["record_from"] = new[] { prefix + "3" } });
            Assert.DoesNotThrow(() => sim.Connect(mm, neurons[1..2]));
            var bad = sim.Create("multimeter", 1, new StatusDictionary { ["record_from"] = new[] { prefix + "3" } });
            Assert.Throws<IllegalConnectionException>(() => sim.Connect(bad, neurons[0..1]));
        }
    }

    private static StatusDictionary ThreePorts(string model) => model.StartsWith("aeif", StringComparison.Ordinal)
        ? new StatusDictionary { ["E_rev"] = new[] { 0.0, -85.0, -70.0 }, ["tau_rise"] = new[] { 0.2, 0.5, 1.0 }, ["tau_decay"] = new[] { 2.0, 10.0, 5.0 } }
        : new StatusDictionary { ["tau_syn"] = new[] { 0.5, 2.0, 5.0 } };

    [TestCaseSource(nameof(Models))]
    public void A_neuron_with_connections_keeps_its_number_of_ports(string model)
    {
        using var sim = new Simulator();
        var neuron = sim.Create(model);
        sim.SetStatus(neuron, ThreePorts(model));
        var before = sim.GetStatus(neuron[0]);
        Assert.That(before.Get<bool>(ParameterNames.HasConnections), Is.False);
        sim.Connect(sim.Create("spike_generator"), neuron, syn: Port(1.0, 2));
        var fewer = model.StartsWith("aeif", StringComparison.Ordinal)
            ? new StatusDictionary { ["E_rev"] = new[] { 0.0 }, ["tau_rise"] = new[] { 0.2 }, ["tau_decay"] = new[] { 2.0 } }
            : new StatusDictionary { ["tau_syn"] = new[] { 0.5 } };
        var e = Assert.Throws<BadPropertyException>(() => sim.SetStatus(neuron, fewer))!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(e.Message, Does.Contain("The neuron has connections, therefore the number of ports cannot be reduced."));
            Assert.That(sim.GetStatus(neuron[0]).Get<bool>(ParameterNames.HasConnections), Is.True);
            Assert.That(sim.GetStatus(neuron[0]).Get<long>(model.StartsWith("aeif", StringComparison.Ordinal) ? "n_receptors" : "n_synapses"), Is.EqualTo(3));
        }
    }

    [TestCase("iaf_psc_exp_multisynapse", "tau_syn", 0.0, "All synaptic time constants must be strictly positive.")]
    [TestCase("iaf_psc_exp_multisynapse", "tau_syn", 10.0, "Membrane and synapse time constant(s) must differ.")]
    [TestCase("iaf_psc_exp_multisynapse", "C_m", 0.0, "Capacitance must be > 0.")]
    [TestCase("iaf_psc_alpha_multisynapse", "V_reset", -50.0, "Reset potential must be smaller than threshold.")]
    [TestCase("iaf_psc_alpha_multisynapse", "t_ref", -1.0, "Refractory time must not be negative.")]
    [TestCase("aeif_cond_beta_multisynapse", "tau_rise", 30.0, "Synaptic rise time must be smaller than or equal to decay time")]
    [TestCase("aeif_cond_beta_multisynapse", "V_peak", -60.0, "V_peak >= V_th required")]
    [TestCase("aeif_cond_beta_multisynapse", "gsl_error_tol", 0.0, "The gsl_error_tol must be strictly positive.")]
    public void Bad_values_are_refused_with_NESTs_sentence_and_change_nothing(string model, string key, double value, string sentence)
    {
        using var sim = new Simulator();
        var neuron = sim.Create(model);
        object entry = key is "tau_syn" or "tau_rise" ? new[] { value } : value;
        var before = sim.GetStatus(neuron[0]);
        var set = Assert.Throws<BadPropertyException>(() => sim.SetStatus(neuron, new StatusDictionary { [key] = entry }))!;
        var setDefaults = Assert.Throws<BadPropertyException>(() => sim.SetDefaults(model, new StatusDictionary { [key] = entry }))!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(set.Message, Does.Contain(sentence).And.Contain(key));
            Assert.That(setDefaults.Message, Does.Contain(sentence));
            Assert.That(ModelProbe.Describe(sim.GetStatus(neuron[0])[key]), Is.EqualTo(ModelProbe.Describe(before[key])), "the neuron is unchanged");
        }
    }

    [Test]
    public void Changing_the_number_of_aeif_ports_needs_all_three_arrays()
    {
        using var sim = new Simulator();
        var neuron = sim.Create("aeif_cond_beta_multisynapse");
        var e = Assert.Throws<BadPropertyException>(() => sim.SetStatus(neuron, new StatusDictionary { ["E_rev"] = new[] { 0.0, -80.0 } }))!;
        Assert.That(e.Message, Does.Contain("all three arrays E_rev, tau_rise and tau_decay must be provided"));
        Assert.DoesNotThrow(() => sim.SetStatus(neuron, new StatusDictionary { ["E_rev"] = new[] { -10.0 } }), "the same number of ports");
        Assert.That(sim.GetStatus(neuron[0]).Get<double[]>("E_rev"), Is.EqualTo(new[] { -10.0 }));
    }

    [Test]
    public void A_negative_weight_into_an_aeif_port_is_NESTs_error_at_Connect_or_when_it_arrives()
    {
        using var sim = new Simulator();
        var neuron = sim.Create("aeif_cond_beta_multisynapse");
        var generator = sim.Create("spike_generator", 1, new StatusDictionary { ["spike_times"] = new[] { 5.0 } });
        // A number is checked at Connect, and nothing is connected.
        var atConnect = Assert.Throws<BadPropertyException>(() => sim.Connect(generator, neuron, syn: Port(-1.0, 1)))!;
        Assert.That(atConnect.Message, Does.Contain("Synaptic weights for conductance-based multisynapse models must be positive."));
        Assert.That(sim.GetKernelStatus().Get<long>("num_connections"), Is.Zero);
        // A drawn weight is known only when its spike arrives.
        sim.Connect(generator, neuron, syn: SynSpec.FromDictionary(new StatusDictionary
        {
            ["synapse_model"] = "static_synapse", ["weight"] = Parameter.Uniform(-2.0, -1.0), ["delay"] = 1.0, ["receptor_type"] = 1L,
        }));
        var e = Assert.Throws<BadPropertyException>(() => sim.Simulate(10.0))!;
        Assert.That(e.Message, Does.Contain("Synaptic weights for conductance-based multisynapse models must be positive."));
    }

    /// <summary>
    /// With the same time constants, a multisynapse neuron with two ports (excitatory into 1, inhibitory into 2) is the
    /// single-receptor model with its inputs split by sign: the same equations, to rounding.
    /// </summary>
    [TestCase("iaf_psc_exp_multisynapse", "iaf_psc_exp")]
    [TestCase("iaf_psc_alpha_multisynapse", "iaf_psc_alpha")]
    public void Two_ports_are_the_single_receptor_model_split_by_sign(string multi, string plain)
    {
        using var sim = new Simulator();
        var a = sim.Create(multi, 1, new StatusDictionary { ["tau_syn"] = new[] { 0.7, 3.0 }, ["I_e"] = 300.0 });
        var b = sim.Create(plain, 1, new StatusDictionary { ["tau_syn_ex"] = 0.7, ["tau_syn_in"] = 3.0, ["I_e"] = 300.0 });
        var ex = sim.Create("poisson_generator", 1, new StatusDictionary { ["rate"] = 8000.0 });
        var inh = sim.Create("poisson_generator", 1, new StatusDictionary { ["rate"] = 500.0 });
        var exParrot = sim.Create("parrot_neuron");
        var inParrot = sim.Create("parrot_neuron");
        sim.Connect(ex, exParrot);
        sim.Connect(inh, inParrot);
        sim.Connect(exParrot, a, syn: Port(40.0, 1));
        sim.Connect(inParrot, a, syn: Port(-60.0, 2));
        sim.Connect(exParrot, b, syn: new SynSpec("static_synapse", 40.0, 1.0));
        sim.Connect(inParrot, b, syn: new SynSpec("static_synapse", -60.0, 1.0));
        var mm = MeterProbe.CreateMultimeter(sim, a + b, 0.1, ParameterNames.VM);
        var recorder = sim.Create("spike_recorder");
        sim.Connect(a + b, recorder);
        sim.Simulate(300.0);
        double[] va = MeterProbe.ValuesOf(sim, mm, a[0]), vb = MeterProbe.ValuesOf(sim, mm, b[0]);
        var (senders, times) = ModelProbe.Events(sim, recorder);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(senders.Count(s => s == a[0]), Is.GreaterThan(3), "the neurons fire");
            Assert.That(times.Where((_, i) => senders[i] == a[0]), Is.EqualTo(times.Where((_, i) => senders[i] == b[0])), "the same spikes");
            Assert.That(va.Zip(vb, (x, y) => Math.Abs(x - y)).Max(), Is.LessThan(1e-9), "V_m (mV)");
        }
    }

    [Test]
    public void An_alpha_port_current_peaks_at_the_weight_after_tau_syn()
    {
        using var sim = new Simulator();
        var neuron = sim.Create("iaf_psc_alpha_multisynapse", 1, new StatusDictionary { ["tau_syn"] = new[] { 1.0, 2.5 } });
        var generator = sim.Create("spike_generator", 1, new StatusDictionary { ["spike_times"] = new[] { 2.0 } });
        sim.Connect(generator, neuron, syn: Port(300.0, 2));
        var mm = MeterProbe.CreateMultimeter(sim, neuron, 0.1, "I_syn_1", "I_syn_2", "I_syn");
        sim.Simulate(20.0);
        double[] i2 = MeterProbe.Values(sim, mm, "I_syn_2");
        double[] i1 = MeterProbe.Values(sim, mm, "I_syn_1");
        double[] sum = MeterProbe.Values(sim, mm, "I_syn");
        // The spike arrives at 3.0 ms; the alpha current w·(t/τ)·e^{1−t/τ} peaks at w after τ = 2.5 ms (sample 5.5 ms).
        int peak = Array.IndexOf(i2, i2.Max());
        using (Assert.EnterMultipleScope())
        {
            Assert.That((peak + 1) * 0.1, Is.EqualTo(5.5).Within(1e-9));
            Assert.That(i2[peak], Is.EqualTo(300.0).Within(1e-9));
            Assert.That(i2[(int)Math.Round(4.0 / 0.1) - 1], Is.EqualTo(300.0 * (1.0 / 2.5) * Math.Exp(1.0 - (1.0 / 2.5))).Within(1e-9), "one ms after arrival");
            Assert.That(i1, Has.All.EqualTo(0.0), "port 1 had no input");
            Assert.That(sum, Is.EqualTo(i2), "I_syn sums the ports");
        }
    }

    [TestCaseSource(nameof(Models))]
    public void A_population_on_two_threads_is_bit_identical_to_one_thread(string model)
    {
        (double[] Vm, int[] Senders, double[] Times) Run(int threads)
        {
            using var sim = ModelProbe.NewSimulator(0.1, seed: 11);
            sim.SetKernelStatus(new StatusDictionary { ["local_num_threads"] = (long)threads });
            var neurons = sim.Create(model, 30, ThreePorts(model));
            for (int i = 0; i < neurons.Count; i++)
            {
                sim.SetStatus(neurons[i..(i + 1)], new StatusDictionary { ["I_e"] = 40.0 * i });
            }

            bool conductance = model.StartsWith("aeif", StringComparison.Ordinal);
            var noise = sim.Create(ModelNames.PoissonGenerator, 3, new StatusDictionary { ["rate"] = 3000.0 });
            for (int port = 1; port <= 3; port++)
            {
                double w = conductance ? (port == 1 ? 2.0 : 0.2) : (port == 2 ? -20.0 : 60.0);
                sim.Connect(noise[(port - 1)..port], neurons, syn: Port(w, port));
            }

            var recorder = sim.Create(ModelNames.SpikeRecorder);
            sim.Connect(neurons, recorder);
            sim.Simulate(150.0);
            var (senders, times) = ModelProbe.Events(sim, recorder);
            return ([.. Enumerable.Range(0, neurons.Count).Select(i => sim.GetStatus(neurons[i]).Get<double>(ParameterNames.VM))], senders, times);
        }

        var one = Run(1);
        var two = Run(2);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(one.Times, Is.Not.Empty, "the population fires");
            Assert.That(two.Vm, Is.EqualTo(one.Vm), "V_m after 150 ms");
            Assert.That(two.Senders, Is.EqualTo(one.Senders));
            Assert.That(two.Times, Is.EqualTo(one.Times));
        }
    }
}
