namespace NeuroKernel.Tests.Synapses;

/// <summary>
/// Connections as objects (NEST's <c>SetStatus</c> on connections): the weight of plastic connections and of connections
/// made with weights per connection, and a plastic model's own keys, set between Simulate calls with the model's checks;
/// a bad value for one connection changes none.
/// </summary>
[TestFixture]
public class ConnectionStatusTests
{
    private static readonly double[] DriveTimes = [5.0, 25.0, 45.0, 65.0];

    private static double[] TraceOf(Action<Simulator, NodeCollection, NodeCollection> connect, Action<Simulator, NodeCollection, NodeCollection>? between = null)
    {
        using var sim = new Simulator();
        var drive = sim.Create("spike_generator", 1, new() { ["spike_times"] = DriveTimes });
        var pre = sim.Create("parrot_neuron", 3);
        var post = sim.Create("iaf_psc_exp", 2);
        sim.Connect(drive, pre);
        connect(sim, pre, post);
        var meter = sim.Create("voltmeter", 1, new() { ["interval"] = 0.1 });
        sim.Connect(meter, post);
        sim.Simulate(1.0);   // before the first spike (5 ms)
        between?.Invoke(sim, pre, post);
        sim.Simulate(89.0);
        return sim.GetStatus(meter).Get<StatusDictionary>("events").Get<double[]>("V_m");
    }

    /// <summary>A [targets, sources] weight matrix of one value (all_to_all's shape).</summary>
    private static double[,] Matrix(int rows, int columns, double value)
    {
        var m = new double[rows, columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                m[r, c] = value;
            }
        }

        return m;
    }

    /// <summary>Weights set per connection (between Simulate calls, before the first spike) act as if connected with them: the trace equals that of a network connected with the new weight.</summary>
    [Test]
    public void Setting_per_connection_weights_acts_as_connecting_with_them()
    {
        var set = TraceOf((s, a, b) => s.Connect(a, b, syn: new StatusDictionary { ["weight"] = Distributions.Uniform(10.0, 20.0) }),
            (s, a, b) => s.SetStatus(s.GetConnections(a, b), new StatusDictionary { ["weight"] = 400.0 }));
        var connected = TraceOf((s, a, b) => s.Connect(a, b, syn: new StatusDictionary { ["weight"] = Distributions.Uniform(10.0, 20.0) }),
            (s, a, b) => { });
        var direct = TraceOf((s, a, b) => s.Connect(a, b, syn: new StatusDictionary { ["weight"] = Matrix(2, 3, 400.0) }));
        Assert.That(set, Is.Not.EqualTo(connected), "the new weights act");
        Assert.That(set, Is.EqualTo(direct), "as connected with weight 400");
    }

    [Test]
    public void Plastic_state_and_weight_can_be_set_and_are_read_back()
    {
        using var sim = new Simulator();
        var pre = sim.Create("parrot_neuron", 2);
        var post = sim.Create("iaf_psc_alpha", 2);
        sim.Connect(pre, post, syn: new StatusDictionary { ["synapse_model"] = "stdp_synapse", ["weight"] = 10.0 });
        sim.Simulate(1.0);
        var table = sim.GetConnections(pre, post);

        sim.SetStatus(table, new StatusDictionary { ["weight"] = 30.0, ["Kplus"] = 2.5, ["Wmax"] = 90.0 });

        Assert.That(table.Get("weight"), Has.All.EqualTo(30.0));
        Assert.That(table.Get("Kplus"), Has.All.EqualTo(2.5));
        Assert.That(table.Get("Wmax"), Has.All.EqualTo(90.0));
        Assert.That(sim.GetConnections(pre, post).Weight, Has.All.EqualTo(30.0));
    }

    [TestCase("Kplus", -1.0, "Kplus must be positive")]
    [TestCase("weight", -5.0, "Weight and Wmax must have same sign")]
    [TestCase("tau_plus", 0.0, "tau_plus must be > 0")]
    [TestCase("receptor", 1.0, "read-only")]
    [TestCase("source", 1.0, "read-only")]
    [TestCase("Kplusplus", 1.0, "Kplusplus")]
    public void A_bad_value_changes_no_connection(string key, double value, string message)
    {
        using var sim = new Simulator();
        var pre = sim.Create("parrot_neuron", 2);
        var post = sim.Create("iaf_psc_alpha", 2);
        sim.Connect(pre, post, syn: new StatusDictionary { ["synapse_model"] = "stdp_synapse", ["weight"] = 10.0 });
        sim.Simulate(1.0);
        var table = sim.GetConnections(pre, post);
        var before = Enumerable.Range(0, table.Count).Select(table.GetStatus).ToList();

        Assert.That(() => sim.SetStatus(table, new StatusDictionary { ["Kplus"] = 1.0, [key] = value }),
            Throws.TypeOf<BadPropertyException>().With.Message.Contains(message));

        Assert.That(Enumerable.Range(0, table.Count).Select(table.GetStatus), Is.EqualTo(before));
    }

    private static readonly double[] SpikeTimes = [10.0, 30.0];
    private static readonly double[] DelaysAfter = [1.0, 4.5];
    private static readonly double[] ArrivalsUnchanged = [12.0, 32.0];
    private static readonly double[] ArrivalsMoved = [12.0, 35.5];

    /// <summary>
    /// A connection's delay can be set after Connect, also between runs, also for a static group that shares one delay:
    /// the next spikes arrive with the new delay, GetConnections reports it, and min_delay/max_delay follow.
    /// </summary>
    [TestCase(1)]
    [TestCase(2)]
    public void Setting_the_delay_moves_the_arrivals(int threads)
    {
        using var sim = new Simulator();
        sim.SetKernelStatus(new() { ["local_num_threads"] = threads });
        var generator = sim.Create("spike_generator", 1, new() { ["spike_times"] = SpikeTimes });
        var relay = sim.Create("parrot_neuron");
        var last = sim.Create("parrot_neuron", 2);
        var recorder = sim.Create("spike_recorder");
        sim.Connect(generator, relay);
        sim.Connect(relay, last, syn: new SynSpec("static_synapse", 1.0, 1.0));
        sim.Connect(last, recorder);
        sim.Simulate(20.0);
        var table = sim.GetConnections(relay, last[1..]);
        sim.SetStatus(table, new StatusDictionary { ["delay"] = 4.5 });
        Assert.That(table.Get("delay").Single(), Is.EqualTo(4.5));
        Assert.That(sim.GetConnections(relay, last).Get("delay"), Is.EqualTo(DelaysAfter));
        Assert.That(sim.GetKernelStatus().Get<double>("max_delay"), Is.EqualTo(4.5));
        sim.Simulate(30.0);

        var events = sim.GetStatus(recorder).Get<StatusDictionary>("events");
        var times = events.Get<double[]>("times");
        var senders = events.Get<int[]>("senders");
        double[] Of(int id) => [.. times.Where((_, k) => senders[k] == id)];
        Assert.That(Of(last[0]), Is.EqualTo(ArrivalsUnchanged), "the connection left alone");
        Assert.That(Of(last[1]), Is.EqualTo(ArrivalsMoved), "the spike after the change takes 4.5 ms");
    }

    [Test]
    public void A_bad_delay_is_a_BadDelay_and_changes_nothing()
    {
        using var sim = new Simulator();
        var pre = sim.Create("parrot_neuron", 2);
        var post = sim.Create("iaf_psc_alpha", 2);
        sim.Connect(pre, post, syn: new StatusDictionary { ["synapse_model"] = "stdp_synapse", ["weight"] = 10.0 });
        var table = sim.GetConnections(pre, post);
        Assert.That(() => sim.SetStatus(table, new StatusDictionary { ["delay"] = 0.01, ["weight"] = 20.0 }), Throws.TypeOf<BadDelayException>().With.Message.Contains("0.01"));
        Assert.That(() => sim.SetStatus(table, new StatusDictionary { ["delay"] = double.NaN }), Throws.TypeOf<BadDelayException>());
        Assert.That(() => sim.SetStatus(table, new StatusDictionary { ["delay"] = 2.0, ["Kplus"] = -1.0 }), Throws.TypeOf<BadPropertyException>());
        Assert.That(table.Get("delay"), Has.All.EqualTo(1.0));
        Assert.That(table.Get("weight"), Has.All.EqualTo(10.0));
    }

    [Test]
    public void Short_term_state_follows_NESTs_checks()
    {
        using var sim = new Simulator();
        var pre = sim.Create("parrot_neuron");
        var post = sim.Create("iaf_psc_exp");
        sim.Connect(pre, post, syn: new StatusDictionary { ["synapse_model"] = "tsodyks2_synapse", ["weight"] = 100.0 });
        var table = sim.GetConnections(pre, post);
        sim.SetStatus(table, new StatusDictionary { ["u"] = 0.2, ["x"] = 0.7 });
        Assert.That(table.GetStatus(0).Get<double>("u"), Is.EqualTo(0.2));
        Assert.That(table.GetStatus(0).Get<double>("x"), Is.EqualTo(0.7));
        Assert.That(() => sim.SetStatus(table, new StatusDictionary { ["U"] = 1.5 }), Throws.TypeOf<BadPropertyException>().With.Message.Contains("U must be in [0,1]"));
        Assert.That(table.GetStatus(0).Get<double>("U"), Is.EqualTo(0.5));
    }

    [Test]
    public void Static_connections_with_one_weight_for_their_group_refuse_a_new_weight()
    {
        using var sim = new Simulator();
        var neurons = sim.Create("iaf_psc_alpha", 2);
        sim.Connect(neurons[..1], neurons[1..], syn: new SynSpec("static_synapse", weight: 5.0));
        var table = sim.GetConnections();
        Assert.That(() => sim.SetStatus(table, new StatusDictionary { ["weight"] = 6.0 }),
            Throws.TypeOf<BadPropertyException>().With.Message.Contains("group's one weight"));
        Assert.That(sim.GetConnections().Weight.Single(), Is.EqualTo(5.0));
    }

    [Test]
    public void A_table_of_rebuilt_connections_is_refused()
    {
        using var sim = new Simulator();
        var neurons = sim.Create("iaf_psc_alpha", 3);
        sim.Connect(neurons[..1], neurons[1..], syn: new StatusDictionary { ["synapse_model"] = "stdp_synapse" });
        var table = sim.GetConnections();
        sim.Connect(neurons[1..2], neurons[2..], syn: new StatusDictionary { ["synapse_model"] = "stdp_synapse" });
        sim.Simulate(1.0);
        Assert.That(() => sim.SetStatus(table, new StatusDictionary { ["Kplus"] = 1.0 }), Throws.TypeOf<KernelStateErrorException>());
    }
}
