using System.Text.Json;
using NUnit.Framework.Constraints;

namespace NeuroKernel.Tests.Models;

/// <summary>
/// <c>iaf_psc_alpha</c> against NEST 3.9: recorded reference traces, NEST's published test values, exact
/// integration's resolution independence, defaults, validation and its all-or-nothing rule, NEST's E_L rule,
/// per-neuron parameters, and the tau_syn ≈ tau_m singularity.
/// </summary>
[TestFixture]
public class IafPscAlphaTests
{
    private const string Model = ModelNames.IafPscAlpha;

    // NEST defaults, used for analytic expectations.
    private const double EL = -70.0;
    private const double CM = 250.0;
    private const double TauM = 10.0;
    private const double TauSyn = 2.0;

    /// <summary>R·I_e for I_e = 1 pA: tau_m / C_m (mV/pA).</summary>
    private const double Resistance = TauM / CM;

    private static readonly double[] FirstSpikeAt1000PA = [4.8];
    private static readonly double[] SpikesAt1450PA = [3.0, 8.0, 13.0, 18.0];
    private static readonly double[] InputSpike = [10.0];

    #region Reference traces recorded with NEST 3.9

    [TestCase("iaf_psc_alpha_dc")]
    [TestCase("iaf_psc_alpha_psc")]
    [TestCase("iaf_psc_alpha_ipsc")]
    [Category("Reference")]
    public void Membrane_potential_matches_the_nest_trace_at_every_sample(string caseName)
    {
        var c = NestCaseRun.ReadCase(caseName);
        var (times, expected) = ModelProbe.ReadTrace(c.GetProperty("files").GetProperty("trace").GetString()!);
        double h = c.GetProperty("resolution_ms").GetDouble();
        Assert.That(expected, Has.Length.EqualTo(c.GetProperty("n_samples").GetInt32()));

        using var run = StartReferenceCase(c);
        double[] actual = ModelProbe.SampleVm(run.Sim, run.Neuron, h, expected.Length);

        using (Assert.EnterMultipleScope())
        {
            // The sample k (0-based) is stamped (k + 1)·h: the fixture reads V_m at the same instants as NEST's voltmeter.
            Assert.That(times, Is.EqualTo(Enumerable.Range(1, times.Length).Select(k => k * h).ToArray()).Within(1e-9));
            Assert.That(actual, Is.EqualTo(expected).Within(1e-9), $"V_m of {caseName} (mV)");
        }
    }

    [TestCase("iaf_psc_alpha_dc")]
    [TestCase("iaf_psc_alpha_psc")]
    [TestCase("iaf_psc_alpha_ipsc")]
    [Category("Reference")]
    public void Spike_times_match_the_nest_recording(string caseName)
    {
        var c = NestCaseRun.ReadCase(caseName);
        double[] expected = ModelProbe.ReadSpikeTimes(c.GetProperty("files").GetProperty("spikes").GetString()!);
        double[] fromCases = [.. c.GetProperty("spike_times_ms").EnumerateArray().Select(e => e.GetDouble())];

        using var run = StartReferenceCase(c);
        run.Sim.Simulate(c.GetProperty("simtime_ms").GetDouble());
        var (senders, times) = ModelProbe.Events(run.Sim, run.Recorder);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(fromCases, Is.EqualTo(expected), "the reference files disagree with cases.json");
            Assert.That(times, Is.EqualTo(expected).Within(1e-12), $"spike times of {caseName} (ms)");
            Assert.That(senders, Has.All.EqualTo(run.Neuron));
        }
    }

    #endregion

    #region NEST's published test values

    [Test]
    [Category("Reference")]
    public void Dc_input_of_1000_pA_matches_nest_published_values()
    {
        // NEST's testsuite (test_iaf): default parameters, I_e = 1000 pA, h = 0.1 ms. The values are published to
        // 4 decimals, so they pin V_m down to half a unit in the last digit.
        using var sim = ModelProbe.NewSimulator(0.1);
        var neuron = sim.Create(Model, 1, new() { [ParameterNames.IE] = 1000.0 });
        var rec = sim.Create(ModelNames.SpikeRecorder);
        sim.Connect(neuron, rec);

        double[] v = ModelProbe.SampleVm(sim, neuron[0], 0.1, 48);
        var (_, times) = ModelProbe.Events(sim, rec);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(v[0], Is.EqualTo(-69.602).Within(5e-5), "V_m(0.1)");
            Assert.That(v[46], Is.EqualTo(-55.0001).Within(5e-5), "V_m(4.7)");
            Assert.That(v[47], Is.EqualTo(-70.0), "V_m(4.8) is already reset");
            Assert.That(times, Is.EqualTo(FirstSpikeAt1000PA).Within(1e-12));
        }
    }

    [TestCase(0.1)]
    [TestCase(0.2)]
    [TestCase(0.5)]
    [TestCase(1.0)]
    [Category("Reference")]
    public void Dc_input_of_1450_pA_fires_first_at_3_ms_at_every_resolution(double h)
    {
        // R·I_e = 58 mV crosses the 15 mV threshold at 10·ln(58/43) = 2.9924 ms, so the first grid point at or
        // after it is 3.0 ms for all four resolutions (NEST's test_iaf_dc_aligned). After t_ref = 2 ms the
        // membrane restarts from V_reset at 5.0 ms, so every later spike is 5 ms after the previous one.
        using var sim = ModelProbe.NewSimulator(h);
        var neuron = sim.Create(Model, 1, new() { [ParameterNames.IE] = 1450.0 });
        var rec = sim.Create(ModelNames.SpikeRecorder);
        sim.Connect(neuron, rec);

        sim.Simulate(20.0);
        var (_, times) = ModelProbe.Events(sim, rec);

        Assert.That(times, Is.EqualTo(SpikesAt1450PA).Within(1e-9));
    }

    [Test]
    [Category("Reference")]
    public void Dc_trace_is_independent_of_the_resolution_before_the_first_spike()
    {
        // Exact integration: between events the trace at common grid points does not depend on h. With
        // I_e = 376 pA the first spike is at 59.3 ms, so 1 ms samples up to 59 ms are all sub-threshold.
        const int samples = 59;
        var traces = new Dictionary<double, double[]>();
        foreach (double h in new[] { 0.01, 0.1, 1.0 })
        {
            using var sim = ModelProbe.NewSimulator(h);
            var neuron = sim.Create(Model, 1, new() { [ParameterNames.IE] = 376.0 });
            traces[h] = ModelProbe.SampleVm(sim, neuron[0], 1.0, samples);
        }

        // V(t) = E_L + R·I_e·(1 − e^{−t/tau_m})
        double[] analytic = [.. Enumerable.Range(1, samples).Select(t => EL + (376.0 * Resistance * (1.0 - Math.Exp(-t / TauM))))];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(traces[0.01], Is.EqualTo(traces[0.1]).Within(1e-12), "h = 0.01 vs 0.1");
            Assert.That(traces[1.0], Is.EqualTo(traces[0.1]).Within(1e-12), "h = 1.0 vs 0.1");
            Assert.That(traces[0.1], Is.EqualTo(analytic).Within(1e-12), "h = 0.1 vs the closed form");
        }
    }

    #endregion

    #region Defaults

    [Test]
    [Category("Reference")]
    public void Defaults_equal_nest_defaults()
    {
        var nest = NestDefaults.Read(Model);
        using var sim = new Simulator();
        var ours = sim.GetDefaults(Model);
        string[] numeric = ["C_m", "E_L", "I_e", "V_m", "V_min", "V_reset", "V_th", "t_ref", "tau_m", "tau_syn_ex", "tau_syn_in"];

        using (Assert.EnterMultipleScope())
        {
            foreach (string key in numeric)
            {
                Assert.That(ours.Get<double>(key), Is.EqualTo(NestDefaults.Number(nest.GetProperty(key))), key);
            }

            string[] recordables = [.. nest.GetProperty("recordables").EnumerateArray().Select(e => e.GetString()!)];
            Assert.That(ours.Get<string[]>("recordables"), Is.EquivalentTo(recordables));
            Assert.That(ours.Get<string>("model"), Is.EqualTo(nest.GetProperty("model").GetString()));
            Assert.That(ours.Get<string>("element_type"), Is.EqualTo(nest.GetProperty("element_type").GetString()));
        }
    }

    [Test]
    public void New_nodes_start_from_the_current_defaults()
    {
        using var sim = new Simulator();
        sim.SetDefaults(Model, new() { [ParameterNames.CM] = 200.0, [ParameterNames.VTh] = -50.0, [ParameterNames.IE] = 5.0 });
        var nodes = sim.Create(Model, 3);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sim.GetStatus<double>(nodes, ParameterNames.CM), Has.All.EqualTo(200.0));
            Assert.That(sim.GetStatus<double>(nodes, ParameterNames.VTh), Has.All.EqualTo(-50.0));
            Assert.That(sim.GetStatus<double>(nodes, ParameterNames.IE), Has.All.EqualTo(5.0));
            Assert.That(sim.GetStatus<double>(nodes, ParameterNames.VM), Has.All.EqualTo(EL));
        }
    }

    #endregion

    #region Validation: every failure names key and value, and changes nothing

    [TestCase("C_m", 0.0)]
    [TestCase("C_m", -250.0)]
    [TestCase("tau_m", 0.0)]
    [TestCase("tau_m", -10.0)]
    [TestCase("tau_syn_ex", 0.0)]
    [TestCase("tau_syn_ex", -2.0)]
    [TestCase("tau_syn_in", 0.0)]
    [TestCase("tau_syn_in", -0.5)]
    [TestCase("t_ref", -0.1)]
    [TestCase("t_ref", -2.0)]
    [TestCase("V_reset", -55.0)] // equal to V_th
    [TestCase("V_reset", -40.0)]
    [TestCase("V_th", -70.0)] // equal to V_reset
    [TestCase("V_th", -80.0)]
    [TestCase("tau_mem", 20.0)] // unknown key (misspelled tau_m)
    [TestCase("v_m", -60.0)] // keys are case sensitive
    [TestCase("tau_m", double.NaN)]
    [TestCase("V_m", double.NaN)]
    [TestCase("E_L", double.NaN)]
    [TestCase("C_m", "250")] // a string for a number
    [TestCase("V_th", "high")]
    public void Invalid_parameter_throws_BadProperty_naming_key_and_value_and_changes_nothing(string key, object value)
    {
        using var sim = new Simulator();
        var nodes = sim.Create(Model, 3);
        var defaultsBefore = sim.GetDefaults(Model);
        var statusBefore = sim.GetStatus(nodes);
        long sizeBefore = sim.GetKernelStatus<long>(ParameterNames.NetworkSize);

        // A valid entry rides along: it must not be applied either.
        StatusDictionary Bad() => new() { [ParameterNames.IE] = 123.0, [key] = value };
        IResolveConstraint Rejected() => Throws.TypeOf<BadPropertyException>()
            .With.Message.Contains(key).And.Message.Contains(ModelProbe.Describe(value));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => sim.SetDefaults(Model, Bad()), Rejected(), "SetDefaults");
            Assert.That(() => sim.SetStatus(nodes, Bad()), Rejected(), "SetStatus(nodes)");
            Assert.That(() => sim.SetStatus(nodes[1], Bad()), Rejected(), "SetStatus(id)");
            Assert.That(() => sim.Create(Model, 2, Bad()), Rejected(), "Create");
            Assert.That(() => sim.CopyModel(Model, "my_iaf", Bad()), Rejected(), "CopyModel");

            Assert.That(sim.GetDefaults(Model), Is.EqualTo(defaultsBefore), "defaults after the failures");
            Assert.That(sim.GetStatus(nodes), Is.EqualTo(statusBefore), "node status after the failures");
            Assert.That(sim.GetKernelStatus<long>(ParameterNames.NetworkSize), Is.EqualTo(sizeBefore), "network_size");
            Assert.That(() => sim.GetDefaults("my_iaf"), Throws.TypeOf<UnknownModelNameException>(), "a failed CopyModel registers nothing");
        }

        // The failed Create used no ids.
        Assert.That(sim.Create(Model)[0], Is.EqualTo(4));
    }

    [Test]
    public void SetStatus_with_one_invalid_value_among_many_changes_no_node()
    {
        using var sim = new Simulator();
        var nodes = sim.Create(Model, 5);
        var before = sim.GetStatus(nodes);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(
                () => sim.SetStatus(nodes, ParameterNames.TauM, [5.0, 10.0, 20.0, 30.0, -1.0]),
                Throws.TypeOf<BadPropertyException>().With.Message.Contains("tau_m").And.Message.Contains("-1"));
            Assert.That(
                () => sim.SetStatus(nodes, Enumerable.Range(0, 5).Select(i => new StatusDictionary { [ParameterNames.VM] = i == 3 ? double.NaN : -60.0 - i }).ToArray()),
                Throws.TypeOf<BadPropertyException>().With.Message.Contains("V_m"));
            Assert.That(sim.GetStatus(nodes), Is.EqualTo(before));
        }
    }

    #endregion

    #region NEST's E_L rule

    [Test]
    public void Changing_E_L_keeps_absolute_threshold_reset_and_membrane_potential()
    {
        using var sim = new Simulator();
        var neuron = sim.Create(Model);
        sim.SetStatus(neuron, new StatusDictionary { [ParameterNames.EL] = -65.0 });
        var s = sim.GetStatus(neuron);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(s.Get<double>(ParameterNames.EL), Is.EqualTo(-65.0));
            Assert.That(s.Get<double>(ParameterNames.VTh), Is.EqualTo(-55.0));
            Assert.That(s.Get<double>(ParameterNames.VReset), Is.EqualTo(-70.0));
            Assert.That(s.Get<double>(ParameterNames.VM), Is.EqualTo(-70.0));
            Assert.That(s.Get<double>(ParameterNames.VMin), Is.EqualTo(double.NegativeInfinity));
        }
    }

    [Test]
    public void Potentials_given_with_E_L_are_taken_as_given()
    {
        using var sim = new Simulator();
        var neuron = sim.Create(Model);
        sim.SetStatus(neuron, new StatusDictionary
        {
            [ParameterNames.EL] = -60.0, [ParameterNames.VTh] = -50.0, [ParameterNames.VM] = -62.0, [ParameterNames.VMin] = -90.0,
        });
        var s = sim.GetStatus(neuron);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(s.Get<double>(ParameterNames.EL), Is.EqualTo(-60.0));
            Assert.That(s.Get<double>(ParameterNames.VTh), Is.EqualTo(-50.0));
            Assert.That(s.Get<double>(ParameterNames.VM), Is.EqualTo(-62.0));
            Assert.That(s.Get<double>(ParameterNames.VMin), Is.EqualTo(-90.0));
            Assert.That(s.Get<double>(ParameterNames.VReset), Is.EqualTo(-70.0), "not given: absolute value kept");
        }
    }

    [Test]
    public void Changing_E_L_in_the_defaults_follows_the_same_rule()
    {
        using var sim = new Simulator();
        sim.SetDefaults(Model, new() { [ParameterNames.EL] = -65.0 });
        var d = sim.GetDefaults(Model);
        var neuron = sim.Create(Model);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(d.Get<double>(ParameterNames.VTh), Is.EqualTo(-55.0));
            Assert.That(d.Get<double>(ParameterNames.VReset), Is.EqualTo(-70.0));
            Assert.That(d.Get<double>(ParameterNames.VM), Is.EqualTo(-70.0));
            Assert.That(sim.GetStatus(neuron[0]).Get<double>(ParameterNames.VM), Is.EqualTo(-70.0));
            Assert.That(sim.GetStatus(neuron[0]).Get<double>(ParameterNames.EL), Is.EqualTo(-65.0));
        }
    }

    [Test]
    public void After_an_E_L_change_the_membrane_relaxes_to_the_new_rest()
    {
        using var sim = ModelProbe.NewSimulator(0.1);
        var neuron = sim.Create(Model);
        sim.SetStatus(neuron, new StatusDictionary { [ParameterNames.EL] = -65.0 });

        double[] v = ModelProbe.SampleVm(sim, neuron[0], 1.0, 20);

        // V(t) = E_L + (V_0 − E_L)·e^{−t/tau_m} with V_0 = −70 kept, E_L = −65.
        double[] expected = [.. Enumerable.Range(1, 20).Select(t => -65.0 - (5.0 * Math.Exp(-t / TauM)))];
        Assert.That(v, Is.EqualTo(expected).Within(1e-12));
    }

    #endregion

    #region Per-neuron parameters and state

    [Test]
    public void Neurons_with_I_e_above_rheobase_fire_and_the_others_do_not()
    {
        // Rheobase: (V_th − E_L)·C_m/tau_m = 375 pA. Nine neurons cover the vector lanes and the scalar tail.
        double[] ie = [0.0, 100.0, 376.0, 300.0, 370.0, 374.0, 1000.0, 400.0, 374.9];
        using var sim = ModelProbe.NewSimulator(0.1);
        var nodes = sim.Create(Model, ie.Length);
        var rec = sim.Create(ModelNames.SpikeRecorder);
        sim.Connect(nodes, rec);
        sim.SetStatus(nodes, ParameterNames.IE, ie);

        sim.Simulate(200.0);
        var (senders, times) = ModelProbe.Events(sim, rec);

        int[] expectedFiring = [.. Enumerable.Range(0, ie.Length).Where(i => ie[i] > 375.0).Select(i => nodes[i])];
        double FirstSpike(int id) => times[Array.IndexOf(senders, id)];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sim.GetStatus<double>(nodes, ParameterNames.IE), Is.EqualTo(ie));
            Assert.That(senders.Distinct().Order(), Is.EqualTo(expectedFiring));
            Assert.That(FirstSpike(nodes[2]), Is.EqualTo(59.3).Within(1e-9), "I_e = 376 pA fires as in the NEST dc trace");
            Assert.That(FirstSpike(nodes[6]), Is.EqualTo(4.8).Within(1e-9), "I_e = 1000 pA fires as in NEST's test");
        }
    }

    [Test]
    public void Membrane_potential_is_settable_per_neuron_and_each_relaxes_on_its_own()
    {
        double[] v0 = [-70.0, -65.0, -60.0, -75.0, -56.0, -90.0, -69.5];
        using var sim = ModelProbe.NewSimulator(0.1);
        var nodes = sim.Create(Model, v0.Length);
        sim.SetStatus(nodes, ParameterNames.VM, v0);
        double[] set = sim.GetStatus<double>(nodes, ParameterNames.VM);

        sim.Simulate(10.0);
        double[] after = sim.GetStatus<double>(nodes, ParameterNames.VM);

        double[] expected = [.. v0.Select(v => EL + ((v - EL) * Math.Exp(-1.0)))];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(set, Is.EqualTo(v0));
            Assert.That(after, Is.EqualTo(expected).Within(1e-12));
        }
    }

    [Test]
    public void Membrane_time_constant_is_settable_per_neuron()
    {
        double[] tau = [10.0, 5.0, 5.0, 20.0, 1.0, 10.0, 3.0, 3.0, 50.0];
        using var sim = ModelProbe.NewSimulator(0.1);
        var nodes = sim.Create(Model, tau.Length, new() { [ParameterNames.VM] = -60.0 });
        sim.SetStatus(nodes, ParameterNames.TauM, tau);

        sim.Simulate(7.0);
        double[] v = sim.GetStatus<double>(nodes, ParameterNames.VM);

        double[] expected = [.. tau.Select(t => EL + (10.0 * Math.Exp(-7.0 / t)))];
        Assert.That(v, Is.EqualTo(expected).Within(1e-12));
    }

    #endregion

    #region tau_syn equal or nearly equal to tau_m

    [Test]
    public void Equal_membrane_and_synaptic_time_constants_give_the_analytic_psp()
    {
        // tau_syn = tau_m = tau: V(T) − E_L = w·e/(tau·C)·T²/2·e^{−T/tau}, T = t − 11 ms (arrival at 11.0 ms).
        const double tau = TauM, w = 100.0;
        using var run = PspRun(1);
        run.Sim.SetStatus(run.Neurons, new StatusDictionary { [ParameterNames.TauSynExcitatory] = tau });

        double[] v = Column(ModelProbe.SampleVm(run.Sim, run.Neurons, 0.1, 500), 0);

        double[] expected = [.. Enumerable.Range(1, 500).Select(k =>
        {
            double t = Math.Max(0.0, (k * 0.1) - 11.0);
            return EL + (w * Math.E / (tau * CM) * t * t / 2.0 * Math.Exp(-t / tau));
        })];
        Assert.That(v, Is.EqualTo(expected).Within(1e-11));
    }

    [Test]
    public void Psp_is_finite_and_continuous_as_tau_syn_approaches_tau_m()
    {
        // tau_syn_ex = tau_m + d for d from ±1e-10 to ±1e-1, and d = 0, in one population (one propagator
        // segment per neuron). The PSP must change smoothly with d: no blow-up or jump near the singularity.
        double[] d = [-1e-1, -1e-2, -1e-4, -1e-6, -1e-8, -1e-10, 0.0, 1e-10, 1e-8, 1e-6, 1e-4, 1e-2, 1e-1];
        int zero = Array.IndexOf(d, 0.0);
        using var run = PspRun(d.Length);
        run.Sim.SetStatus(run.Neurons, ParameterNames.TauSynExcitatory, [.. d.Select(x => TauM + x)]);

        double[][] samples = ModelProbe.SampleVm(run.Sim, run.Neurons, 0.1, 500);
        double[][] traces = [.. Enumerable.Range(0, d.Length).Select(i => Column(samples, i))];
        double[] peaks = [.. traces.Select(t => t.Max())];

        // Slope of the trace with respect to tau_syn, from the widest pair, with a factor 2 margin for curvature.
        double slope = 2.0 * traces[^1].Zip(traces[0], (a, b) => Math.Abs(a - b)).Max() / (d[^1] - d[0]);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(samples.SelectMany(s => s), Has.All.Matches<double>(double.IsFinite), "every sample is finite");
            Assert.That(peaks[zero], Is.GreaterThan(EL + 2.0), "the PSP of a 100 pA alpha current at tau = 10 ms is ~2.9 mV");
            for (int i = 0; i < d.Length; i++)
            {
                double bound = (slope * Math.Abs(d[i])) + 1e-12;
                Assert.That(traces[i], Is.EqualTo(traces[zero]).Within(bound), $"trace at d = {d[i]}");
            }

            // More synaptic charge (w·e·tau_syn) gives a higher peak: the peaks increase strictly with d,
            // even across steps of 1e-10 ms (a peak change of ~3e-11 mV, far above rounding).
            Assert.That(peaks, Is.Ordered.Ascending);
            Assert.That(peaks.Distinct().Count(), Is.EqualTo(peaks.Length), "peaks differ for different tau_syn");
        }
    }

    #endregion

    #region Helpers

    private static double[] Column(double[][] samples, int neuron) => [.. samples.Select(s => s[neuron])];

    /// <summary>n neurons receiving one 100 pA spike at 10.0 ms through a 1.0 ms static synapse (arrival 11.0 ms).</summary>
    private static PspSetup PspRun(int n)
    {
        var sim = ModelProbe.NewSimulator(0.1);
        var neurons = sim.Create(Model, n);
        var generator = sim.Create(ModelNames.SpikeGenerator, 1, new() { [ParameterNames.SpikeTimes] = InputSpike });
        sim.Connect(generator, neurons, syn: new SynSpec(ModelNames.StaticSynapse, 100.0, 1.0));
        return new PspSetup(sim, neurons);
    }

    private sealed class PspSetup(Simulator sim, NodeCollection neurons) : IDisposable
    {
        public Simulator Sim { get; } = sim;

        public NodeCollection Neurons { get; } = neurons;

        public void Dispose() => Sim.Dispose();
    }

    /// <summary>The reference case <paramref name="c"/> rebuilt as NEST's script built it; it must be a case of this model.</summary>
    private static NestCaseRun StartReferenceCase(JsonElement c)
    {
        Assert.That(c.GetProperty("model").GetString(), Is.EqualTo(Model));
        return NestCaseRun.Start(c);
    }

    #endregion
}
