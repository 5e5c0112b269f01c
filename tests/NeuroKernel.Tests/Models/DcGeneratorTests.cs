using NUnit.Framework.Constraints;

namespace NeuroKernel.Tests.Models;

/// <summary>
/// <c>dc_generator</c> against NEST 3.9: the published iaf_psc_alpha dc cases (test_iaf_psc_alpha_dc), the
/// activity window, amplitude × weight, independence of min_delay and of how Simulate is split, which targets
/// it may drive, defaults and validation.
/// </summary>
/// <remarks>
/// NEST's rule (StimulationDevice::is_active for current generators, dc_generator::update): in the step
/// starting at step s the generator sends its current when <c>t_min &lt; s + 2 ≤ t_max</c>, with
/// t_min = origin + start and t_max = origin + stop in steps. The current reaches the target's buffer for step
/// s + delay and is used by the membrane one step later. So the membrane integrates the current over
/// (max(origin + start, h) + delay, origin + stop + delay]: the activity window shifted by the delay (and, as
/// nothing is sent before step 0, never before h + delay). A neuron whose I_e is switched on and off at those two
/// times, between Simulate calls, has exactly the same trace; the tests derive their expectations that way.
/// </remarks>
[TestFixture]
public class DcGeneratorTests
{
    private const string Model = "dc_generator";
    private const string Neuron = ModelNames.IafPscAlpha;
    private const string Amplitude = "amplitude";

    // NEST's testsuite (test_iaf_psc_alpha_dc.py), default iaf_psc_alpha, 1000 pA. Values to 4 decimals.
    private static readonly (double T, double V)[] ExpectDefault =
    [
        (0.1, -70), (0.2, -70), (0.3, -69.602), (0.4, -69.2079), (0.5, -68.8178), (0.6, -68.4316), (0.7, -68.0492),
        (0.8, -67.6706), (0.9, -67.2958), (1.0, -66.9247), (1.1, -66.5572), (1.2, -66.1935), (1.3, -65.8334),
        (1.4, -65.4768), (1.5, -65.1238), (1.6, -64.7743),
    ];

    private static readonly (double T, double V)[] ExpectAligned =
    [
        (2.5, -70), (2.6, -70), (2.7, -70), (2.8, -70), (2.9, -70), (3.0, -70), (3.1, -69.602), (3.2, -69.2079),
        (3.3, -68.8178), (3.4, -68.4316), (3.5, -68.0492), (3.6, -67.6706), (3.7, -67.2958), (3.8, -66.9247),
        (3.9, -66.5572), (4.0, -66.1935), (4.1, -65.8334), (4.2, -65.4768),
    ];

    private static readonly (double T, double V)[] ExpectStop =
    [
        .. ExpectAligned,
        (4.3, -65.1238), (4.4, -64.7743), (4.5, -64.4283), (4.6, -64.0858), (4.7, -63.7466), (4.8, -63.4108),
        (4.9, -63.0784), (5.0, -62.7492), (5.1, -62.8214), (5.2, -62.8928), (5.3, -62.9635), (5.4, -63.0335),
        (5.5, -63.1029), (5.6, -63.1715), (5.7, -63.2394), (5.8, -63.3067), (5.9, -63.3733), (6.0, -63.4392),
    ];

    #region NEST's published cases

    [Test]
    [Category("Reference")]
    public void Dc_input_through_a_delay_of_h_reaches_V_m_two_steps_after_the_same_I_e()
    {
        const double h = 0.1;
        double[] ie = IeRun(h, 10.0, on: 0.0, off: double.PositiveInfinity, 1000.0);
        double[] dc = DcRun(h, 10.0, new() { [Amplitude] = 1000.0 }, weight: 1.0, delay: h);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ie[0], Is.EqualTo(-69.602).Within(5e-5), "I_e run: V_m(0.1)");
            Assert.That(dc[0], Is.EqualTo(-70.0), "dc run: V_m(0.1)");
            Assert.That(dc[1], Is.EqualTo(-70.0), "dc run: V_m(0.2)");
            Assert.That(dc[2], Is.EqualTo(-69.602).Within(5e-5), "dc run: V_m(0.3)");
            Assert.That(dc[2..], Is.EqualTo(ie[..^2]).Within(1e-12), "the dc trace is the I_e trace two steps later");
            AssertPublished(h, dc, ExpectDefault);
        }
    }

    [TestCase(0.1)]
    [TestCase(0.2)]
    [TestCase(0.5)]
    [TestCase(1.0)]
    [Category("Reference")]
    public void Dc_started_one_step_before_3_ms_with_delay_h_matches_nest_published_values(double h)
    {
        // test_dc_aligned: start = 3.0 − h, delay = h: the membrane integrates the current from 3.0 ms on.
        double[] dc = DcRun(h, 6.0, new() { [Amplitude] = 1000.0, [ParameterNames.Start] = 3.0 - h }, weight: 1.0, delay: h);

        AssertPublished(h, dc, ExpectAligned);
    }

    [TestCase(0.1)]
    [TestCase(0.2)]
    [TestCase(0.5)]
    [TestCase(1.0)]
    [Category("Reference")]
    public void Dc_started_at_2_ms_with_delay_1_ms_matches_nest_published_values(double h)
    {
        // test_dc_aligned_auto: start = 2.0, delay = 1.0: the current is visible from 3.0 ms on.
        double[] dc = DcRun(h, 6.0, new() { [Amplitude] = 1000.0, [ParameterNames.Start] = 2.0 }, weight: 1.0, delay: 1.0);

        AssertPublished(h, dc, ExpectAligned);
    }

    [TestCase(0.1)]
    [TestCase(0.2)]
    [TestCase(0.5)]
    [TestCase(1.0)]
    [Category("Reference")]
    public void Dc_from_2_to_4_ms_with_delay_1_ms_matches_nest_published_values(double h)
    {
        // test_dc_aligned_stop: start = 2.0, stop = 4.0, delay = 1.0: the current acts over (3.0, 5.0].
        double[] dc = DcRun(h, 6.0, new() { [Amplitude] = 1000.0, [ParameterNames.Start] = 2.0, [ParameterNames.Stop] = 4.0 }, weight: 1.0, delay: 1.0);

        AssertPublished(h, dc, ExpectStop);
    }

    #endregion

    #region Activity window, amplitude and weight

    [TestCase(1.0, 2.0, 0.0, 0.1)] // (1.1, 2.1]
    [TestCase(1.0, 2.0, 0.0, 0.5)] // (1.5, 2.5]
    [TestCase(0.5, 3.0, 0.0, 1.0)] // (1.5, 4.0]
    [TestCase(0.5, 1.5, 1.0, 0.2)] // origin 1: window (1.5, 2.5], acting over (1.7, 2.7]
    [TestCase(0.0, 2.0, 0.0, 0.1)] // nothing is sent before step 0: (0.2, 2.1]
    [TestCase(2.0, 2.0, 0.0, 0.1)] // empty window: no current at all
    public void Dc_drives_the_membrane_only_in_its_window_shifted_by_the_delay(double start, double stop, double origin, double delay)
    {
        const double h = 0.1, total = 6.0;
        double on = Math.Max(origin + start, h) + delay, off = origin + stop + delay;
        double[] expected = IeRun(h, total, on, off, 1000.0);

        double[] dc = DcRun(h, total, new()
        {
            [Amplitude] = 1000.0, [ParameterNames.Start] = start, [ParameterNames.Stop] = stop, [ParameterNames.Origin] = origin,
        }, weight: 1.0, delay: delay);

        Assert.That(dc, Is.EqualTo(expected).Within(1e-12), $"V_m with the current acting over ({on}, {off}] ms");
    }

    [TestCase(1000.0, 1.0)]
    [TestCase(500.0, 2.0)]
    [TestCase(-250.0, 4.0)]
    [TestCase(2000.0, -0.5)]
    [TestCase(1000.0, 0.0)]
    public void Target_receives_amplitude_times_weight(double amplitude, double weight)
    {
        const double h = 0.1;
        double[] ie = IeRun(h, 10.0, on: 0.0, off: double.PositiveInfinity, amplitude * weight);
        double[] dc = DcRun(h, 10.0, new() { [Amplitude] = amplitude }, weight, delay: h);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(dc[..2], Has.All.EqualTo(-70.0));
            Assert.That(dc[2..], Is.EqualTo(ie[..^2]).Within(1e-12));
        }
    }

    [Test]
    public void Amplitude_set_between_runs_applies_from_the_next_step_on()
    {
        // Two generators feeding one neuron add; an amplitude changed between Simulate calls takes effect for the
        // steps simulated afterwards, shifted like the window (two steps at delay h).
        const double h = 0.1;
        using var sim = ModelProbe.NewSimulator(h);
        var neuron = sim.Create(Neuron);
        var dc = sim.Create(Model, 2, new() { [Amplitude] = 300.0 });
        sim.Connect(dc, neuron, syn: new SynSpec(ModelNames.StaticSynapse, 1.0, h));
        var vm = MeterProbe.CreateVoltmeter(sim, neuron, h);
        sim.Simulate(2.0);
        sim.SetStatus(dc[1], new StatusDictionary { [Amplitude] = -100.0 });
        sim.Simulate(3.0);

        using var reference = ModelProbe.NewSimulator(h);
        var twin = reference.Create(Neuron);
        var twinVm = MeterProbe.CreateVoltmeter(reference, twin, h);
        // Both generators act over (0.2, 2.2]; the changed one sends −100 pA for the steps from 2.0 ms on, which
        // the membrane integrates from 2.2 ms on.
        reference.Simulate(0.2);
        reference.SetStatus(twin, new StatusDictionary { [ParameterNames.IE] = 600.0 });
        reference.Simulate(2.0);
        reference.SetStatus(twin, new StatusDictionary { [ParameterNames.IE] = 200.0 });
        reference.Simulate(2.8);

        Assert.That(MeterProbe.Values(sim, vm), Is.EqualTo(MeterProbe.Values(reference, twinVm)).Within(1e-12));
    }

    [TestCase("iaf_psc_delta")]
    [TestCase("iaf_psc_exp")]
    public void Dc_drives_every_iaf_model_like_iaf_psc_alpha(string model)
    {
        // Without synaptic input the three models share the membrane propagator, so the traces agree.
        const double h = 0.1;
        double[] alpha = DcRun(h, 20.0, new() { [Amplitude] = 800.0 }, weight: 1.0, delay: h);
        double[] other = DcRun(h, 20.0, new() { [Amplitude] = 800.0 }, weight: 1.0, delay: h, model);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(other, Is.EqualTo(alpha).Within(1e-12));
            Assert.That(HasReset(alpha), Is.True, "the neuron fires and resets within 20 ms");
        }
    }

    #endregion

    #region min_delay and split runs

    [TestCase(0.1)]
    [TestCase(0.2)]
    [TestCase(0.5)]
    [TestCase(1.0)]
    [TestCase(2.0)]
    [Category("Reference")]
    public void Trace_with_delay_2_ms_is_the_same_for_every_min_delay_and_however_Simulate_is_split(double minDelay)
    {
        // NEST's published invariance: all delays 2.0 ms, 1000 pA dc input; an unrelated connection sets min_delay.
        const double h = 0.1, total = 10.5;
        double[] expected = IeRun(h, total, on: h + 2.0, off: double.PositiveInfinity, 1000.0);

        double[] whole = MinDelayRun(minDelay, [total]);
        double[] split = MinDelayRun(minDelay, [.. Enumerable.Repeat(0.5, 21)]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(whole, Is.EqualTo(expected).Within(1e-12), "one Simulate(10.5) against the I_e trace from 2.1 ms");
            Assert.That(split, Is.EqualTo(whole), "21 × Simulate(0.5) against one Simulate(10.5)");
            Assert.That(HasReset(whole), Is.True, "the neuron fires within 10.5 ms (a reset is part of the comparison)");
        }
    }

    private static double[] MinDelayRun(double minDelay, double[] runs)
    {
        using var sim = ModelProbe.NewSimulator(0.1);
        var neuron = sim.Create(Neuron);
        var dc = sim.Create(Model, 1, new() { [Amplitude] = 1000.0 });
        sim.Connect(dc, neuron, syn: new SynSpec(ModelNames.StaticSynapse, 1.0, 2.0));
        var recorder = sim.Create(ModelNames.SpikeRecorder);
        sim.Connect(neuron, recorder, syn: new SynSpec(ModelNames.StaticSynapse, 1.0, 2.0));
        var pair = sim.Create(Neuron, 2);
        sim.Connect(pair[..1], pair[1..], syn: new SynSpec(ModelNames.StaticSynapse, 1.0, minDelay));
        var vm = MeterProbe.CreateVoltmeter(sim, neuron);

        foreach (double t in runs)
        {
            sim.Simulate(t);
        }

        Assert.That(sim.GetKernelStatus<double>(ParameterNames.MinDelay), Is.EqualTo(minDelay).Within(1e-12), "min_delay");
        return MeterProbe.Values(sim, vm);
    }

    #endregion

    #region Connections, defaults and validation

    [TestCase(ModelNames.SpikeRecorder)]
    [TestCase("parrot_neuron")]
    [TestCase(MeterProbe.Voltmeter)]
    public void Connecting_a_dc_generator_to_a_node_that_takes_no_current_throws_IllegalConnection(string target)
    {
        using var sim = new Simulator();
        var dc = sim.Create(Model, 1, new() { [Amplitude] = 100.0 });
        var node = sim.Create(target);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => sim.Connect(dc, node), Throws.TypeOf<IllegalConnectionException>());
            Assert.That(sim.GetDefaults(ModelNames.StaticSynapse).Get<long>(ParameterNames.NumConnections), Is.Zero, "no connection was made");
        }
    }

    [Test]
    [Category("Reference")]
    public void Defaults_equal_nest_defaults()
    {
        var nest = NestDefaults.Read(Model);
        using var sim = new Simulator();
        var ours = sim.GetDefaults(Model);

        using (Assert.EnterMultipleScope())
        {
            NestDefaults.AssertNumbersEqual(ours, nest, [Amplitude, ParameterNames.Start, ParameterNames.Stop, ParameterNames.Origin]);
        }
    }

    [Test]
    [Category("Reference")]
    public void Recordables_are_those_NEST_lists()
    {
        // NEST's dc_generator records its current "I" with a multimeter (GetDefaults lists it).
        var nest = NestDefaults.Read(Model);
        using var sim = new Simulator();
        var ours = sim.GetDefaults(Model);

        Assert.That(ours.ContainsKey(ParameterNames.Recordables) ? ours.Get<string[]>(ParameterNames.Recordables) : [],
            Is.EqualTo(NestDefaults.Strings(nest.GetProperty("recordables"))));
    }

    [TestCase("stop", -1.0)] // stop < start = 0
    [TestCase("amplitude", double.NaN)]
    [TestCase("amplitude", "high")]
    [TestCase("start", double.NaN)]
    [TestCase("frequency", 10.0)] // a key of ac_generator, unknown here
    [TestCase("I_e", 100.0)]
    public void Invalid_parameter_throws_BadProperty_naming_the_key_and_changes_nothing(string key, object value)
    {
        using var sim = new Simulator();
        var nodes = sim.Create(Model, 2);
        var defaultsBefore = sim.GetDefaults(Model);
        var statusBefore = sim.GetStatus(nodes);

        StatusDictionary Bad() => new() { [Amplitude] = 42.0, [key] = value };
        IResolveConstraint Rejected() => Throws.TypeOf<BadPropertyException>().With.Message.Contains(key);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => sim.SetDefaults(Model, Bad()), Rejected(), "SetDefaults");
            Assert.That(() => sim.SetStatus(nodes, Bad()), Rejected(), "SetStatus");
            Assert.That(() => sim.Create(Model, 1, Bad()), Rejected(), "Create");
            Assert.That(sim.GetDefaults(Model), Is.EqualTo(defaultsBefore), "defaults after the failures");
            Assert.That(sim.GetStatus(nodes), Is.EqualTo(statusBefore), "status after the failures");
        }
    }

    #endregion

    #region Helpers

    /// <summary>
    /// V_m samples (every h) of a neuron driven by one dc_generator with <paramref name="parameters"/> through a
    /// static_synapse of the given weight and delay, over <paramref name="total"/> ms.
    /// </summary>
    private static double[] DcRun(double h, double total, StatusDictionary parameters, double weight, double delay, string model = Neuron)
    {
        using var sim = ModelProbe.NewSimulator(h);
        var neuron = sim.Create(model);
        var dc = sim.Create(Model, 1, parameters);
        sim.Connect(dc, neuron, syn: new SynSpec(ModelNames.StaticSynapse, weight, delay));
        var vm = MeterProbe.CreateVoltmeter(sim, neuron, h);
        sim.Simulate(total);
        double[] v = MeterProbe.Values(sim, vm);
        Assert.That(v, Has.Length.EqualTo((int)Math.Round(total / h)), "one sample per step");
        return v;
    }

    /// <summary>
    /// V_m samples (every h) of the same neuron whose I_e is <paramref name="current"/> over (on, off] and zero
    /// elsewhere: I_e is set between Simulate calls, so it acts from the next step on.
    /// </summary>
    private static double[] IeRun(double h, double total, double on, double off, double current)
    {
        using var sim = ModelProbe.NewSimulator(h);
        var neuron = sim.Create(Neuron);
        var vm = MeterProbe.CreateVoltmeter(sim, neuron, h);
        on = Math.Min(on, total);
        off = Math.Min(Math.Max(off, on), total);
        sim.Simulate(on);
        sim.SetStatus(neuron, new StatusDictionary { [ParameterNames.IE] = current });
        sim.Simulate(off - on);
        sim.SetStatus(neuron, new StatusDictionary { [ParameterNames.IE] = 0.0 });
        sim.Simulate(total - off);
        return MeterProbe.Values(sim, vm);
    }

    /// <summary>True when V_m drops somewhere: under a positive current only a reset does that.</summary>
    private static bool HasReset(double[] v) => v.Zip(v.Skip(1), (a, b) => b < a).Any(drop => drop);

    /// <summary>Compares the samples at the published times that lie on this resolution's grid (4 decimals published).</summary>
    private static void AssertPublished(double h, double[] v, (double T, double V)[] expected)
    {
        int compared = 0;
        using (Assert.EnterMultipleScope())
        {
            foreach (var (t, value) in expected)
            {
                long k = (long)Math.Round(t / h);
                if (Math.Abs((k * h) - t) > 1e-9)
                {
                    continue;
                }

                compared++;
                Assert.That(v[k - 1], Is.EqualTo(value).Within(5e-5), $"V_m({t}) at h = {h}");
            }
        }

        Assert.That(compared, Is.GreaterThan(1), "published times on this grid");
    }

    #endregion
}
