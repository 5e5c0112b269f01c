using NUnit.Framework.Constraints;

namespace NeuroKernel.Tests.Models;

/// <summary>
/// <c>spike_generator</c> driving a default <c>iaf_psc_alpha</c>: NEST's published PSP values, the exact PSP at
/// every resolution, multiplicity, recording, and validation of <c>spike_times</c>.
/// </summary>
[TestFixture]
public class SpikeGeneratorTests
{
    private const string Model = ModelNames.SpikeGenerator;

    // NEST's test_iaf_psp: one spike at 2.0 ms, weight 100 pA, delay 1 ms, default iaf_psc_alpha.
    private const double SpikeTime = 2.0, Weight = 100.0, Delay = 1.0;
    private const double EL = -70.0, CM = 250.0, TauM = 10.0, TauSyn = 2.0;

    private static readonly double[] OneSpike = [SpikeTime];
    private static readonly double[] TwoSpikesAtOnce = [SpikeTime, SpikeTime];

    [Test]
    [Category("Reference")]
    public void Psp_matches_nest_published_values()
    {
        using var sim = ModelProbe.NewSimulator(0.1);
        int neuron = DrivenNeuron(sim, OneSpike);

        double[] v = ModelProbe.SampleVm(sim, neuron, 0.1, 57);

        // Published to 4 decimals: half a unit in the last digit.
        using (Assert.EnterMultipleScope())
        {
            Assert.That(v[30], Is.EqualTo(-69.9974).Within(5e-5), "V_m(3.1)");
            Assert.That(v[39], Is.EqualTo(-69.8108).Within(5e-5), "V_m(4.0)");
            Assert.That(v[56], Is.EqualTo(-69.2383).Within(5e-5), "V_m(5.7)");
        }
    }

    [TestCase(0.1)]
    [TestCase(0.2)]
    [TestCase(0.5)]
    [TestCase(1.0)]
    [Category("Reference")]
    public void Psp_is_exact_at_every_resolution(double h)
    {
        // The spike (stamp 2.0) arrives at 3.0 ms on every grid here, so exact integration gives the same
        // V_m at every sample: the closed form below, and NEST's published V_m(4.0), a point common to all grids.
        using var sim = ModelProbe.NewSimulator(h);
        int neuron = DrivenNeuron(sim, OneSpike);
        int samples = (int)Math.Round(12.0 / h);

        double[] v = ModelProbe.SampleVm(sim, neuron, h, samples);

        double[] expected = [.. Enumerable.Range(1, samples).Select(k => EL + PspRelative((k * h) - (SpikeTime + Delay)))];
        int at4 = (int)Math.Round(4.0 / h) - 1;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(v, Is.EqualTo(expected).Within(1e-12));
            Assert.That(v[at4], Is.EqualTo(-69.8108).Within(5e-5), "V_m(4.0)");
            Assert.That(v.Take((int)Math.Round(3.0 / h)), Has.All.EqualTo(EL), "V_m up to the arrival at 3.0 ms");
        }
    }

    [Test]
    public void Repeated_spike_times_deliver_a_spike_of_multiplicity_two()
    {
        using var single = ModelProbe.NewSimulator(0.1);
        using var twice = ModelProbe.NewSimulator(0.1);
        double[] v1 = ModelProbe.SampleVm(single, DrivenNeuron(single, OneSpike), 0.1, 100);
        double[] v2 = ModelProbe.SampleVm(twice, DrivenNeuron(twice, TwoSpikesAtOnce), 0.1, 100);

        double[] doubled = [.. v1.Select(v => EL + (2 * (v - EL)))];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(v2, Is.EqualTo(doubled).Within(1e-12));
            Assert.That(v2.Min(), Is.LessThan(v2.Max()), "the input moved V_m");
        }
    }

    [Test]
    public void Spike_recorder_records_the_generated_spikes_at_their_times()
    {
        double[] spikeTimes = [0.1, 1.0, 2.5, 7.3, 10.0];
        using var sim = ModelProbe.NewSimulator(0.1);
        var generator = sim.Create(Model, 1, new() { [ParameterNames.SpikeTimes] = spikeTimes });
        var recorder = sim.Create(ModelNames.SpikeRecorder);
        sim.Connect(generator, recorder);

        sim.Simulate(10.0);
        var (senders, times) = ModelProbe.Events(sim, recorder);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(times, Is.EqualTo(spikeTimes).Within(1e-12));
            Assert.That(senders, Has.All.EqualTo(generator[0]));
            Assert.That(sim.GetStatus(generator).Get<double[]>(ParameterNames.SpikeTimes), Is.EqualTo(spikeTimes));
        }
    }

    [Test]
    public void Spike_times_in_steps_run_in_separate_calls_are_all_delivered()
    {
        // Simulate in pieces that split the spike list between calls; the recorder must see each spike once.
        double[] spikeTimes = [0.5, 0.6, 3.0, 3.1, 9.9];
        using var sim = ModelProbe.NewSimulator(0.1);
        var generator = sim.Create(Model, 1, new() { [ParameterNames.SpikeTimes] = spikeTimes });
        var recorder = sim.Create(ModelNames.SpikeRecorder);
        sim.Connect(generator, recorder);

        foreach (double piece in new[] { 0.5, 0.1, 2.4, 0.1, 6.9 })
        {
            sim.Simulate(piece);
        }

        Assert.That(ModelProbe.Events(sim, recorder).Times, Is.EqualTo(spikeTimes).Within(1e-12));
    }

    #region Validation

    [TestCase(new[] { 3.0, 2.0 })]
    [TestCase(new[] { 1.0, 5.0, 4.9 })]
    [TestCase(new[] { -1.0 })]
    [TestCase(new[] { -0.1, 1.0 })]
    public void Unsorted_or_negative_spike_times_throw_BadProperty_and_change_nothing(double[] spikeTimes)
    {
        using var sim = ModelProbe.NewSimulator(0.1);
        var generator = sim.Create(Model, 1, new() { [ParameterNames.SpikeTimes] = OneSpike });
        var before = sim.GetStatus(generator);
        var defaultsBefore = sim.GetDefaults(Model);
        StatusDictionary Bad() => new() { [ParameterNames.Start] = 1.0, [ParameterNames.SpikeTimes] = spikeTimes };
        static IResolveConstraint Rejected() => Throws.TypeOf<BadPropertyException>()
            .With.Property(nameof(BadPropertyException.Property)).EqualTo(ParameterNames.SpikeTimes)
            .And.Message.Contains(ParameterNames.SpikeTimes);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => sim.SetStatus(generator, Bad()), Rejected(), "SetStatus");
            Assert.That(() => sim.SetDefaults(Model, Bad()), Rejected(), "SetDefaults");
            Assert.That(() => sim.Create(Model, 1, Bad()), Rejected(), "Create");
            Assert.That(sim.GetStatus(generator), Is.EqualTo(before));
            Assert.That(sim.GetDefaults(Model), Is.EqualTo(defaultsBefore));
            Assert.That(sim.GetKernelStatus<long>(ParameterNames.NetworkSize), Is.EqualTo(1));
        }
    }

    [TestCase(0.1, 1.05)]
    [TestCase(0.1, 2.01)]
    [TestCase(0.5, 0.7)]
    [TestCase(1.0, 2.5)]
    public void Spike_times_off_the_grid_throw_BadProperty_by_the_time_of_Simulate(double h, double offGrid)
    {
        // NEST refuses the time when it is set; NeuroKernel may defer the check to Simulate (the resolution can
        // still change before). Either way no time passes and the generator can be fixed and run.
        using var sim = ModelProbe.NewSimulator(h);
        var generator = sim.Create(Model);
        var recorder = sim.Create(ModelNames.SpikeRecorder);
        sim.Connect(generator, recorder);
        double[] bad = [2.0, offGrid, 5.0];
        bad.AsSpan().Sort();

        Assert.That(
            () =>
            {
                sim.SetStatus(generator, new StatusDictionary { [ParameterNames.SpikeTimes] = bad });
                sim.Simulate(10.0);
            },
            Throws.TypeOf<BadPropertyException>()
                .With.Property(nameof(BadPropertyException.Property)).EqualTo(ParameterNames.SpikeTimes)
                .And.Message.Contains(ModelProbe.Describe(offGrid)));
        Assert.That(sim.GetKernelStatus<double>(ParameterNames.BiologicalTime), Is.EqualTo(0.0), "no time passed");

        double[] good = [2.0, 5.0];
        sim.SetStatus(generator, new StatusDictionary { [ParameterNames.SpikeTimes] = good });
        sim.Simulate(10.0);
        Assert.That(ModelProbe.Events(sim, recorder).Times, Is.EqualTo(good).Within(1e-12));
    }

    #endregion

    #region Helpers

    /// <summary>A default iaf_psc_alpha driven by a spike_generator with the given times (weight 100 pA, delay 1 ms).</summary>
    private static int DrivenNeuron(Simulator sim, double[] spikeTimes)
    {
        var neuron = sim.Create(ModelNames.IafPscAlpha);
        var generator = sim.Create(Model, 1, new() { [ParameterNames.SpikeTimes] = spikeTimes });
        sim.Connect(generator, neuron, syn: new SynSpec(ModelNames.StaticSynapse, Weight, Delay));
        return neuron[0];
    }

    /// <summary>
    /// V_m − E_L a time T after an alpha current of peak w pA starts (current w·e/tau_s·u·e^{−u/tau_s}):
    /// (w·e/(tau_s·C))·e^{−T/tau_m}·∫₀ᵀ u·e^{−a u} du with a = 1/tau_s − 1/tau_m, i.e.
    /// (w·e/(tau_s·C))·e^{−T/tau_m}·(1 − e^{−aT}(1 + aT))/a².
    /// </summary>
    private static double PspRelative(double t)
    {
        if (t <= 0.0)
        {
            return 0.0;
        }

        const double a = (1.0 / TauSyn) - (1.0 / TauM);
        double integral = (1.0 - (Math.Exp(-a * t) * (1.0 + (a * t)))) / (a * a);
        return Weight * Math.E / (TauSyn * CM) * Math.Exp(-t / TauM) * integral;
    }

    #endregion
}
