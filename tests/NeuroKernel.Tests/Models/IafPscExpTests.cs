#pragma warning disable CA1861 // Expected values are clearer inline, and each test runs once.

namespace NeuroKernel.Tests.Models;

/// <summary>
/// <c>iaf_psc_exp</c> against NEST 3.9: the recorded reference traces read through a voltmeter, the synaptic
/// currents read through a multimeter, defaults, validation, and tau_syn equal or nearly equal to tau_m.
/// </summary>
[TestFixture]
public class IafPscExpTests
{
    private const string Model = "iaf_psc_exp";

    // NEST defaults, used for analytic expectations.
    private const double EL = -70.0, CM = 250.0, TauM = 10.0, TauSyn = 2.0;

    #region Reference traces recorded with NEST 3.9, read through a voltmeter

    [TestCase(1000.0, ParameterNames.ISynExcitatory, ParameterNames.ISynInhibitory)]
    [TestCase(-1000.0, ParameterNames.ISynInhibitory, ParameterNames.ISynExcitatory)]
    [Category("Reference")]
    public void Synaptic_current_jumps_by_the_weight_on_arrival_and_decays_with_tau_syn(double weight, string port, string other)
    {
        // NEST's order: the current takes the spike in the step of its arrival (10.0 + 1.0 ms), so the sample at
        // 11.0 ms shows the full weight, while V_m first moves at 11.1 ms. The sign picks the port.
        using var sim = ModelProbe.NewSimulator(0.1);
        var neuron = sim.Create(Model);
        var generator = sim.Create(ModelNames.SpikeGenerator, 1, new() { [ParameterNames.SpikeTimes] = new[] { 10.0 } });
        sim.Connect(generator, neuron, syn: new SynSpec(ModelNames.StaticSynapse, weight, 1.0));
        var mm = MeterProbe.CreateMultimeter(sim, neuron, 0.1, ParameterNames.VM, ParameterNames.ISynExcitatory, ParameterNames.ISynInhibitory);

        sim.Simulate(30.0);
        double[] current = MeterProbe.Values(sim, mm, port);
        double[] v = MeterProbe.Values(sim, mm);

        double[] expected = [.. Enumerable.Range(1, 300).Select(k => k < 110 ? 0.0 : weight * Math.Exp(-(k - 110) * 0.1 / TauSyn))];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(current, Is.EqualTo(expected).Within(1e-9), $"{port} (pA)");
            Assert.That(MeterProbe.Values(sim, mm, other), Has.All.EqualTo(0.0), $"{other} (pA)");
            Assert.That(v[109], Is.EqualTo(EL), "V_m(11.0)");
            Assert.That(v[110], Is.Not.EqualTo(EL), "V_m(11.1)");
        }
    }

    #endregion

    #region Defaults and validation

    [Test]
    [Category("Reference")]
    public void Defaults_equal_nest_defaults()
    {
        var nest = NestDefaults.Read(Model);
        using var sim = new Simulator();
        var ours = sim.GetDefaults(Model);

        using (Assert.EnterMultipleScope())
        {
            NestDefaults.AssertNumbersEqual(ours, nest,
                ["C_m", "E_L", "I_e", "V_m", "V_reset", "V_th", "t_ref", "tau_m", "tau_syn_ex", "tau_syn_in", "delta", "rho"]);
            Assert.That(ours.Get<string[]>(ParameterNames.Recordables), Is.EqualTo(NestDefaults.Strings(nest.GetProperty("recordables"))));
            Assert.That(ours.Keys, Has.None.EqualTo(ParameterNames.VMin).And.None.EqualTo("refractory_input"),
                "iaf_psc_exp has neither V_min nor refractory_input");
        }
    }

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
    [TestCase("rho", -0.01)]
    [TestCase("V_min", -80.0)] // a key of iaf_psc_alpha/delta, unknown here
    [TestCase("refractory_input", true)] // a key of iaf_psc_delta, unknown here
    [TestCase("tau_syn", 2.0)]
    [TestCase("tau_syn_ex", double.NaN)]
    [TestCase("tau_syn_in", "2")] // a string for a number
    public void Invalid_parameter_throws_BadProperty_naming_the_key_and_changes_nothing(string key, object value)
    {
        // A valid entry rides along: it must not be applied either.
        ParameterValidation.AssertRejectedAndNothingChanged(Model, "my_exp", key,
            () => new() { [ParameterNames.IE] = 123.0, [ParameterNames.TauSynExcitatory] = 3.0, [key] = value });
    }

    #endregion

    #region tau_syn equal or nearly equal to tau_m

    [Test]
    public void Equal_membrane_and_synaptic_time_constants_give_the_analytic_psp()
    {
        // tau_syn = tau_m = tau: V(T) − E_L = (w/C)·T·e^{−T/tau}, T = t − 11 ms (arrival at 11.0 ms).
        const double w = 100.0;
        using var run = PspRun([TauM]);

        double[] v = MeterProbe.Values(run.Sim, run.Meter);

        double[] expected = [.. Enumerable.Range(1, 500).Select(k =>
        {
            double t = Math.Max(0.0, (k * 0.1) - 11.0);
            return EL + (w / CM * t * Math.Exp(-t / TauM));
        })];
        Assert.That(v, Is.EqualTo(expected).Within(1e-11));
    }

    [Test]
    public void Psp_is_finite_and_continuous_as_tau_syn_approaches_tau_m()
    {
        // tau_syn_ex = tau_m + d for d from ±1e-10 to ±1e-1, and d = 0, in one population (one propagator segment
        // per neuron). The PSP must change smoothly with d: no blow-up or jump near NEST's singular propagator.
        double[] d = [-1e-1, -1e-2, -1e-4, -1e-6, -1e-8, -1e-10, 0.0, 1e-10, 1e-8, 1e-6, 1e-4, 1e-2, 1e-1];
        int zero = Array.IndexOf(d, 0.0);
        using var run = PspRun([.. d.Select(x => TauM + x)]);

        double[][] traces = [.. run.Neurons.Select(id => MeterProbe.ValuesOf(run.Sim, run.Meter, id))];
        double[] peaks = [.. traces.Select(t => t.Max())];

        // Slope of the trace with respect to tau_syn, from the widest pair, with a factor 2 margin for curvature.
        double slope = 2.0 * traces[^1].Zip(traces[0], (a, b) => Math.Abs(a - b)).Max() / (d[^1] - d[0]);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(traces.Select(t => t.Length), Has.All.EqualTo(500), "500 samples per neuron");
            Assert.That(traces.SelectMany(t => t), Has.All.Matches<double>(double.IsFinite), "every sample is finite");
            Assert.That(peaks[zero], Is.GreaterThan(EL + 1.0), "the PSP of a 100 pA exponential current at tau = 10 ms is ~1.5 mV");
            for (int i = 0; i < d.Length; i++)
            {
                double bound = (slope * Math.Abs(d[i])) + 1e-12;
                Assert.That(traces[i], Is.EqualTo(traces[zero]).Within(bound), $"trace at d = {d[i]}");
            }

            // More synaptic charge (w·tau_syn) gives a higher peak: the peaks increase with d.
            Assert.That(peaks, Is.Ordered.Ascending);
        }
    }

    /// <summary>Neurons with the given tau_syn_ex, each receiving one 100 pA spike at 10.0 ms (delay 1.0 ms), 50 ms sampled.</summary>
    private static PspSetup PspRun(double[] tauSynEx)
    {
        var sim = ModelProbe.NewSimulator(0.1);
        var neurons = sim.Create(Model, tauSynEx.Length);
        sim.SetStatus(neurons, ParameterNames.TauSynExcitatory, tauSynEx);
        var generator = sim.Create(ModelNames.SpikeGenerator, 1, new() { [ParameterNames.SpikeTimes] = new[] { 10.0 } });
        sim.Connect(generator, neurons, syn: new SynSpec(ModelNames.StaticSynapse, 100.0, 1.0));
        var meter = MeterProbe.CreateVoltmeter(sim, neurons);
        sim.Simulate(50.0);
        return new PspSetup(sim, neurons, meter);
    }

    private sealed class PspSetup(Simulator sim, NodeCollection neurons, NodeCollection meter) : IDisposable
    {
        public Simulator Sim { get; } = sim;

        public NodeCollection Neurons { get; } = neurons;

        public NodeCollection Meter { get; } = meter;

        public void Dispose() => Sim.Dispose();
    }

    #endregion
}
