#pragma warning disable CA1861 // Expected values are clearer inline, and each test runs once.

namespace NeuroKernel.Tests.Models;

/// <summary>
/// <c>iaf_psc_delta</c> against NEST 3.9: the recorded reference traces read through a voltmeter, NEST's
/// published refractory case, <c>refractory_input</c>, <c>V_min</c>, defaults and validation.
/// </summary>
[TestFixture]
public class IafPscDeltaTests
{
    private const string Model = "iaf_psc_delta";
    private const string RefractoryInput = "refractory_input";

    // NEST's published case (h = 0.01 ms): E_L above threshold, 2.5 mV input spikes with delay 0.1 ms.
    private const double CaseResolution = 0.01, CaseTauM = 20.0, CaseWeight = 2.5, CaseDelay = 0.1;
    private static readonly double[] CaseInput = [1.0, 2.0, 3.0, 4.0, 5.0, 10.5, 12.0];
    private static readonly double[] FirstSpike = [4.1];

    #region Reference traces recorded with NEST 3.9, read through a voltmeter

    [TestCase("iaf_psc_delta_psc", -60.0)]
    [TestCase("iaf_psc_delta_ipsc", -80.0)]
    [Category("Reference")]
    public void Input_spike_is_already_in_the_sample_stamped_with_its_arrival(string caseName, double jumped)
    {
        // The spike sent at 10.0 ms with delay 1.0 ms arrives in the step (10.9, 11.0]: V_m jumps by the full
        // ±10 mV in that step (unlike iaf_psc_alpha/exp, whose V_m first moves at 11.1).
        using var run = NestCaseRun.Start(caseName);
        run.Sim.Simulate(12.0);
        double[] v = MeterProbe.Values(run.Sim, run.Voltmeter);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(v[108], Is.EqualTo(-70.0), "V_m(10.9)");
            Assert.That(v[109], Is.EqualTo(jumped).Within(1e-12), "V_m(11.0)");
            Assert.That(v[110], Is.EqualTo(-70.0 + ((jumped + 70.0) * Math.Exp(-0.1 / 10.0))).Within(1e-12), "V_m(11.1) decays");
        }
    }

    #endregion

    #region NEST's published refractory case

    [Test]
    [Category("Reference")]
    public void Published_case_fires_first_at_4_1_ms_and_holds_V_reset_for_t_ref()
    {
        using var run = PublishedCase(refractoryInput: false, CaseInput);
        run.Sim.Simulate(20.0);
        var (_, spikes) = ModelProbe.Events(run.Sim, run.Recorder);
        double[] v = MeterProbe.Values(run.Sim, run.Voltmeter);

        // Sample i is stamped (i + 1)·0.01 ms. The spike at 4.1 ms resets V_m in its own step; t_ref = 5 ms is
        // 500 steps, so V_m is V_reset in the samples 4.10 … 9.10 and integrates again from the step ending at 9.11.
        using (Assert.EnterMultipleScope())
        {
            Assert.That(spikes, Is.EqualTo(FirstSpike).Within(1e-9), "spike times (ms)");
            Assert.That(v[408], Is.LessThan(-50.0), "V_m(4.09) is below threshold");
            Assert.That(v[409..910], Has.All.EqualTo(-60.0), "V_m from 4.10 to 9.10 ms");
            Assert.That(v[910], Is.GreaterThan(-60.0), "V_m(9.11) moves towards E_L = -49 mV");
        }
    }

    [Test]
    [Category("Reference")]
    public void Spike_arriving_while_refractory_is_lost_by_default()
    {
        // The spike sent at 5.0 ms arrives at 5.1 ms, inside the refractory period: without refractory_input the
        // trace equals that of a neuron that never received it.
        using var with = PublishedCase(refractoryInput: false, CaseInput);
        using var without = PublishedCase(refractoryInput: false, [.. CaseInput.Where(t => t != 5.0)]);
        with.Sim.Simulate(20.0);
        without.Sim.Simulate(20.0);

        Assert.That(MeterProbe.Values(with.Sim, with.Voltmeter), Is.EqualTo(MeterProbe.Values(without.Sim, without.Voltmeter)));
    }

    [Test]
    [Category("Reference")]
    public void Refractory_input_adds_the_decayed_spike_when_the_refractory_period_ends()
    {
        // NEST: a spike arriving with r refractory steps left is added, times exp(−r·h/tau_m), in the first
        // non-refractory step. The 5.1 ms spike arrives with r = 401 steps left (of 500 from 4.1 ms), so V_m(9.11)
        // is higher by D = 2.5·exp(−4.01/20) mV, and that difference then decays with tau_m (both traces stay
        // sub-threshold until 20 ms). Before 9.11 ms the two traces are identical.
        using var lost = PublishedCase(refractoryInput: false, CaseInput);
        using var kept = PublishedCase(refractoryInput: true, CaseInput);
        lost.Sim.Simulate(20.0);
        kept.Sim.Simulate(20.0);
        double[] vLost = MeterProbe.Values(lost.Sim, lost.Voltmeter);
        double[] vKept = MeterProbe.Values(kept.Sim, kept.Voltmeter);
        double[] difference = [.. vKept.Zip(vLost, (a, b) => a - b)];

        double d = CaseWeight * Math.Exp(-401 * CaseResolution / CaseTauM);
        double[] expected = [.. Enumerable.Range(0, difference.Length).Select(i =>
            i < 910 ? 0.0 : d * Math.Exp(-(i - 910) * CaseResolution / CaseTauM))];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(kept.Sim.GetStatus(kept.Neuron).Get<bool>(RefractoryInput), Is.True);
            Assert.That(ModelProbe.Events(kept.Sim, kept.Recorder).Times, Is.EqualTo(FirstSpike).Within(1e-9));
            Assert.That(difference[..910], Has.All.EqualTo(0.0), "identical up to 9.10 ms");
            Assert.That(difference, Is.EqualTo(expected).Within(1e-11), "V_m(refractory_input) − V_m(default) (mV)");
        }
    }

    #endregion

    #region V_min

    [Test]
    public void Membrane_potential_is_bounded_below_by_V_min()
    {
        // A −10 mV jump from −70 mV would reach −80 mV; with V_min = −75 mV it stops there and relaxes from it.
        using var sim = ModelProbe.NewSimulator(0.1);
        var neuron = sim.Create(Model, 1, new() { [ParameterNames.VMin] = -75.0 });
        var vm = MeterProbe.CreateVoltmeter(sim, neuron);
        var generator = sim.Create(ModelNames.SpikeGenerator, 1, new() { [ParameterNames.SpikeTimes] = new[] { 10.0 } });
        sim.Connect(generator, neuron, syn: new SynSpec(ModelNames.StaticSynapse, -10.0, 1.0));

        sim.Simulate(20.0);
        double[] v = MeterProbe.Values(sim, vm);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(v[109], Is.EqualTo(-75.0), "V_m(11.0)");
            Assert.That(v[119], Is.EqualTo(-70.0 - (5.0 * Math.Exp(-1.0 / 10.0))).Within(1e-12), "V_m(12.0)");
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
            NestDefaults.AssertNumbersEqual(ours, nest, ["C_m", "E_L", "I_e", "V_m", "V_min", "V_reset", "V_th", "t_ref", "tau_m"]);
            Assert.That(ours.Get<bool>(RefractoryInput), Is.EqualTo(nest.GetProperty(RefractoryInput).GetBoolean()), RefractoryInput);
            Assert.That(ours.Get<string[]>(ParameterNames.Recordables), Is.EqualTo(NestDefaults.Strings(nest.GetProperty("recordables"))));
            Assert.That(ours.Keys, Has.None.EqualTo(ParameterNames.TauSynExcitatory).And.None.EqualTo(ParameterNames.TauSynInhibitory),
                "iaf_psc_delta has no synaptic time constants");
        }
    }

    [TestCase("C_m", 0.0)]
    [TestCase("C_m", -200.0)]
    [TestCase("tau_m", 0.0)]
    [TestCase("tau_m", -20.0)]
    [TestCase("t_ref", -0.1)]
    [TestCase("t_ref", -5.0)]
    [TestCase("V_reset", -55.0)] // equal to V_th
    [TestCase("V_reset", -40.0)]
    [TestCase("V_th", -70.0)] // equal to V_reset
    [TestCase("V_th", -80.0)]
    [TestCase("tau_syn_ex", 2.0)] // a key of iaf_psc_alpha/exp, unknown here
    [TestCase("with_refr_input", true)] // NEST 2's name of refractory_input
    [TestCase("tau_mem", 20.0)]
    [TestCase("tau_m", double.NaN)]
    [TestCase("C_m", "250")] // a string for a number
    [TestCase("refractory_input", "yes")] // a string for a bool
    public void Invalid_parameter_throws_BadProperty_naming_the_key_and_changes_nothing(string key, object value)
    {
        // A valid entry rides along: it must not be applied either.
        ParameterValidation.AssertRejectedAndNothingChanged(Model, "my_delta", key,
            () => new() { [ParameterNames.IE] = 123.0, [RefractoryInput] = true, [key] = value });
    }

    #endregion

    #region Helpers

    /// <summary>NEST's published iaf_psc_delta case at h = 0.01 ms, with a voltmeter sampling every step.</summary>
    private static NestCaseSetup PublishedCase(bool refractoryInput, double[] input)
    {
        var sim = ModelProbe.NewSimulator(CaseResolution);
        var neuron = sim.Create(Model, 1, new()
        {
            [ParameterNames.EL] = -49.0, [ParameterNames.VM] = -60.0, [ParameterNames.VTh] = -50.0,
            [ParameterNames.VReset] = -60.0, [ParameterNames.CM] = 200.0, [ParameterNames.TauM] = CaseTauM,
            [ParameterNames.TRef] = 5.0, [RefractoryInput] = refractoryInput,
        });
        var generator = sim.Create(ModelNames.SpikeGenerator, 1, new() { [ParameterNames.SpikeTimes] = input });
        sim.Connect(generator, neuron, syn: new SynSpec(ModelNames.StaticSynapse, CaseWeight, CaseDelay));
        var recorder = sim.Create(ModelNames.SpikeRecorder);
        sim.Connect(neuron, recorder);
        var vm = MeterProbe.CreateVoltmeter(sim, neuron, CaseResolution);
        return new NestCaseSetup(sim, neuron[0], vm, recorder);
    }

    private sealed class NestCaseSetup(Simulator sim, int neuron, NodeCollection voltmeter, NodeCollection recorder) : IDisposable
    {
        public Simulator Sim { get; } = sim;

        public int Neuron { get; } = neuron;

        public NodeCollection Voltmeter { get; } = voltmeter;

        public NodeCollection Recorder { get; } = recorder;

        public void Dispose() => Sim.Dispose();
    }

    #endregion
}
