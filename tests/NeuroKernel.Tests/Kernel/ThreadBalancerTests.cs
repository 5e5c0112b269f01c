using NeuroKernel.Connectivity;
using NeuroKernel.Kernel;
using NeuroKernel.Synapses;
using NeuroKernel.Tests.Integration;

namespace NeuroKernel.Tests.Kernel;

/// <summary>
/// The threads' receiver boundaries move during a run toward the faster thread (<see cref="ThreadBalancer"/>): that
/// must change no result, must follow the measured speeds, and must not happen where a row cannot be cut.
/// </summary>
[TestFixture]
public class ThreadBalancerTests
{
    /// <summary>Order 200: 1000 neurons, enough receivers for three threads (at least 256 each).</summary>
    private const int Order = 200;

    private static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();

    private static (int[] SendersEx, double[] TimesEx, int[] SendersIn, double[] TimesIn, long[] VM, long[] ISynEx) Take(BrunelNetwork net)
    {
        var (se, te) = net.Events(net.AllEx!);
        var (si, ti) = net.Events(net.AllIn!);
        return (se, te, si, ti, Bits(net.Sim.GetStatus<double>(net.Neurons, "V_m")), Bits(net.Sim.GetStatus<double>(net.Neurons, "I_syn_ex")));
    }

    /// <summary>
    /// Splits planned at slices 64, 96, 128 and 160 of the first run (one slice is 15 steps of 0.1 ms): far to one side,
    /// far to the other, the most uneven allowed, and back; the second run moves again at its slice 64. Spikes, V_m and
    /// the currents stay bit for bit those of one thread.
    /// </summary>
    [TestCase(2)]
    [TestCase(3)]
    public void Moving_the_thread_boundaries_during_a_run_changes_no_result(int threads)
    {
        using var one = BrunelNetwork.Build(Order, threads: 1, recordAll: true);
        using var many = BrunelNetwork.Build(Order, threads: threads, recordAll: true);
        many.Sim.Simulate(0.0);
        var balancer = many.Sim.Balancer;
        Assert.That(balancer, Is.Not.Null, "the seed's connections are made in ascending target order");
        int n = many.Neurons.Count;
        int[] Split(params double[] fractions) => [0, .. fractions.Select(f => (int)(f * n) / ThreadBalancer.Granule * ThreadBalancer.Granule), n];
        int lo = balancer!.MinShare, hi = balancer.MaxShare;
        var plans = threads == 2
            ? new Dictionary<long, int[]> { [64] = Split(0.3), [96] = Split(0.7), [128] = [0, lo, n], [160] = [0, n - lo, n] }
            : new Dictionary<long, int[]> { [64] = Split(0.2, 0.5), [96] = Split(0.5, 0.7), [128] = [0, lo, lo + hi, n], [160] = [0, n - lo - hi, n - lo, n] };
        balancer.Plan = slice => plans.GetValueOrDefault(slice);

        many.Sim.Simulate(300.0);
        plans = new() { [64] = threads == 2 ? Split(0.45) : Split(0.3, 0.6) };
        many.Sim.Simulate(200.0);
        one.Sim.Simulate(500.0);

        Assert.That(many.Sim.Workers?.Threads, Is.EqualTo(threads), "the run really used the threads");
        Assert.That(balancer.Moves, Is.EqualTo(5));
        var expected = Take(one);
        var actual = Take(many);
        Assert.That(expected.SendersEx, Has.Length.GreaterThan(1000));
        Assert.Multiple(() =>
        {
            Assert.That(actual.SendersEx, Is.EqualTo(expected.SendersEx), "excitatory senders");
            Assert.That(actual.TimesEx, Is.EqualTo(expected.TimesEx), "excitatory times");
            Assert.That(actual.SendersIn, Is.EqualTo(expected.SendersIn), "inhibitory senders");
            Assert.That(actual.TimesIn, Is.EqualTo(expected.TimesIn), "inhibitory times");
            Assert.That(actual.VM, Is.EqualTo(expected.VM), "V_m");
            Assert.That(actual.ISynEx, Is.EqualTo(expected.ISynEx), "I_syn_ex");
        });
    }

    /// <summary>
    /// The other senders and receivers under moving boundaries: a dc_generator (current channel), a Poisson generator of
    /// a large mean (50 per step, drawn through MathNet on every thread at once), parrot neurons that receive and relay
    /// spikes, recurrent connections with per-connection weights and delays. Spikes and V_m stay those of one thread.
    /// </summary>
    [TestCase(2)]
    [TestCase(3)]
    public void Devices_parrots_and_per_connection_weights_follow_the_moving_boundaries(int threads)
    {
        (Simulator, NodeCollection, NodeCollection) Build(int t)
        {
            var sim = new Simulator();
            sim.SetKernelStatus(new() { ["local_num_threads"] = t, ["rng_seed"] = 11 });
            var neurons = sim.Create("iaf_psc_alpha", 800);
            var parrots = sim.Create("parrot_neuron", 400);
            var dc = sim.Create("dc_generator", 1, new() { ["amplitude"] = 250.0 });
            var strong = sim.Create("poisson_generator", 1, new() { ["rate"] = 500_000.0 });
            var weak = sim.Create("poisson_generator", 1, new() { ["rate"] = 2_000.0 });
            sim.Connect(dc, neurons);
            sim.Connect(strong, neurons, syn: new SynSpec("static_synapse", weight: 0.3, delay: 1.0));
            sim.Connect(weak, parrots, syn: new SynSpec("static_synapse", weight: 1.0, delay: 1.0));
            sim.Connect(parrots, neurons, new ConnSpec("fixed_indegree", new() { ["indegree"] = 10 }), new SynSpec("static_synapse", weight: 30.0, delay: 1.5));
            sim.Connect(neurons, neurons, new ConnSpec("fixed_indegree", new() { ["indegree"] = 20 }),
                new StatusDictionary { ["weight"] = Distributions.Uniform(-40.0, 30.0), ["delay"] = Distributions.Uniform(1.0, 2.5) });
            var rec = sim.Create("spike_recorder");
            sim.Connect(neurons + parrots, rec);
            return (sim, neurons, rec);
        }

        var (one, neuronsOne, recOne) = Build(1);
        var (many, neuronsMany, recMany) = Build(threads);
        using var disposeOne = one;
        using var disposeMany = many;
        many.Simulate(0.0);
        var balancer = many.Balancer;
        Assert.That(balancer, Is.Not.Null);
        int n = 1200, lo = balancer!.MinShare, hi = balancer.MaxShare;
        var plans = threads == 2
            ? new Dictionary<long, int[]> { [64] = [0, lo, n], [96] = [0, n - lo, n], [128] = [0, 640, n] }
            : new Dictionary<long, int[]> { [64] = [0, lo, lo + hi, n], [96] = [0, n - lo - hi, n - lo, n], [128] = [0, 384, 768, n] };
        balancer.Plan = slice => plans.GetValueOrDefault(slice);

        many.Simulate(300.0);
        one.Simulate(300.0);

        Assert.That(many.Workers?.Threads, Is.EqualTo(threads));
        Assert.That(balancer.Moves, Is.EqualTo(3));
        var expected = one.GetStatus(recOne).Get<StatusDictionary>("events");
        var actual = many.GetStatus(recMany).Get<StatusDictionary>("events");
        Assert.That(expected.Get<int[]>("senders"), Has.Length.GreaterThan(1000));
        Assert.Multiple(() =>
        {
            Assert.That(actual.Get<int[]>("senders"), Is.EqualTo(expected.Get<int[]>("senders")));
            Assert.That(actual.Get<double[]>("times"), Is.EqualTo(expected.Get<double[]>("times")));
            Assert.That(Bits(many.GetStatus<double>(neuronsMany, "V_m")), Is.EqualTo(Bits(one.GetStatus<double>(neuronsOne, "V_m"))));
        });
    }

    /// <summary>
    /// Thread 1 takes 1.5 times as long per slice: after the window both threads decide the same move, the boundary goes
    /// up by at most a step (thread 0 gets more), and the new row cuts put every target of thread t in its range.
    /// </summary>
    [Test]
    public void The_split_moves_toward_the_faster_thread_and_the_rows_are_cut_there()
    {
        using var net = BrunelNetwork.Build(Order, threads: 2);
        net.Sim.Simulate(0.0);
        var balancer = net.Sim.Balancer!;
        int before = balancer.Bounds(0)[1];
        for (long slice = ThreadBalancer.Window; slice < 2 * ThreadBalancer.Window; slice++)
        {
            balancer.Publish(0, slice, 1000);
            balancer.Publish(1, slice, 1500);
        }

        Assert.That(balancer.Decide(0, 2 * ThreadBalancer.Window), Is.True);
        Assert.That(balancer.Decide(1, 2 * ThreadBalancer.Window), Is.True);
        balancer.PrepareSpare(0);
        balancer.PrepareSpare(1);
        balancer.Switch(0);
        balancer.Switch(1);

        int after = balancer.Bounds(0)[1];
        Assert.That(after, Is.GreaterThan(before));
        Assert.That(after % ThreadBalancer.Granule, Is.Zero);
        Assert.That(balancer.Bounds(1).ToArray(), Is.EqualTo(balancer.Bounds(0).ToArray()));
        var store = balancer.Current(0);
        Assert.That(store, Is.SameAs(balancer.Current(1)));
        Assert.That(store.Partitions.Start(1), Is.EqualTo(after));
        foreach (var g in store.Groups)
        {
            for (int s = 0; s < store.NumNodes; s++)
            {
                for (int t = 0; t < 2; t++)
                {
                    for (int j = g.Index[2 * s + t]; j < g.Index[2 * s + t + 1]; j++)
                    {
                        Assert.That(g.Targets[j], Is.InRange(store.Partitions.Start(t), store.Partitions.End(t) - 1), $"source {s}, thread {t}");
                    }
                }
            }
        }
    }

    /// <summary>Equal threads move nothing, and neither does one slice held up ten times as long (the median ignores it).</summary>
    [TestCase(false)]
    [TestCase(true)]
    public void Equal_threads_or_one_slow_slice_move_nothing(bool hiccup)
    {
        using var net = BrunelNetwork.Build(Order, threads: 2);
        net.Sim.Simulate(0.0);
        var balancer = net.Sim.Balancer!;
        for (long slice = ThreadBalancer.Window; slice < 2 * ThreadBalancer.Window; slice++)
        {
            balancer.Publish(0, slice, 1000);
            balancer.Publish(1, slice, hiccup && slice == 40 ? 10_000 : 1010);
        }

        Assert.That(balancer.Decide(0, 2 * ThreadBalancer.Window), Is.False);
        Assert.That(balancer.Decide(0, 2 * ThreadBalancer.Window + 1), Is.False, "decisions only every window");
    }

    /// <summary>
    /// A run that moves the split at every window allocates nothing on the simulation's threads: each thread notes its
    /// own allocation count at every decision (the plan is asked on every thread), and between its first and its last
    /// decision of the run — eight moves apart — the count must not change. Other threads of the test host are not
    /// counted, so their allocations cannot fail the test.
    /// </summary>
    [Test]
    public void Moving_the_split_allocates_nothing()
    {
        using var sim = new Simulator();
        sim.SetKernelStatus(new() { ["local_num_threads"] = 2 });
        var neurons = sim.Create("iaf_psc_alpha", 1000, new() { ["I_e"] = 300.0 });
        var noise = sim.Create("poisson_generator", 1, new() { ["rate"] = 20000.0 });
        sim.Connect(noise, neurons, syn: new SynSpec("static_synapse", weight: 20.0, delay: 1.0));
        sim.Connect(neurons, neurons, new ConnSpec("fixed_indegree", new() { ["indegree"] = 20 }), new SynSpec("static_synapse", weight: 10.0, delay: 1.0));
        sim.Simulate(0.0);
        var balancer = sim.Balancer!;
        int[][] splits = [[0, 320, 1000], [0, 704, 1000]];
        var first = new long[1024];
        var last = new long[1024];
        var decisions = new int[1024];
        balancer.Plan = slice =>
        {
            int id = Environment.CurrentManagedThreadId;
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            if (decisions[id]++ == 0)
            {
                first[id] = allocated;
            }

            last[id] = allocated;
            return splits[(int)(slice / ThreadBalancer.Window) % 2];
        };

        sim.Simulate(500.0);

        int[] threads = [.. Enumerable.Range(0, decisions.Length).Where(id => decisions[id] > 0)];
        Assert.That(threads, Has.Length.EqualTo(2), "the plan is asked on both threads");
        Assert.That(balancer.Moves, Is.GreaterThanOrEqualTo(9));
        Assert.That(threads.Select(id => decisions[id]), Is.All.GreaterThanOrEqualTo(9));
        Assert.That(threads.Select(id => last[id] - first[id]), Is.All.Zero);
    }

    [Test]
    public void A_planned_split_outside_the_allowed_shares_is_refused()
    {
        using var net = BrunelNetwork.Build(Order, threads: 2);
        net.Sim.Simulate(0.0);
        var balancer = net.Sim.Balancer!;
        balancer.Plan = _ => [0, balancer.MinShare - ThreadBalancer.Granule, 1000];

        Assert.That(() => balancer.Decide(0, 2 * ThreadBalancer.Window), Throws.InvalidOperationException);
    }

    /// <summary>
    /// Connections made in descending target order leave rows that a receiver boundary cannot cut into two runs: the
    /// split then stays fixed, and the results still match one thread.
    /// </summary>
    [Test]
    public void Rows_out_of_receiver_order_keep_the_split_fixed()
    {
        (Simulator, NodeCollection) Build(int threads)
        {
            var sim = new Simulator();
            sim.SetKernelStatus(new() { ["local_num_threads"] = threads, ["rng_seed"] = 5 });
            var neurons = sim.Create("iaf_psc_alpha", 600, new() { ["I_e"] = 400.0 });
            var rng = new System.Random(3);
            for (int t = 600; t >= 1; t--)
            {
                int[] sources = [.. Enumerable.Range(0, 30).Select(_ => rng.Next(1, 601))];
                sim.Connect(sources, t, syn: new SynSpec("static_synapse", weight: rng.NextDouble() > 0.2 ? 20.0 : -60.0, delay: 1.0));
            }

            var rec = sim.Create("spike_recorder");
            sim.Connect(neurons, rec);
            return (sim, rec);
        }

        var (one, recOne) = Build(1);
        var (two, recTwo) = Build(2);
        using var disposeOne = one;
        using var disposeTwo = two;
        two.Simulate(0.0);
        Assert.That(two.Balancer, Is.Null);

        two.Simulate(200.0);
        one.Simulate(200.0);
        Assert.That(two.Workers?.Threads, Is.EqualTo(2));
        var expected = one.GetStatus(recOne).Get<StatusDictionary>("events");
        var actual = two.GetStatus(recTwo).Get<StatusDictionary>("events");
        Assert.That(expected.Get<int[]>("senders"), Has.Length.GreaterThan(100));
        Assert.That(actual.Get<int[]>("senders"), Is.EqualTo(expected.Get<int[]>("senders")));
        Assert.That(actual.Get<double[]>("times"), Is.EqualTo(expected.Get<double[]>("times")));
    }

    [Test]
    public void A_movable_partitioning_finds_receivers_by_its_boundaries()
    {
        var fixedSplit = ReceiverPartitioning.For(1000, 2);
        var movable = ReceiverPartitioning.Movable(fixedSplit);
        Assert.That(movable.Start(1), Is.EqualTo(fixedSplit.Start(1)));

        movable.MoveBoundaries([0, 640, 1000]);

        Assert.Multiple(() =>
        {
            Assert.That(movable.Start(1), Is.EqualTo(640));
            Assert.That(movable.End(0), Is.EqualTo(640));
            Assert.That(movable.Of(639), Is.Zero);
            Assert.That(movable.Of(640), Is.EqualTo(1));
            Assert.That(movable.Base(1), Is.Zero, "targets are global indices");
            Assert.That(() => movable.MoveBoundaries([0, 1000]), Throws.InvalidOperationException);
            Assert.That(() => fixedSplit.MoveBoundaries([0, 640, 1000]), Throws.InvalidOperationException);
            Assert.That(() => ReceiverPartitioning.Movable(ReceiverPartitioning.For(70_000, 2)), Throws.InvalidOperationException);
        });
    }
}
