using NeuroKernel.Kernel;
using NeuroKernel.Synapses;

#pragma warning disable CA1861 // The splits are clearer inline.

namespace NeuroKernel.Tests.Reliability;

/// <summary>
/// Stepping and kernel state: a run cut into pieces equals one run bit for bit (also at cuts that are not
/// multiples of min_delay, and with a multimeter sampling across the cuts); parameters changed between runs
/// act from the next step, as in NEST; ResetKernel gives a pristine kernel; the number of threads changes
/// nothing; and an exception in the update loop (on a worker thread too) surfaces on the caller's thread and
/// leaves the kernel asking for ResetKernel, as NEST does.
/// </summary>
[TestFixture]
public class SteppingAndStateTests
{
    /// <summary>100 ms in steps of 0.1 ms. The probe network's min_delay is 1.0 ms = 10 steps.</summary>
    private const int TotalSteps = 1000;

    /// <summary>Neurons for the threading tests: at least 256 per thread, so that 3 threads get 3 partitions.</summary>
    private const int ThreadedNeurons = 1024;

    private static readonly Lazy<RunResult> Whole = new(() => Run(ProbeNetwork.Build(meter: true), TotalSteps));

    private static readonly Lazy<RunResult> WholeThreaded = new(() => Run(ProbeNetwork.Build(meter: true, neurons: ThreadedNeurons), TotalSteps));

    /// <summary>Runs the network through pieces given in steps, checks the clock after each, and disposes it.</summary>
    private static RunResult Run(ProbeNetwork net, params int[] pieces)
    {
        using (net)
        {
            long steps = 0;
            foreach (int p in pieces)
            {
                net.Sim.Simulate(p * 0.1);
                steps += p;
                // NEST reports time as tics × ms_per_tic (Time::get_ms), e.g. 7 steps → 0.7000000000000001.
                Assert.That(net.Sim.GetKernelStatus<double>("biological_time"), Is.EqualTo(steps * 100 * 0.001), "biological_time");
            }

            return net.Result();
        }
    }

    public static IEnumerable<TestCaseData> Splits()
    {
        int[][] fixedSplits =
        [
            [1, 999], [9, 991], [10, 990], [11, 989], [15, 985], [333, 667], [500, 500], [995, 5], [999, 1],
            [3, 17, 980], [0, 500, 0, 500], [.. Enumerable.Repeat(1, 25), 975], [.. Enumerable.Repeat(10, 100)],
            [.. Enumerable.Repeat(7, 142), 6], [5, 5, 5, 985], [19, 21, 23, 937],
        ];
        foreach (int[] split in fixedSplits)
        {
            yield return new TestCaseData(split).SetArgDisplayNames(string.Join("+", split.Length > 8 ? [$"{split[0]}×{split.Length - 1}", $"{split[^1]}"] : split.Select(x => x.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        // Seeded random cuts: 2 to 8 pieces each.
        var rng = new System.Random(4242);
        for (int k = 0; k < 8; k++)
        {
            var cuts = Enumerable.Range(0, rng.Next(1, 8)).Select(_ => rng.Next(1, TotalSteps)).Distinct().Order().ToList();
            int[] split = [.. cuts.Append(TotalSteps).Zip(cuts.Prepend(0), (b, a) => b - a)];
            yield return new TestCaseData(split).SetArgDisplayNames($"random {k}: " + string.Join("+", split));
        }
    }

    [TestCaseSource(nameof(Splits))]
    public void Simulate_in_pieces_equals_one_Simulate_bit_for_bit(int[] pieces)
    {
        Assert.That(pieces.Sum(), Is.EqualTo(TotalSteps));
        Run(ProbeNetwork.Build(meter: true), pieces).AssertIdenticalTo(Whole.Value, string.Join("+", pieces));
    }

    [Test]
    public void Probe_network_has_min_delay_of_10_steps_so_that_the_splits_cut_slices()
    {
        using var net = ProbeNetwork.Build(meter: true);
        net.Sim.Simulate(0.1);
        Assert.That(net.Sim.GetKernelStatus<double>("min_delay"), Is.EqualTo(1.0));
        Assert.That(Whole.Value.MeterV, Has.Length.EqualTo(5 * 200), "5 neurons sampled every 0.5 ms for 100 ms");
    }

    /// <summary>
    /// NEST's iaf_psc_alpha reads I_e in each update, so a new I_e acts in the first step after SetStatus:
    /// the sample at t₁ is still at rest, every later one follows V(t) = E_L + I_e·τ/C·(1 − e^(−(t − t₁)/τ)).
    /// </summary>
    [Test]
    public void I_e_set_between_Simulate_calls_acts_from_the_next_step()
    {
        using var sim = new Simulator();
        var neuron = sim.Create("iaf_psc_alpha");
        var meter = sim.Create("multimeter", 1, new() { ["record_from"] = new[] { "V_m" }, ["interval"] = 0.1 });
        sim.Connect(meter, neuron);
        sim.Simulate(10.0);
        sim.SetStatus(neuron, new StatusDictionary { ["I_e"] = 300.0 });   // below rheobase (375 pA): no spike
        sim.Simulate(20.0);

        var events = sim.GetStatus(meter).Get<StatusDictionary>("events");
        double[] times = events.Get<double[]>("times"), v = events.Get<double[]>("V_m");
        Assert.That(times, Has.Length.EqualTo(300));
        using (Assert.EnterMultipleScope())
        {
            for (int i = 0; i < times.Length; i++)
            {
                double t = times[i];
                double expected = t <= 10.0 + 1e-9 ? -70.0 : -70.0 + 300.0 * 10.0 / 250.0 * -double.ExpM1(-(t - 10.0) / 10.0);
                Assert.That(v[i], Is.EqualTo(expected).Within(1e-9), $"V_m at t = {t}");
            }

            Assert.That(v[99], Is.EqualTo(-70.0), "t = 10.0: before the change");
            Assert.That(v[100], Is.GreaterThan(-70.0), "t = 10.1: the first step after the change uses the new I_e");
        }
    }

    /// <summary>A new tau_m (new propagators) acts from the next step: one step from V₁ with the new constants.</summary>
    [Test]
    public void tau_m_set_between_Simulate_calls_acts_from_the_next_step()
    {
        using var sim = new Simulator();
        var neuron = sim.Create("iaf_psc_alpha", 1, new() { ["I_e"] = 300.0 });
        sim.Simulate(10.0);
        double v1 = sim.GetStatus(neuron[0]).Get<double>("V_m");
        sim.SetStatus(neuron, new StatusDictionary { ["tau_m"] = 20.0 });
        sim.Simulate(0.1);

        double p33 = Math.Exp(-0.1 / 20.0), p30 = -20.0 / 250.0 * double.ExpM1(-0.1 / 20.0);
        double expected = -70.0 + (v1 + 70.0) * p33 + p30 * 300.0;
        Assert.That(v1, Is.GreaterThan(-65.0), "the neuron was charged by I_e");
        Assert.That(sim.GetStatus(neuron[0]).Get<double>("V_m"), Is.EqualTo(expected).Within(1e-12));
    }

    /// <summary>A spike_generator given new times between runs emits those still ahead, at their times.</summary>
    [Test]
    public void spike_times_set_between_Simulate_calls_are_emitted_from_the_next_step()
    {
        using var sim = new Simulator();
        var generator = sim.Create("spike_generator", 1, new() { ["spike_times"] = new[] { 2.0 } });
        var recorder = sim.Create("spike_recorder");
        var parrot = sim.Create("parrot_neuron");
        sim.Connect(generator, parrot);
        sim.Connect(parrot, recorder);
        sim.Simulate(10.0);
        sim.SetStatus(generator, new StatusDictionary { ["spike_times"] = new[] { 10.1, 12.5 } });
        sim.Simulate(10.0);

        // The parrot repeats each spike one delay (1 ms) later.
        Assert.That(sim.GetStatus(recorder).Get<StatusDictionary>("events").Get<double[]>("times"), Is.EqualTo(new[] { 3.0, 11.1, 13.5 }));
    }

    [Test]
    public void ResetKernel_returns_to_the_state_of_a_fresh_simulator()
    {
        using var fresh = new Simulator();
        string pristine = KernelSnapshot.Take(fresh);

        using var sim = new Simulator();
        sim.SetKernelStatus(new() { ["resolution"] = 0.2, ["rng_seed"] = 5L, ["overwrite_files"] = true, ["data_prefix"] = "dirty_" });
        sim.SetDefaults("iaf_psc_alpha", new() { ["C_m"] = 100.0, ["I_e"] = 50.0, ["V_th"] = -60.0 });
        sim.SetDefaults("poisson_generator", new() { ["rate"] = 777.0 });
        sim.SetDefaults("static_synapse", new() { ["weight"] = 3.0, ["delay"] = 2.0 });
        sim.SetDefaults("spike_recorder", new() { ["label"] = "dirty" });
        sim.CopyModel("iaf_psc_exp", "my_exp", new() { ["tau_m"] = 7.0 });
        sim.CopyModel("static_synapse", "my_syn");
        var dirty = ProbeNetwork.Build(sim, threads: 2);
        sim.Create("my_exp", 3);
        sim.Connect(dirty.Neurons[..3], dirty.Neurons[3..6], syn: "my_syn");
        sim.Simulate(40.0);

        sim.ResetKernel();

        Assert.That(KernelSnapshot.Diff(pristine, KernelSnapshot.Take(sim)), Is.Empty, "state after ResetKernel vs a fresh simulator");
        Run(ProbeNetwork.Build(sim, meter: true), TotalSteps).AssertIdenticalTo(Whole.Value, "network built after ResetKernel");
    }

    [TestCase(2)]
    [TestCase(3)]
    public void Results_do_not_depend_on_local_num_threads(int threads)
    {
        Assert.That(ReceiverPartitioning.For(ThreadedNeurons, threads).Count, Is.EqualTo(threads), "one partition per thread, so the threads share the work");
        Run(ProbeNetwork.Build(threads: threads, meter: true, neurons: ThreadedNeurons), 333, 667)
            .AssertIdenticalTo(WholeThreaded.Value, $"{threads} threads");
    }

    [Test]
    public void Changing_local_num_threads_between_Simulate_calls_changes_nothing()
    {
        using var net = ProbeNetwork.Build(meter: true, neurons: ThreadedNeurons);
        foreach (var (threads, steps) in new[] { (3, 250), (1, 250), (2, 237), (3, 263) })
        {
            net.Sim.SetKernelStatus(new() { ["local_num_threads"] = (long)threads });
            net.Sim.Simulate(steps * 0.1);
        }

        net.Result().AssertIdenticalTo(WholeThreaded.Value, "threads 3, 1, 2, 3");
    }

    /// <summary>
    /// SetStatus between runs prepares only the blocks again (as NEST calibrates its nodes), not the connectivity,
    /// the units or the delivery; a new connection prepares everything. The result is checked by the tests above
    /// that change parameters between runs.
    /// </summary>
    [Test]
    public void SetStatus_between_runs_prepares_the_blocks_only()
    {
        using var net = ProbeNetwork.Build(threads: 2, neurons: ThreadedNeurons);
        net.Sim.Simulate(1.0);
        var delivery = net.Sim.PreparedDelivery;
        net.Sim.SetStatus(net.Neurons[0], new StatusDictionary { ["I_e"] = 500.0 });
        net.Sim.Simulate(1.0);
        Assert.That(net.Sim.PreparedDelivery, Is.SameAs(delivery), "after SetStatus");
        Assert.That(net.Sim.GetStatus(net.Neurons[0]).Get<double>("I_e"), Is.EqualTo(500.0));

        net.Sim.Connect(net.Neurons[..1], net.Neurons[1..2], syn: "probe_ex");
        net.Sim.Simulate(1.0);
        Assert.That(net.Sim.PreparedDelivery, Is.Not.SameAs(delivery), "after Connect");
    }

    /// <summary>
    /// With several threads the worker threads stay between Simulate calls: a closed loop of one-step calls gives
    /// the result of one long call and allocates on the calling thread about what the same loop on one thread does
    /// (the recorders' hand-over after each call allocates the same in both), so no thread is started per call;
    /// the workers end by themselves after an idle spell (and the next call starts new ones), and Dispose ends them.
    /// </summary>
    [Test]
    public void Worker_threads_stay_between_short_Simulate_calls_and_end_when_idle_or_disposed()
    {
        long AllocatedByOneStepCalls(ProbeNetwork network)
        {
            network.Sim.Simulate(0.1);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int step = 1; step < 400; step++)
            {
                network.Sim.Simulate(0.1);
            }

            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        long oneThread;
        using (var single = ProbeNetwork.Build(threads: 1, meter: true, neurons: ThreadedNeurons))
        {
            oneThread = AllocatedByOneStepCalls(single);
        }

        var net = ProbeNetwork.Build(threads: 2, meter: true, neurons: ThreadedNeurons);
        long twoThreads = AllocatedByOneStepCalls(net);
        var idle = net.Sim.Workers!;
        Assert.That(idle.AliveWorkers, Is.EqualTo(1), "one worker besides the calling thread");
        // Starting a thread per call cost 424 B a call (169 KB here); the margin absorbs the runtime's own
        // occasional allocations on this thread (tiered compilation of the two-thread path).
        Assert.That(twoThreads, Is.LessThanOrEqualTo(oneThread + 32 * 1024), "bytes allocated by 399 one-step calls, 2 threads against 1");

        // An idle spell longer than the pool's timeout: the worker ends, and the next call starts a new one.
        Thread.Sleep(WorkerPool.IdleTimeout + TimeSpan.FromMilliseconds(500));
        Assert.That(idle.AliveWorkers, Is.Zero, "the idle worker ended");
        net.Sim.Simulate(60.0);
        var restarted = net.Sim.Workers!;
        Assert.That(restarted, Is.Not.SameAs(idle), "a new pool after the idle spell");
        Assert.That(restarted.AliveWorkers, Is.EqualTo(1));
        net.Result().AssertIdenticalTo(WholeThreaded.Value, "400 one-step calls, an idle spell, 600 steps");

        net.Dispose();
        Assert.That(restarted.AliveWorkers, Is.Zero, "Dispose ended the worker");
    }

    /// <summary>
    /// An exception in the update loop reaches the caller as a KernelStateError (a NeuroKernelException) with
    /// the original as its inner exception, also when a worker thread threw it; the kernel then refuses to
    /// simulate until ResetKernel, as NEST does after an error in the update; after ResetKernel it is as new.
    /// </summary>
    [TestCase(1)]
    [TestCase(2)]
    public void Exception_in_the_update_surfaces_on_the_caller_and_requires_ResetKernel(int threads)
    {
        using var sim = new Simulator();
        sim.SetKernelStatus(new() { ["local_num_threads"] = (long)threads });
        var model = FailingNeuronModel.RegisterIn(sim, failAtStep: 150);
        sim.Create(FailingNeuronModel.ModelName, 600);
        sim.Create("iaf_psc_alpha", 10, new() { ["I_e"] = 500.0 });
        sim.Simulate(10.0);
        Assert.That(model.ThrowingThread, Is.Zero, "nothing failed before step 150");

        var error = Assert.Throws<KernelStateErrorException>(() => sim.Simulate(10.0));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.InnerException, Is.TypeOf<InvalidOperationException>().With.Message.Contains("failed on purpose"));
            Assert.That(error.Message, Does.Contain("ResetKernel"));
            if (threads > 1)
            {
                Assert.That(model.ThrowingThread, Is.Not.EqualTo(Environment.CurrentManagedThreadId), "the exception started on a worker thread");
            }

            Assert.That(() => sim.Simulate(1.0), Throws.TypeOf<KernelStateErrorException>().With.Message.Contains("ResetKernel"), "the next Simulate asks for ResetKernel");
        }

        sim.ResetKernel();
        Run(ProbeNetwork.Build(sim, meter: true), TotalSteps).AssertIdenticalTo(Whole.Value, "network built after ResetKernel");
    }
}
