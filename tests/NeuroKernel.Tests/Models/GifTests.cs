#pragma warning disable CA1861 // Arrays inline in test calls read best where they are used.

namespace NeuroKernel.Tests.Models;

/// <summary>
/// NEST's generalized integrate-and-fire models (gif_psc_exp, gif_cond_exp, gif_cond_exp_multisynapse): defaults, checks,
/// adaptation kernels, the escape noise's statistics and its independence of the thread count. gif_psc_exp's traces
/// against NEST 3.9 are in <see cref="MultisynapseTests"/>.
/// </summary>
[TestFixture]
public class GifTests
{
    public static IEnumerable<string> Models() => ["gif_psc_exp", "gif_cond_exp", "gif_cond_exp_multisynapse"];

    [Test]
    public void Defaults_are_NESTs() => MultisynapseTests.AssertDefaultsAreNests("gif_psc_exp");

    [TestCase("gif_psc_exp", "g_L", 0.0, "Membrane conductance must be strictly positive.")]
    [TestCase("gif_psc_exp", "Delta_V", 0.0, "Delta_V must be strictly positive.")]
    [TestCase("gif_cond_exp", "C_m", -1.0, "Capacitance must be strictly positive.")]
    [TestCase("gif_cond_exp", "t_ref", -1.0, "Refractory time must not be negative.")]
    [TestCase("gif_cond_exp_multisynapse", "lambda_0", -1.0, "lambda_0 must not be negative.")]
    [TestCase("gif_psc_exp", "tau_syn_in", 0.0, "Synapse time constants must be strictly positive.")]
    public void Bad_values_are_refused_with_NESTs_sentence_and_change_nothing(string model, string key, double value, string sentence)
    {
        using var sim = new Simulator();
        var neuron = sim.Create(model);
        double before = sim.GetStatus(neuron[0]).Get<double>(key);
        var e = Assert.Throws<BadPropertyException>(() => sim.SetStatus(neuron, new StatusDictionary { [key] = value }))!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(e.Message, Does.Contain(sentence).And.Contain(key));
            Assert.That(sim.GetStatus(neuron[0]).Get<double>(key), Is.EqualTo(before));
        }
    }

    [Test]
    public void Kernel_arrays_must_have_matching_sizes_and_positive_time_constants()
    {
        using var sim = new Simulator();
        var neuron = sim.Create("gif_psc_exp");
        var sizes = Assert.Throws<BadPropertyException>(() => sim.SetStatus(neuron, new StatusDictionary { ["q_sfa"] = new[] { 1.0, 2.0 }, ["tau_sfa"] = new[] { 10.0 } }))!;
        var tau = Assert.Throws<BadPropertyException>(() => sim.SetStatus(neuron, new StatusDictionary { ["q_stc"] = new[] { 1.0 }, ["tau_stc"] = new[] { 0.0 } }))!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sizes.Message, Does.Contain("'tau_sfa' and 'q_sfa' need to have the same dimensions."));
            Assert.That(tau.Message, Does.Contain("All time constants must be strictly positive."));
            Assert.That(sim.GetStatus(neuron[0]).Get<double[]>("q_sfa"), Is.Empty);
            Assert.That(sim.GetStatus(neuron[0]).Get<double>("lambda_0"), Is.EqualTo(1.0), "lambda_0 in 1/s, as NEST shows it");
        }
    }

    /// <summary>
    /// The jumps of a spike show, undecayed, in the next step's E_sfa and I_stc (each element is summed before it decays),
    /// then decay with their time constants.
    /// </summary>
    [TestCase("gif_psc_exp")]
    [TestCase("gif_cond_exp")]
    public void A_spike_raises_the_threshold_and_the_spike_triggered_current_by_their_jumps(string model)
    {
        using var sim = new Simulator();
        var neuron = sim.Create(model, 1, new StatusDictionary
        {
            ["I_e"] = 200.0, ["Delta_V"] = 1e-9, ["q_sfa"] = new[] { 10.0, 5.0 }, ["tau_sfa"] = new[] { 20.0, 100.0 },
            ["q_stc"] = new[] { 30.0 }, ["tau_stc"] = new[] { 10.0 },
        });
        var recorder = sim.Create(ModelNames.SpikeRecorder);
        sim.Connect(neuron, recorder);
        var mm = MeterProbe.CreateMultimeter(sim, neuron, 0.1, "E_sfa", "I_stc");
        sim.Simulate(60.0);
        double first = ModelProbe.Events(sim, recorder).Times[0];
        double[] sfa = MeterProbe.Values(sim, mm, "E_sfa"), stc = MeterProbe.Values(sim, mm, "I_stc");
        int spike = (int)Math.Round(first / 0.1) - 1;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sfa[spike], Is.EqualTo(-35.0), "the threshold before the jump");
            Assert.That(sfa[spike + 1], Is.EqualTo(-35.0 + 15.0).Within(1e-12), "both jumps, undecayed, in the next step");
            Assert.That(sfa[spike + 11], Is.EqualTo(-35.0 + (10.0 * Math.Exp(-1.0 / 20.0)) + (5.0 * Math.Exp(-1.0 / 100.0))).Within(1e-12), "1 ms later");
            Assert.That(stc[spike + 1], Is.EqualTo(30.0).Within(1e-12));
            Assert.That(stc[spike + 21], Is.EqualTo(30.0 * Math.Exp(-2.0 / 10.0)).Within(1e-12), "2 ms later");
        }
    }

    /// <summary>
    /// With t_ref = 0 a neuron is never reset (NEST), so a neuron held at its steady state V∞ = E_L + I_e/g_L fires in
    /// each step with probability 1 − exp(−λh), λ = lambda_0·exp((V∞ − V_T*)/Delta_V): a Bernoulli process.
    /// </summary>
    [TestCase("gif_psc_exp")]
    [TestCase("gif_cond_exp")]
    [TestCase("gif_cond_exp_multisynapse")]
    [Category("Statistical")]
    public void The_escape_noise_fires_at_the_hazard_rate(string model)
    {
        const int n = 200;
        const double ie = 100.0, gL = 4.0, eL = -70.0, vTStar = -45.0, deltaV = 2.0, lambda0 = 20.0, h = 0.1, t = 1000.0;
        double vInf = eL + (ie / gL);
        using var sim = ModelProbe.NewSimulator(h, seed: 21);
        var neurons = sim.Create(model, n, new StatusDictionary
        {
            ["I_e"] = ie, ["t_ref"] = 0.0, ["V_m"] = vInf, ["V_T_star"] = vTStar, ["Delta_V"] = deltaV, ["lambda_0"] = lambda0,
        });
        var recorder = sim.Create(ModelNames.SpikeRecorder);
        sim.Connect(neurons, recorder);
        sim.Simulate(t);
        var (senders, _) = ModelProbe.Events(sim, recorder);
        double lambda = lambda0 / 1000.0 * Math.Exp((vInf - vTStar) / deltaV);
        double p = 1.0 - Math.Exp(-lambda * h);
        double steps = n * t / h, expected = steps * p, sigma = Math.Sqrt(steps * p * (1 - p));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(expected, Is.GreaterThan(1000), "enough spikes to test");
            Assert.That(senders.Length, Is.InRange(expected - (5 * sigma), expected + (5 * sigma)), $"λ = {lambda * 1000:G4}/s");
            Assert.That(senders.Distinct().Count(), Is.EqualTo(n), "every neuron draws");
        }
    }

    [TestCaseSource(nameof(Models))]
    public void A_noisy_population_on_two_threads_is_bit_identical_to_one_thread(string model)
    {
        (int[] Senders, double[] Times) Run(int threads, long seed)
        {
            using var sim = ModelProbe.NewSimulator(0.1, seed);
            sim.SetKernelStatus(new StatusDictionary { ["local_num_threads"] = (long)threads });
            var neurons = sim.Create(model, 40, new StatusDictionary { ["q_sfa"] = new[] { 5.0 }, ["tau_sfa"] = new[] { 50.0 }, ["I_e"] = 150.0 });
            var noise = sim.Create(ModelNames.PoissonGenerator, 1, new StatusDictionary { ["rate"] = 2000.0 });
            var spec = model == "gif_cond_exp_multisynapse"
                ? SynSpec.FromDictionary(new StatusDictionary { ["synapse_model"] = "static_synapse", ["weight"] = 1.0, ["delay"] = 1.0, ["receptor_type"] = 1L })
                : new SynSpec(ModelNames.StaticSynapse, model == "gif_psc_exp" ? 30.0 : 1.0, 1.0);
            sim.Connect(noise, neurons, syn: spec);
            var recorder = sim.Create(ModelNames.SpikeRecorder);
            sim.Connect(neurons, recorder);
            sim.Simulate(300.0);
            return ModelProbe.Events(sim, recorder);
        }

        var one = Run(1, 5);
        var two = Run(2, 5);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(one.Times, Has.Length.GreaterThan(50), "the population fires");
            Assert.That(two.Senders, Is.EqualTo(one.Senders));
            Assert.That(two.Times, Is.EqualTo(one.Times));
            Assert.That(Run(1, 6).Times, Is.Not.EqualTo(one.Times), "another seed, other draws");
        }
    }

    /// <summary>
    /// With one port, E_rev = E_ex and tau_syn = tau_syn_ex, gif_cond_exp_multisynapse is gif_cond_exp with excitatory input
    /// only: the same right-hand side and the same order (deterministic at Delta_V = 1e-9).
    /// </summary>
    [Test]
    public void One_port_of_the_multisynapse_model_is_gif_cond_exp_with_excitatory_input()
    {
        using var sim = new Simulator();
        var single = sim.Create("gif_cond_exp", 1, new StatusDictionary { ["Delta_V"] = 1e-9, ["I_e"] = 20.0, ["tau_syn_ex"] = 3.0 });
        var multi = sim.Create("gif_cond_exp_multisynapse", 1, new StatusDictionary { ["Delta_V"] = 1e-9, ["I_e"] = 20.0, ["tau_syn"] = new[] { 3.0 }, ["E_rev"] = new[] { 0.0 } });
        var generator = sim.Create(ModelNames.SpikeGenerator, 1, new StatusDictionary { ["spike_times"] = new[] { 5.0, 6.0, 7.0, 20.0, 21.0, 22.0, 23.0, 24.0 } });
        var parrot = sim.Create("parrot_neuron");
        sim.Connect(generator, parrot);
        sim.Connect(parrot, single, syn: new SynSpec(ModelNames.StaticSynapse, 12.0, 1.0));
        sim.Connect(parrot, multi, syn: SynSpec.FromDictionary(new StatusDictionary { ["synapse_model"] = "static_synapse", ["weight"] = 12.0, ["delay"] = 1.0, ["receptor_type"] = 1L }));
        var mm = MeterProbe.CreateMultimeter(sim, single + multi, 0.1, ParameterNames.VM);
        var recorder = sim.Create(ModelNames.SpikeRecorder);
        sim.Connect(single + multi, recorder);
        sim.Simulate(60.0);
        var (senders, times) = ModelProbe.Events(sim, recorder);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(senders.Count(s => s == single[0]), Is.GreaterThan(0), "the input makes it fire");
            Assert.That(times.Where((_, i) => senders[i] == multi[0]), Is.EqualTo(times.Where((_, i) => senders[i] == single[0])));
            Assert.That(MeterProbe.ValuesOf(sim, mm, multi[0]), Is.EqualTo(MeterProbe.ValuesOf(sim, mm, single[0])), "V_m bit for bit");
        }
    }

    /// <summary>With a hard threshold (Delta_V = 1e-9) and a constant current, gif_cond_exp fires at NEST's gif_psc_exp spike times: the same membrane, integrated by RKF45.</summary>
    [Test]
    public void Gif_cond_exp_with_a_hard_threshold_fires_at_gif_psc_exps_times()
    {
        double[] nest = ModelProbe.ReadSpikeTimes("neurons/gif_psc_exp_dc_spikes.csv");
        using var sim = new Simulator();
        var neuron = sim.Create("gif_cond_exp", 1, new StatusDictionary { ["Delta_V"] = 1e-9, ["I_e"] = 200.0 });
        var recorder = sim.Create(ModelNames.SpikeRecorder);
        sim.Connect(neuron, recorder);
        sim.Simulate(200.0);
        Assert.That(ModelProbe.Events(sim, recorder).Times, Is.EqualTo(nest).Within(1e-9));
    }
}
