using NeuroKernel.Tests.Integration;

#pragma warning disable CA1861 // Expected values are clearer inline, and each test runs once.

namespace NeuroKernel.Tests.Kernel;

[TestFixture]
public class SimulateTests
{
    private const long Seed = 143202461;

    /// <summary>Everything a run leaves behind that must be reproducible: spikes of all neurons and their state.</summary>
    private sealed record Snapshot(int[] SendersEx, double[] TimesEx, int[] SendersIn, double[] TimesIn, double[] VM, double[] ISynEx, double[] ISynIn);

    /// <summary>
    /// A Brunel-like network of order 50 (200 + 50 neurons, CE = 20, CI = 5, Poisson input), every neuron recorded.
    /// </summary>
    private static BrunelNetwork BuildNetwork(long rngSeed = Seed, int threads = 1, double delay = BrunelNetwork.Delay, int sourceSeed = 1234, bool delta = false, int order = 50) =>
        BrunelNetwork.Build(order: order, sourceSeed: sourceSeed, rngSeed: rngSeed, threads: threads, recordAll: true, delay: delay, delta: delta);

    /// <summary>Order of the thread tests: 1000 neurons, so that three threads get at least 256 receivers each (fewer run on fewer threads).</summary>
    private const int ThreadOrder = 200;

    private static Snapshot Take(BrunelNetwork net)
    {
        var (se, te) = net.Events(net.AllEx!);
        var (si, ti) = net.Events(net.AllIn!);
        var neurons = net.Neurons;
        // iaf_psc_delta has no synaptic currents.
        bool currents = net.Sim.GetStatus(neurons[..1]).Get<string>("model") != "iaf_psc_delta";
        return new Snapshot(se, te, si, ti,
            net.Sim.GetStatus<double>(neurons, "V_m"),
            currents ? net.Sim.GetStatus<double>(neurons, "I_syn_ex") : [],
            currents ? net.Sim.GetStatus<double>(neurons, "I_syn_in") : []);
    }

    /// <summary>Runs the network through the given pieces (in steps of 0.1 ms) and snapshots it.</summary>
    private static Snapshot Run(BrunelNetwork net, params int[] pieces)
    {
        foreach (int steps in pieces)
        {
            net.Sim.Simulate(steps * 0.1);
        }

        return Take(net);
    }

    private static void AssertIdentical(Snapshot actual, Snapshot expected)
    {
        Assert.That(expected.SendersEx, Has.Length.GreaterThan(100), "the network must fire for the comparison to mean anything");
        Assert.Multiple(() =>
        {
            Assert.That(actual.SendersEx, Is.EqualTo(expected.SendersEx), "excitatory senders");
            Assert.That(actual.TimesEx, Is.EqualTo(expected.TimesEx), "excitatory spike times");
            Assert.That(actual.SendersIn, Is.EqualTo(expected.SendersIn), "inhibitory senders");
            Assert.That(actual.TimesIn, Is.EqualTo(expected.TimesIn), "inhibitory spike times");
            // Bit for bit: compare the bit patterns, so that even a last-bit difference fails.
            Assert.That(Bits(actual.VM), Is.EqualTo(Bits(expected.VM)), "V_m");
            Assert.That(Bits(actual.ISynEx), Is.EqualTo(Bits(expected.ISynEx)), "I_syn_ex");
            Assert.That(Bits(actual.ISynIn), Is.EqualTo(Bits(expected.ISynIn)), "I_syn_in");
        });
    }

    private static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();

    [TestCase(-1.0)]
    [TestCase(-0.1)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NegativeInfinity)]
    [TestCase(0.05)]
    [TestCase(1.25)]
    [TestCase(10.01)]
    public void Simulate_with_a_bad_time_throws_BadParameter_and_keeps_the_time(double t)
    {
        using var sim = new Simulator();
        sim.Create("iaf_psc_alpha", 3);
        sim.Simulate(1.0);

        Assert.That(() => sim.Simulate(t), Throws.TypeOf<BadParameterException>());
        Assert.That(sim.GetKernelStatus<double>("biological_time"), Is.EqualTo(1.0).Within(1e-12));
        Assert.That(() => sim.Simulate(1.0), Throws.Nothing, "the kernel is still usable");
    }

    [Test]
    public void Simulate_off_a_coarser_grid_throws_BadParameter()
    {
        using var sim = new Simulator();
        sim.SetKernelStatus(new() { ["resolution"] = 0.5 });

        Assert.That(() => sim.Simulate(1.2), Throws.TypeOf<BadParameterException>());
        Assert.That(() => sim.Simulate(1.5), Throws.Nothing);
    }

    [Test]
    public void Simulate_zero_does_nothing()
    {
        using var net = BuildNetwork();
        net.Sim.Simulate(0.0);
        var afterZero = Take(net);

        Assert.That(afterZero.SendersEx, Is.Empty);
        Assert.That(afterZero.VM, Is.All.EqualTo(0.0));
        Assert.That(net.Sim.GetKernelStatus<double>("biological_time"), Is.EqualTo(0.0));
    }

    // Pieces in steps of 0.1 ms; min_delay is 15 steps (delay 1.5 ms) unless the delay column says otherwise.
    [TestCase(1.5, new[] { 1000, 1000 })]
    [TestCase(1.5, new[] { 15, 15, 1970 })]
    [TestCase(1.5, new[] { 333, 1667 })]
    [TestCase(1.5, new[] { 1, 1999 })]
    [TestCase(1.5, new[] { 17, 504, 1479 })]
    [TestCase(1.5, new[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1940 })]
    [TestCase(1.0, new[] { 7, 128, 1865 })]
    [TestCase(0.1, new[] { 999, 1001 })]
    public void Simulate_in_pieces_equals_one_Simulate_bit_for_bit(double delay, int[] pieces)
    {
        int total = pieces.Sum();
        using var whole = BuildNetwork(delay: delay);
        using var split = BuildNetwork(delay: delay);

        var expected = Run(whole, total);
        var actual = Run(split, pieces);

        AssertIdentical(actual, expected);
        Assert.That(split.Sim.GetKernelStatus<double>("biological_time"), Is.EqualTo(whole.Sim.GetKernelStatus<double>("biological_time")));
    }

    /// <summary>Methods the connection path's warm-up compiled when this test was written, less a margin for refactoring.</summary>
    private const int BuildMethods = 250;

    /// <summary>
    /// The background warm-up (started by the first preparation) compiles the step loop's methods without an error on any
    /// of them: the delivery, the three neuron models with their generic base, the Poisson input, spike lists, recorders.
    /// </summary>
    [Test]
    public void The_warm_up_compiles_the_step_loop()
    {
        Assert.That(NeuroKernel.Kernel.WarmUp.CompileHotMethods(), Is.GreaterThanOrEqualTo(25));
    }

    /// <summary>
    /// The build's warm-up (started by the first Simulator) compiles the connection path: Connect and its rules, the
    /// builders' lists, the store's sort, the delivery's and the Poisson generator's preparation.
    /// </summary>
    [Test]
    public void The_build_warm_up_compiles_the_connection_path()
    {
        using var sim = new Simulator();
        Assert.That(NeuroKernel.Kernel.WarmUp.BuildStarted, Is.EqualTo(Environment.ProcessorCount > 1), "the first Simulator starts it where there are two cores");
        Assert.That(NeuroKernel.Kernel.WarmUp.CompileBuildMethods(), Is.GreaterThanOrEqualTo(BuildMethods));
    }

    [Test]
    public void Same_rng_seed_gives_identical_runs()
    {
        using var a = BuildNetwork(rngSeed: 42);
        using var b = BuildNetwork(rngSeed: 42);

        AssertIdentical(Run(b, 2000), Run(a, 2000));
    }

    [Test]
    public void Different_rng_seed_gives_different_spikes()
    {
        using var a = BuildNetwork(rngSeed: 42);
        using var b = BuildNetwork(rngSeed: 43);

        var sa = Run(a, 2000);
        var sb = Run(b, 2000);

        Assert.That(sa.SendersEx, Has.Length.GreaterThan(100));
        bool same = sa.SendersEx.SequenceEqual(sb.SendersEx) && sa.TimesEx.SequenceEqual(sb.TimesEx);
        Assert.That(same, Is.False, "a different rng_seed must give different Poisson input");
        Assert.That(Bits(sb.VM), Is.Not.EqualTo(Bits(sa.VM)));
    }

    [Test]
    public void Changing_rng_seed_between_runs_changes_the_continuation()
    {
        using var a = BuildNetwork();
        using var b = BuildNetwork();
        Run(a, 500);
        Run(b, 500);

        b.Sim.SetKernelStatus(new() { ["rng_seed"] = 7 });
        var sa = Run(a, 1000);
        var sb = Run(b, 1000);

        Assert.That(sb.TimesEx.SequenceEqual(sa.TimesEx) && sb.SendersEx.SequenceEqual(sa.SendersEx), Is.False);
    }

    [TestCase(2)]
    [TestCase(3)]
    public void Results_do_not_depend_on_local_num_threads(int threads)
    {
        using var one = BuildNetwork(threads: 1, order: ThreadOrder);
        using var many = BuildNetwork(threads: threads, order: ThreadOrder);

        Assert.That(many.Sim.GetKernelStatus<long>("local_num_threads"), Is.EqualTo(threads));
        AssertIdentical(Run(many, 700, 1300), Run(one, 2000));
        Assert.That(many.Sim.Workers?.Threads, Is.EqualTo(threads), "the run really used the threads");
    }

    /// <summary>The same with iaf_psc_delta neurons, whose inputs of both signs share one buffer.</summary>
    [TestCase(2)]
    [TestCase(3)]
    public void Delta_network_results_do_not_depend_on_local_num_threads(int threads)
    {
        using var one = BuildNetwork(threads: 1, delta: true, order: ThreadOrder);
        using var many = BuildNetwork(threads: threads, delta: true, order: ThreadOrder);

        Assert.That(one.Sim.SharedSpikeChannels, Is.False, "not prepared yet");
        AssertIdentical(Run(many, 700, 1300), Run(one, 2000));
        Assert.That(many.Sim.Workers?.Threads, Is.EqualTo(threads), "the run really used the threads");
        Assert.That(one.Sim.SharedSpikeChannels && many.Sim.SharedSpikeChannels, Is.True);
    }

    [Test]
    public void SetStatus_I_e_between_Simulate_calls_takes_effect()
    {
        using var sim = new Simulator();
        var n = sim.Create("iaf_psc_alpha");
        var rec = sim.Create("spike_recorder");
        sim.Connect(n, rec);
        sim.Simulate(50.0);
        Assert.That(sim.GetStatus(rec).Get<long>("n_events"), Is.EqualTo(0));
        Assert.That(sim.GetStatus(n).Get<double>("V_m"), Is.EqualTo(-70.0));

        // NEST's reference: I_e = 376 pA makes the first spike 59.3 ms after the current is switched on.
        sim.SetStatus(n, new StatusDictionary { ["I_e"] = 376.0 });
        sim.Simulate(100.0);

        var times = sim.GetStatus(rec).Get<StatusDictionary>("events").Get<double[]>("times");
        Assert.That(times, Is.Not.Empty);
        Assert.That(times[0], Is.EqualTo(50.0 + 59.3).Within(1e-9));
    }

    [Test]
    public void SetStatus_V_m_between_Simulate_calls_takes_effect()
    {
        using var sim = new Simulator();
        var n = sim.Create("iaf_psc_alpha", 2);
        sim.Simulate(10.0);

        sim.SetStatus(n[..1], new StatusDictionary { ["V_m"] = -60.0 });
        sim.Simulate(0.1);

        double[] v = sim.GetStatus<double>(n, "V_m");
        // With no input, V relaxes towards E_L: V(h) = E_L + (V0 − E_L)·exp(−h/tau_m).
        Assert.That(v[0], Is.EqualTo(-70.0 + 10.0 * Math.Exp(-0.1 / 10.0)).Within(1e-9));
        Assert.That(v[1], Is.EqualTo(-70.0));
    }

    /// <summary>
    /// NEST's iaf_psc_alpha computes y3 ← expm1(−h/tau_m)·y3 + y3 with std::expm1 (correct to an ulp), so one
    /// free step from V_m = −60 mV (y3 = 10 mV, tau_m = 10 ms, h = 0.1 ms) ends at −70 + 10·e^(−0.01) to ~1e-14 mV.
    /// </summary>
    [TestCase(10.0, -60.0)]
    [TestCase(20.0, -55.5)]
    [TestCase(5.0, -69.0)]
    public void Free_relaxation_after_SetStatus_V_m_is_exact_as_in_NEST(double tauM, double v0)
    {
        using var sim = new Simulator();
        var n = sim.Create("iaf_psc_alpha", 1, new() { ["tau_m"] = tauM });
        sim.SetStatus(n, new StatusDictionary { ["V_m"] = v0 });

        sim.Simulate(0.1);

        double expected = -70.0 + (v0 + 70.0) * Math.Exp(-0.1 / tauM);
        Assert.That(sim.GetStatus(n[0]).Get<double>("V_m"), Is.EqualTo(expected).Within(1e-13));
    }

    [Test]
    public void SetStatus_rate_between_Simulate_calls_takes_effect()
    {
        using var sim = new Simulator();
        var n = sim.Create("iaf_psc_alpha", 10);
        var noise = sim.Create("poisson_generator", 1, new() { ["rate"] = 50000.0 });
        var rec = sim.Create("spike_recorder");
        sim.Connect(noise, n, syn: new SynSpec("static_synapse", weight: 30.0, delay: 1.0));
        sim.Connect(n, rec);
        sim.Simulate(100.0);
        long driven = sim.GetStatus(rec).Get<long>("n_events");

        sim.SetStatus(noise, new StatusDictionary { ["rate"] = 0.0 });
        sim.Simulate(20.0);   // input already in flight (1 ms delay) and the decaying currents may still cause spikes
        sim.SetStatus(rec, new StatusDictionary { ["n_events"] = 0 });
        sim.Simulate(100.0);

        Assert.That(driven, Is.GreaterThan(100));
        Assert.That(sim.GetStatus(rec).Get<long>("n_events"), Is.EqualTo(0));
        Assert.That(sim.GetStatus<double>(n, "I_syn_ex"), Is.All.LessThan(1e-6));
    }

    /// <summary>
    /// Poisson streams are keyed by (rng_seed, generator, target), so a connection between two unrelated
    /// neurons made between two Simulate calls must not change a generator's train, let alone restart it
    /// (a restarted stream replays the input of the first run after the second Simulate begins). Most Poisson
    /// spikes make the strongly driven neuron fire, so its spikes show the generator's train.
    /// </summary>
    [Test]
    public void Connect_between_Simulate_calls_does_not_restart_the_Poisson_input()
    {
        static (int[] Senders, double[] Times) Run(bool connectInBetween)
        {
            using var sim = new Simulator();
            // A fast synapse (tau_syn_ex 0.1 ms) and a large weight: most Poisson spikes cause one spike each.
            var driven = sim.Create("iaf_psc_alpha", 1, new() { ["tau_syn_ex"] = 0.1 });
            var others = sim.Create("iaf_psc_alpha", 2);
            var noise = sim.Create("poisson_generator", 1, new() { ["rate"] = 300.0 });
            var rec = sim.Create("spike_recorder");
            sim.Connect(noise, driven, syn: new SynSpec("static_synapse", weight: 2e4, delay: 1.0));
            sim.Connect(driven, rec);
            sim.Simulate(200.0);
            if (connectInBetween)
            {
                sim.Connect(others[..1], others[1..], syn: new SynSpec("static_synapse", weight: 1.0, delay: 1.0));
            }

            sim.Simulate(200.0);
            var events = sim.GetStatus(rec).Get<StatusDictionary>("events");
            return (events.Get<int[]>("senders"), events.Get<double[]>("times"));
        }

        var (_, plain) = Run(connectInBetween: false);
        var (_, reconnected) = Run(connectInBetween: true);

        Assert.That(plain.Count(t => t <= 200.0), Is.GreaterThan(20), "the driven neuron must follow its Poisson input");
        Assert.That(reconnected, Is.EqualTo(plain));
    }

    [Test]
    public void Connect_between_Simulate_calls_takes_effect()
    {
        using var sim = new Simulator();
        var gen = sim.Create("spike_generator", 1, new() { ["spike_times"] = new[] { 5.0, 25.0 } });
        var n = sim.Create("iaf_psc_alpha");
        var rec = sim.Create("spike_recorder");
        sim.Connect(gen, rec);
        sim.Simulate(10.0);
        Assert.That(sim.GetStatus(n).Get<double>("V_m"), Is.EqualTo(-70.0));

        sim.Connect(gen, n, syn: new SynSpec("static_synapse", weight: 1000.0, delay: 1.0));
        sim.Simulate(16.0);
        Assert.That(sim.GetStatus(n).Get<double>("V_m"), Is.EqualTo(-70.0), "the spike at 25 ms arrives at 26 ms");
        sim.Simulate(1.0);

        Assert.That(sim.GetStatus(n).Get<double>("V_m"), Is.GreaterThan(-70.0));
        Assert.That(sim.GetStatus(rec).Get<long>("n_events"), Is.EqualTo(2));
    }

    [Test]
    public void Ring_buffers_hold_max_delay_slots()
    {
        using var sim = new Simulator();
        var n = sim.Create("iaf_psc_delta", 2);
        sim.Connect(n[..1], n[1..], syn: new SynSpec("static_synapse", weight: 1.0, delay: 1.0));
        sim.Connect(n[1..], n[..1], syn: new SynSpec("static_synapse", weight: 1.0, delay: 2.5));
        sim.Simulate(1.0);
        Assert.That(sim.RingSlots, Is.EqualTo(25), "max_delay 2.5 ms at 0.1 ms");
    }

    /// <summary>
    /// Spikes of both signs in transit to an iaf_psc_delta neuron, on a 5 ms delay. Alone, delta neurons share one
    /// buffer for both signs; an iaf_psc_alpha neuron created while the spikes are in transit splits the channels,
    /// and the pending input must reach the delta neuron all the same, exactly as in a run split from the start.
    /// </summary>
    [Test]
    public void Pending_input_survives_the_change_from_one_shared_spike_buffer_to_two()
    {
        var split = DeltaTrace(alphaAtStart: true, out bool sharedBefore, out _);
        Assert.That(sharedBefore, Is.False);
        var shared = DeltaTrace(alphaAtStart: false, out sharedBefore, out bool sharedAfter);
        Assert.That(sharedBefore, Is.True, "delta neurons alone share one buffer");
        Assert.That(sharedAfter, Is.False, "an iaf_psc_alpha neuron reads the channels apart");
        Assert.That(shared, Is.EqualTo(split));
        Assert.That(shared.Distinct().Count(), Is.GreaterThan(3), "the spikes arrived");
    }

    private static double[] DeltaTrace(bool alphaAtStart, out bool sharedBefore, out bool sharedAfter)
    {
        using var sim = new Simulator();
        var exGen = sim.Create("spike_generator", 1, new() { ["spike_times"] = new[] { 1.0, 2.0 } });
        var inGen = sim.Create("spike_generator", 1, new() { ["spike_times"] = new[] { 1.0, 2.5 } });
        var n = sim.Create("iaf_psc_delta");
        if (alphaAtStart)
        {
            sim.Create("iaf_psc_alpha");
        }

        sim.Connect(exGen, n, syn: new SynSpec("static_synapse", weight: 3.0, delay: 5.0));
        sim.Connect(inGen, n, syn: new SynSpec("static_synapse", weight: -2.0, delay: 5.0));
        var trace = new List<double>();
        sharedBefore = sharedAfter = false;
        for (int ms = 1; ms <= 12; ms++)
        {
            if (ms == 4)
            {
                sharedBefore = sim.SharedSpikeChannels;
                sim.Create("iaf_psc_alpha");
            }

            sim.Simulate(1.0);
            trace.Add(sim.GetStatus(n).Get<double>("V_m"));
        }

        sharedAfter = sim.SharedSpikeChannels;
        return [.. trace];
    }
}
