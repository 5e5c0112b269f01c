namespace NeuroKernel.Tests.Reliability;

/// <summary>
/// Misuse that the bad-input table cannot express: use after <see cref="Simulator.Dispose"/>, calls from two threads at
/// once, a resolution above the default delay, draws over huge ranges, the largest Poisson rate, and a combination of
/// parameters whose propagators overflow only together with the resolution.
/// </summary>
[TestFixture]
public class MisuseTests
{
    [Test]
    public void Every_call_after_Dispose_throws_ObjectDisposedException_and_an_ascii_recorder_loses_nothing_silently()
    {
        string dir = Directory.CreateTempSubdirectory("nk-dispose-").FullName;
        try
        {
            var sim = new Simulator();
            sim.SetKernelStatus(new() { ["data_path"] = dir });
            var neurons = sim.Create("iaf_psc_alpha", 5, new() { ["I_e"] = 500.0 });
            var recorder = sim.Create("spike_recorder", 1, new() { ["record_to"] = "ascii", ["label"] = "after" });
            sim.Connect(neurons, recorder);
            sim.Simulate(100.0);
            long events = sim.GetStatus(recorder).Get<long>("n_events");
            Assert.That(events, Is.GreaterThan(0));
            sim.Dispose();
            string file = Directory.GetFiles(dir).Single();
            string written = File.ReadAllText(file);

            Action[] calls =
            [
                () => sim.Simulate(10.0),
                () => sim.Create("iaf_psc_alpha"),
                () => sim.Connect(neurons, neurons),
                () => sim.Connect([1, 2], 3),
                () => sim.GetStatus(recorder),
                () => sim.SetStatus(neurons, new StatusDictionary { ["I_e"] = 1.0 }),
                () => sim.GetKernelStatus(),
                () => sim.SetKernelStatus(new() { ["print_time"] = false }),
                () => sim.GetDefaults("iaf_psc_alpha"),
                () => sim.SetDefaults("iaf_psc_alpha", new() { ["I_e"] = 1.0 }),
                () => sim.CopyModel("iaf_psc_alpha", "late"),
                () => sim.GetConnections(),
                () => sim.ResetKernel(),
            ];
            foreach (var call in calls)
            {
                Assert.That(() => call(), Throws.TypeOf<ObjectDisposedException>().With.Message.Contains("Simulator"));
            }

            Assert.That(() => sim.Dispose(), Throws.Nothing, "a second Dispose does nothing");
            Assert.That(File.ReadAllText(file), Is.EqualTo(written), "the closed file is as the last Simulate left it");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// One thread simulates while another keeps calling Create and GetKernelStatus: every call of the second thread that
    /// falls inside the Simulate throws, the ones outside it succeed, and the state is exactly what the successful calls
    /// make (no lost step, no duplicate id).
    /// </summary>
    [Test]
    public void A_call_from_a_second_thread_during_Simulate_throws_and_corrupts_nothing()
    {
        using var sim = new Simulator();
        var neurons = sim.Create("iaf_psc_alpha", 2000, new() { ["I_e"] = 400.0 });
        sim.Connect(neurons, neurons, new StatusDictionary { ["rule"] = "fixed_indegree", ["indegree"] = 100 }, new SynSpec("static_synapse", 0.5, 1.5));
        sim.Simulate(1.0);

        int refused = 0;
        var created = new List<int>();
        using var inside = new ManualResetEventSlim();
        var simulate = new Thread(() =>
        {
            inside.Set();
            sim.Simulate(2000.0);
        });
        simulate.Start();
        inside.Wait();
        while (simulate.IsAlive)
        {
            try
            {
                created.Add(sim.Create("iaf_psc_exp")[0]);
            }
            catch (InvalidOperationException ex)
            {
                Assert.That(ex.Message, Does.Contain("Simulate").And.Contain("not thread-safe"));
                refused++;
            }
        }

        simulate.Join();
        Assert.That(refused, Is.GreaterThan(0), "the second thread ran into the Simulate at least once");
        Assert.That(sim.GetKernelStatus<double>("biological_time"), Is.EqualTo(2001.0), "every step was taken once");
        Assert.That(sim.GetKernelStatus<long>("network_size"), Is.EqualTo(2000 + created.Count));
        Assert.That(created, Is.Unique);
        Assert.That(created, Is.EqualTo(Enumerable.Range(2001, created.Count)));
    }

    [Test]
    public void Nested_calls_on_one_thread_pass_the_guard()
    {
        using var sim = new Simulator();
        sim.Create("iaf_psc_alpha", 3);
        // The span overload calls the collection overload; SetStatus(int) calls SetStatus(collection); GetKernelStatus<T> calls GetKernelStatus.
        Assert.That(() => sim.Connect([1, 2], [2, 3]), Throws.Nothing);
        Assert.That(() => sim.SetStatus(1, new StatusDictionary { ["I_e"] = 5.0 }), Throws.Nothing);
        Assert.That(sim.GetKernelStatus<long>("num_connections"), Is.EqualTo(2));
    }

    /// <summary>After a resolution above the default delay, GetDefaults and Connect agree: the default delay is one step.</summary>
    [Test]
    public void Default_delay_follows_a_coarse_resolution_in_GetDefaults_and_Connect()
    {
        using var sim = new Simulator();
        sim.SetKernelStatus(new() { ["resolution"] = 1000.0 });
        Assert.That(sim.GetDefaults("static_synapse").Get<double>("delay"), Is.EqualTo(1000.0));
        var neurons = sim.Create("iaf_psc_alpha", 2);
        sim.Connect(neurons[..1], neurons[1..]);
        Assert.That(sim.GetConnections().Delay.Single(), Is.EqualTo(1000.0));
        sim.Simulate(3000.0);
        Assert.That(sim.GetKernelStatus<double>("biological_time"), Is.EqualTo(3000.0));
    }

    [Test]
    public void Uniform_draws_over_the_whole_double_range_stay_in_min_max()
    {
        using var sim = new Simulator();
        var neurons = sim.Create("iaf_psc_alpha", 50);
        sim.Connect(neurons, neurons, new StatusDictionary { ["rule"] = "fixed_indegree", ["indegree"] = 20 },
            new StatusDictionary { ["weight"] = Distributions.Uniform(-1e308, 1e308) });
        var weights = sim.GetConnections().Weight;
        Assert.That(weights, Has.Count.EqualTo(1000));
        Assert.That(weights.All(w => w >= -1e308 && w < 1e308), Is.True, "every weight in [min, max)");
        Assert.That(weights.Count(w => w < 0), Is.InRange(400, 600), "the draws cover both halves of the range");
    }

    /// <summary>The largest rate the generator takes (1e9 spikes per step) simulates in bounded time; one step more is refused.</summary>
    [Test]
    public void Poisson_generator_at_its_largest_rate_simulates_and_beyond_it_is_refused()
    {
        using var sim = new Simulator();
        double largest = 1e9 * 1000.0 / 0.1;
        var noise = sim.Create("poisson_generator", 1, new() { ["rate"] = largest });
        var parrot = sim.Create("parrot_neuron");
        sim.Connect(noise, parrot);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        sim.Simulate(0.3);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        Assert.That(() => sim.SetStatus(noise, new StatusDictionary { ["rate"] = largest * 1.01 }),
            Throws.TypeOf<BadPropertyException>().With.Message.Contains("rate"));
    }

    /// <summary>
    /// The last check before a run sees what single parameter checks cannot: a resolution that makes a propagator
    /// overflow. Simulate refuses it naming the propagator, before any step.
    /// </summary>
    [Test]
    public void A_propagator_that_overflows_at_the_resolution_is_refused_before_the_first_step()
    {
        using var sim = new Simulator();
        // h / tau_m = 1e4 / 1e-3: P30 = tau_m / C_m · (1 − e^(−h/tau_m)) is finite, but exp(h / tau_syn) terms of the
        // alpha kernel's P31/P32 with tau_syn = tau_m · (1 + 1e-16) lose everything; a tiny C_m makes them overflow.
        sim.SetKernelStatus(new() { ["resolution"] = 10000.0 });
        sim.Create("iaf_psc_alpha", 1, new() { ["C_m"] = 1e-307, ["tau_m"] = 1e-3, ["tau_syn_ex"] = 1e5, ["tau_syn_in"] = 1e5 });
        var error = Assert.Throws<BadPropertyException>(() => sim.Simulate(10000.0));
        Assert.That(error!.Message, Does.Contain("iaf_psc_alpha").And.Contain("resolution 10000 ms"));
        Assert.That(sim.GetKernelStatus<double>("biological_time"), Is.Zero);
    }
}
