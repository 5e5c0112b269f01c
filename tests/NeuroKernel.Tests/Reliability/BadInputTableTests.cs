using System.Diagnostics;
using System.Globalization;

#pragma warning disable CA1861 // Inline arrays are the bad input under test; each row runs once.

namespace NeuroKernel.Tests.Reliability;

/// <summary>
/// A table of bad calls across the public API (models, devices, kernel status, Connect specifications, node
/// ids, NodeCollection slicing, file output, Simulate, null arguments, huge sizes). Each row is applied to a
/// small network with Poisson input and a spike recorder, once before the first Simulate and once between two
/// Simulate calls, and must
/// <list type="number">
/// <item>throw one specific exception (NEST's name) whose message names the offending key and/or value,</item>
/// <item>leave everything the API can read unchanged (kernel status, model defaults, node status, connections),</item>
/// <item>and leave the kernel simulating exactly, bit for bit, as if the call had not been made.</item>
/// </list>
/// </summary>
[TestFixture]
public class BadInputTableTests
{
    /// <summary>Where in the run the bad call is made.</summary>
    public enum Phase
    {
        /// <summary>After the network is built, before the first Simulate.</summary>
        BeforeFirstRun,

        /// <summary>Between the two Simulate calls.</summary>
        BetweenRuns,
    }

    private const double FirstRun = 30.0;

    /// <summary>How long a bad call may take before it counts as hanging (generous: the machine may be loaded).</summary>
    private static readonly TimeSpan CallTimeLimit = TimeSpan.FromSeconds(20);
    private const double SecondRun = 70.0;

    private static readonly string[] NeuronModels = ["iaf_psc_alpha", "iaf_psc_exp", "iaf_psc_delta"];

    private static readonly Dictionary<string, BadCall> Table = BuildTable().ToDictionary(r => r.Name, StringComparer.Ordinal);

    private static readonly Lazy<RunResult> Reference = new(() =>
    {
        using var net = ProbeNetwork.Build();
        net.Sim.Simulate(FirstRun);
        net.Sim.Simulate(SecondRun);
        return net.Result();
    });

    /// <summary>One bad call. <see cref="Arrange"/> runs before it (its effects are legal and stay);
    /// <see cref="Repair"/> undoes what a failed Simulate left to fix (a recorder whose file exists).</summary>
    private sealed record BadCall(string Name, Type Exception, string[] Message, Action<ProbeNetwork> Act)
    {
        public Action<ProbeNetwork>? Arrange { get; init; }

        public Action<ProbeNetwork>? Repair { get; init; }

        /// <summary>Accept subclasses of <see cref="Exception"/> (huge requests: any NeuroKernel error will do).</summary>
        public bool OrSubclass { get; init; }

        public override string ToString() => Name;
    }

    public static IEnumerable<TestCaseData> Rows() =>
        from name in Table.Keys.Order(StringComparer.Ordinal)
        from phase in new[] { Phase.BeforeFirstRun, Phase.BetweenRuns }
        select new TestCaseData(name, phase);

    [Test]
    public void Table_has_at_least_80_distinct_bad_calls()
    {
        Assert.That(Table, Has.Count.GreaterThanOrEqualTo(80));
        Assert.That(Table.Values.Select(r => r.Act).Distinct().Count(), Is.EqualTo(Table.Count), "every row makes its own call");
    }

    [TestCaseSource(nameof(Rows))]
    public void Bad_call_throws_a_named_error_and_changes_nothing(string row, Phase phase)
    {
        var call = Table[row];
        using var net = ProbeNetwork.Build();
        if (phase == Phase.BeforeFirstRun)
        {
            Apply(net, call);
        }

        net.Sim.Simulate(FirstRun);
        if (phase == Phase.BetweenRuns)
        {
            Apply(net, call);
        }

        net.Sim.Simulate(SecondRun);
        net.Result().AssertIdenticalTo(Reference.Value, row);
    }

    private static void Apply(ProbeNetwork net, BadCall call)
    {
        call.Arrange?.Invoke(net);
        string before = KernelSnapshot.Take(net.Sim);

        // Every bad call must fail promptly: it runs on its own thread, and one that has not returned in time (a call that
        // steps or draws forever) fails the row instead of hanging the run.
        Exception? thrown = null;
        var worker = new Thread(() =>
        {
            try
            {
                call.Act(net);
            }
            catch (Exception ex)
            {
                thrown = ex;
            }
        }) { IsBackground = true };
        worker.Start();
        if (!worker.Join(CallTimeLimit))
        {
            Assert.Fail($"{call.Name}: the call did not return within {CallTimeLimit.TotalSeconds} s");
        }

        Assert.That(thrown, Is.Not.Null, $"{call.Name}: expected {call.Exception.Name}, but the call succeeded");
        if (call.OrSubclass)
        {
            Assert.That(thrown, Is.InstanceOf(call.Exception), $"{call.Name}: {thrown}");
        }
        else
        {
            Assert.That(thrown, Is.TypeOf(call.Exception), $"{call.Name}: {thrown}");
        }

        foreach (string part in call.Message)
        {
            Assert.That(thrown!.Message, Does.Contain(part), $"{call.Name}: the message must name '{part}'");
        }

        Assert.That(KernelSnapshot.Take(net.Sim), Is.EqualTo(before), $"{call.Name}: a failed call must change nothing");
        call.Repair?.Invoke(net);
    }

    /// <summary>Huge requests fail before they allocate: a few MB at most, not the gigabytes they ask for.</summary>
    [TestCase("Create_int_MaxValue_over_2")]
    [TestCase("Connect_fixed_total_number_1e12")]
    [TestCase("Connect_fixed_indegree_2e9_per_target")]
    [TestCase("Connect_fixed_outdegree_1e10")]
    [TestCase("Connect_delay_5e7_ms_needs_huge_ring_buffers")]
    public void Huge_request_fails_up_front_without_allocating(string row)
    {
        var call = Table[row];
        using var net = ProbeNetwork.Build();
        net.Sim.Simulate(FirstRun);
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();

        Assert.That(() => call.Act(net), Throws.InstanceOf<NeuroKernelException>().Or.InstanceOf<ArgumentOutOfRangeException>());

        clock.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        TestContext.Out.WriteLine($"{row}: {allocated} bytes, {clock.Elapsed.TotalMilliseconds:F1} ms");
        Assert.That(allocated, Is.LessThan(16L << 20), "allocated bytes before failing");
    }

    /// <summary>
    /// all_to_all between 200,000 neurons would be 4·10¹⁰ connections (hundreds of GB): refused before any
    /// connection is stored.
    /// </summary>
    [Test]
    public void Huge_all_to_all_fails_up_front_without_allocating()
    {
        using var sim = new Simulator();
        var nodes = sim.Create("iaf_psc_alpha", 200_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread();

        Assert.That(() => sim.Connect(nodes, nodes), Throws.TypeOf<MemoryLimitExceededException>().With.Message.Contains("200000"));

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - allocated, Is.LessThan(16L << 20));
        Assert.That(sim.GetKernelStatus<long>("num_connections"), Is.Zero);
    }

    /// <summary>
    /// A rule without autapses but with multapses (the default), where a node's only possible partner is itself:
    /// there is no connection to draw, so the call must fail (BadProperty) instead of drawing forever. Each call
    /// runs on its own thread with a generous limit; the test stops at the first call that hangs, so that at
    /// most one thread is left spinning.
    /// </summary>
    [Test]
    public void Connect_without_a_possible_partner_fails_instead_of_hanging()
    {
        (string Key, StatusDictionary Spec)[] cases =
        [
            ("indegree", D(("rule", "fixed_indegree"), ("indegree", 1L), ("allow_autapses", false))),
            ("outdegree", D(("rule", "fixed_outdegree"), ("outdegree", 1L), ("allow_autapses", false))),
            ("N", D(("rule", "fixed_total_number"), ("N", 3L), ("allow_autapses", false))),
        ];
        foreach (var (key, spec) in cases)
        {
            using var net = ProbeNetwork.Build();
            var one = net.Neurons[7..8];
            Exception? thrown = null;
            var worker = new Thread(() =>
            {
                try
                {
                    net.Sim.Connect(one, one, spec);
                }
                catch (Exception ex)
                {
                    thrown = ex;
                }
            }) { IsBackground = true };
            worker.Start();
            if (!worker.Join(TimeSpan.FromSeconds(10)))
            {
                Assert.Fail($"Connect(one node, itself, {spec["rule"]}, allow_autapses = false) did not return within 10 s: it draws forever.");
            }

            Assert.That(thrown, Is.TypeOf<BadPropertyException>().With.Message.Contains(key), $"{spec["rule"]}");
            Assert.That(net.Sim.GetKernelStatus<long>("num_connections"), Is.EqualTo(KernelConnections), "nothing was added");
        }
    }

    /// <summary>Connections of the probe network: noise → 40, 6 + 2 per neuron, 40 → recorder.</summary>
    private const long KernelConnections = 40 + 40 * 8 + 40;

    private static StatusDictionary D(string key, object? value) => new() { [key] = value! };

    private static StatusDictionary D(params (string Key, object? Value)[] entries)
    {
        var d = new StatusDictionary();
        foreach (var (key, value) in entries)
        {
            d[key] = value!;
        }

        return d;
    }

    private static string S(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static BadCall Row<TException>(string name, Action<ProbeNetwork> act, params string[] message)
        where TException : Exception => new(name, typeof(TException), message, act);

    /// <summary>The node created last (by an Arrange step).</summary>
    private static NodeCollection Last(ProbeNetwork net) =>
        NodeCollection.FromIds([(int)net.Sim.GetKernelStatus<long>("network_size")]);

    /// <summary>The node created last, which an Arrange step made of <paramref name="model"/>.</summary>
    private static NodeCollection LastOf(ProbeNetwork net, string model)
    {
        var last = Last(net);
        Assert.That(net.Sim.GetStatus(last).Get<string>("model"), Is.EqualTo(model));
        return last;
    }

    private static int Size(ProbeNetwork net) => (int)net.Sim.GetKernelStatus<long>("network_size");

    private static IEnumerable<BadCall> BuildTable()
    {
        // ---- node models: names ----
        yield return Row<UnknownModelNameException>("Create_unknown_model", n => n.Sim.Create("iaf_psc_alpha2", 3), "iaf_psc_alpha2");
        yield return Row<UnknownModelNameException>("Create_of_a_synapse_model", n => n.Sim.Create("static_synapse"), "static_synapse");
        yield return Row<UnknownModelNameException>("SetDefaults_unknown_model", n => n.Sim.SetDefaults("iaf_cond_gamma", D("C_m", 1.0)), "iaf_cond_gamma");
        yield return Row<UnknownModelNameException>("GetDefaults_unknown_model", n => n.Sim.GetDefaults("no_such_model"), "no_such_model");
        yield return Row<UnknownModelNameException>("CopyModel_unknown_source", n => n.Sim.CopyModel("iaf_psc_gamma", "gamma_copy"), "iaf_psc_gamma");
        yield return Row<NewModelNameExistsException>("CopyModel_to_a_builtin_name", n => n.Sim.CopyModel("iaf_psc_alpha", "iaf_psc_exp"), "iaf_psc_exp");
        yield return Row<NewModelNameExistsException>("CopyModel_to_a_synapse_name", n => n.Sim.CopyModel("iaf_psc_alpha", "probe_ex"), "probe_ex");
        yield return Row<NewModelNameExistsException>("CopyModel_to_an_earlier_copy", n => n.Sim.CopyModel("iaf_psc_delta", "my_neuron"), "my_neuron")
            with { Arrange = n => n.Sim.CopyModel("iaf_psc_alpha", "my_neuron") };
        yield return Row<BadPropertyException>("CopyModel_with_a_bad_parameter", n => n.Sim.CopyModel("iaf_psc_alpha", "alpha_bad", D("C_m", -1.0)), "C_m", "-1");
        yield return Row<BadPropertyException>("CopyModel_to_an_empty_name", n => n.Sim.CopyModel("iaf_psc_alpha", " "), "' '");

        // ---- node models: values, for each leaky integrate-and-fire model ----
        foreach (string m in NeuronModels)
        {
            yield return Row<BadPropertyException>($"{m}_SetDefaults_unknown_key", n => n.Sim.SetDefaults(m, D("C_mm", 250.0)), "C_mm", "250");
            yield return Row<BadPropertyException>($"{m}_Create_C_m_zero", n => n.Sim.Create(m, 3, D("C_m", 0.0)), "C_m", "0");
            yield return Row<BadPropertyException>($"{m}_SetDefaults_C_m_negative", n => n.Sim.SetDefaults(m, D("C_m", -250.0)), "C_m", "-250");
            yield return Row<BadPropertyException>($"{m}_SetDefaults_C_m_NaN", n => n.Sim.SetDefaults(m, D("C_m", double.NaN)), "C_m", "NaN");
            yield return Row<BadPropertyException>($"{m}_SetDefaults_tau_m_zero", n => n.Sim.SetDefaults(m, D("tau_m", 0.0)), "tau_m", "0");
            yield return Row<BadPropertyException>($"{m}_Create_tau_m_infinite", n => n.Sim.Create(m, 2, D("tau_m", double.PositiveInfinity)), "tau_m", "Infinity");
            yield return Row<BadPropertyException>($"{m}_SetDefaults_V_th_minus_infinity", n => n.Sim.SetDefaults(m, D("V_th", double.NegativeInfinity)), "V_th", "-Infinity");
            yield return Row<BadPropertyException>($"{m}_SetDefaults_t_ref_negative", n => n.Sim.SetDefaults(m, D("t_ref", -0.1)), "t_ref", "-0.1");
            yield return Row<BadPropertyException>($"{m}_SetDefaults_V_reset_equal_to_V_th", n => n.Sim.SetDefaults(m, D("V_reset", -55.0)), "V_reset", "-55");
            yield return Row<BadPropertyException>($"{m}_Create_V_reset_above_V_th", n => n.Sim.Create(m, 4, D(("V_reset", -50.0), ("V_th", -52.5))), "V_reset", "-50");
            yield return Row<BadPropertyException>($"{m}_SetDefaults_C_m_as_string", n => n.Sim.SetDefaults(m, D("C_m", "250")), "C_m", "'250'");
            yield return Row<BadPropertyException>($"{m}_SetDefaults_tau_m_as_bool", n => n.Sim.SetDefaults(m, D("tau_m", true)), "tau_m", "True");
            yield return Row<BadPropertyException>($"{m}_SetDefaults_I_e_as_array", n => n.Sim.SetDefaults(m, D("I_e", new[] { 1.0, 2.0 })), "I_e");
            yield return Row<BadPropertyException>($"{m}_SetDefaults_V_m_null", n => n.Sim.SetDefaults(m, D("V_m", null)), "V_m", "null");
            yield return Row<BadPropertyException>($"{m}_SetDefaults_E_L_NaN_with_good_keys", n => n.Sim.SetDefaults(m, D(("I_e", 300.0), ("E_L", double.NaN))), "E_L", "NaN");
        }

        foreach (string m in NeuronModels)
        {
            yield return Row<BadPropertyException>($"{m}_Create_C_m_denormal", n => n.Sim.Create(m, 2, D("C_m", 1e-320)), "C_m", "1E-320");
            yield return Row<BadPropertyException>($"{m}_SetStatus_V_m_minus_E_L_overflows", n => n.Sim.SetStatus(LastOf(n, m), D(("V_m", 1e308), ("E_L", -1e308))), "E_L", "-1E+308")
                with { Arrange = n => n.Sim.Create(m) };
            yield return Row<BadPropertyException>($"{m}_SetDefaults_V_th_minus_E_L_overflows", n => n.Sim.SetDefaults(m, D(("V_th", 1.5e308), ("V_reset", -1e308), ("E_L", -1e308))), "V_th", "-1E+308");
            yield return Row<BadPropertyException>($"{m}_SetStatus_tau_m_denormal", n => n.Sim.SetStatus(LastOf(n, m), D("tau_m", 1e-320)), "tau_m", "1E-320")
                with { Arrange = n => n.Sim.Create(m) };
            // Create and SetStatus draw a distribution per node (NodeParameterDraws); the model's defaults take numbers only.
            yield return Row<BadPropertyException>($"{m}_SetDefaults_V_m_as_a_distribution", n => n.Sim.SetDefaults(m, D("V_m", D(("distribution", "uniform"), ("min", -70.0), ("max", -55.0)))),
                "V_m", "a dictionary with keys 'distribution', 'min', 'max'", "per node");
        }

        yield return Row<BadPropertyException>("iaf_psc_alpha_Create_tau_syn_ex_denormal", n => n.Sim.Create("iaf_psc_alpha", 2, D("tau_syn_ex", 1e-320)), "tau_syn_ex", "1E-320");
        yield return Row<BadPropertyException>("iaf_psc_exp_SetStatus_tau_syn_in_denormal", n => n.Sim.SetStatus(Last(n), D("tau_syn_in", 1e-320)), "tau_syn_in", "1E-320")
            with { Arrange = n => n.Sim.Create("iaf_psc_exp") };
        yield return Row<BadPropertyException>("SetStatus_read_only_recordables_names_the_value", n => n.Sim.SetStatus(n.Neurons[..1], D("recordables", new[] { "V_m", "I_syn_ex", "I_syn_in" })),
            "recordables", "an array of 3 strings ['V_m', 'I_syn_ex', 'I_syn_in']");
        yield return Row<BadPropertyException>("poisson_generator_rate_1e14", n => n.Sim.SetStatus(n.Noise, D("rate", 1e14)), "rate", "100000000000000");
        yield return Row<BadPropertyException>("Connect_indegree_ulong_1e19", n => n.Sim.Connect(n.Neurons, n.Neurons, D(("rule", "fixed_indegree"), ("indegree", 10_000_000_000_000_000_000UL))), "indegree", "10000000000000000000");
        yield return Row<BadPropertyException>("Connect_indegree_double_1e19", n => n.Sim.Connect(n.Neurons, n.Neurons, D(("rule", "fixed_indegree"), ("indegree", 1e19))), "indegree", "1E+19");
        yield return Row<BadPropertyException>("SetKernelStatus_rng_seed_ulong_MaxValue", n => n.Sim.SetKernelStatus(D("rng_seed", ulong.MaxValue)), "rng_seed", "18446744073709551615");
        yield return Row<BadPropertyException>("iaf_psc_alpha_SetDefaults_tau_syn_ex_zero", n => n.Sim.SetDefaults("iaf_psc_alpha", D("tau_syn_ex", 0.0)), "tau_syn_ex", "0");
        yield return Row<BadPropertyException>("iaf_psc_alpha_SetDefaults_tau_syn_in_NaN", n => n.Sim.SetDefaults("iaf_psc_alpha", D("tau_syn_in", double.NaN)), "tau_syn_in", "NaN");
        yield return Row<BadPropertyException>("iaf_psc_alpha_SetDefaults_V_min_above_V_th", n => n.Sim.SetDefaults("iaf_psc_alpha", D("V_min", -50.0)), "V_min", "-50");
        yield return Row<BadPropertyException>("iaf_psc_exp_SetDefaults_tau_syn_in_negative", n => n.Sim.SetDefaults("iaf_psc_exp", D("tau_syn_in", -1.0)), "tau_syn_in", "-1");
        yield return Row<BadPropertyException>("iaf_psc_exp_SetDefaults_V_min_is_not_a_parameter", n => n.Sim.SetDefaults("iaf_psc_exp", D("V_min", -80.0)), "V_min");
        yield return Row<BadPropertyException>("iaf_psc_delta_SetDefaults_tau_syn_ex_is_not_a_parameter", n => n.Sim.SetDefaults("iaf_psc_delta", D("tau_syn_ex", 2.0)), "tau_syn_ex");
        yield return Row<BadPropertyException>("iaf_psc_delta_Create_refractory_input_as_string", n => n.Sim.Create("iaf_psc_delta", 2, D("refractory_input", "yes")), "refractory_input", "'yes'");

        // ---- node status on the network's neurons (transactional over keys and nodes) ----
        yield return Row<BadPropertyException>("SetStatus_C_m_negative_on_all_neurons", n => n.Sim.SetStatus(n.Neurons, D(("I_e", 500.0), ("C_m", -1.0))), "C_m", "-1");
        yield return Row<BadPropertyException>("SetStatus_per_node_values_with_the_last_bad", n => n.Sim.SetStatus(n.Neurons, "C_m", [.. Enumerable.Repeat(200.0, 39), 0.0]), "C_m", "0");
        yield return Row<BadPropertyException>("SetStatus_per_node_dictionaries_with_one_bad", n => n.Sim.SetStatus(n.Neurons,
            [.. Enumerable.Range(0, 40).Select(i => i == 17 ? D("tau_m", -3.0) : D("I_e", 100.0 + i))]), "tau_m", "-3");
        yield return Row<BadPropertyException>("SetStatus_read_only_global_id", n => n.Sim.SetStatus(n.Neurons[..1], D("global_id", 7L)), "global_id");
        yield return Row<BadPropertyException>("SetStatus_read_only_model", n => n.Sim.SetStatus(n.Neurons[..1], D("model", "iaf_psc_exp")), "model");
        yield return Row<BadPropertyException>("SetStatus_recordable_I_syn_ex", n => n.Sim.SetStatus(n.Neurons, D("I_syn_ex", 5.0)), "I_syn_ex");
        yield return Row<BadPropertyException>("SetStatus_unknown_key_on_one_id", n => n.Sim.SetStatus(3, D("tau_mem", 20.0)), "tau_mem");
        yield return Row<BadPropertyException>("SetStatus_V_th_NaN_on_one_id", n => n.Sim.SetStatus(5, D("V_th", double.NaN)), "V_th", "NaN");
        yield return Row<ArgumentException>("SetStatus_value_list_of_wrong_length", n => n.Sim.SetStatus(n.Neurons, "I_e", [1.0, 2.0, 3.0]), "40", "3");
        yield return Row<ArgumentException>("SetStatus_dictionary_list_of_wrong_length", n => n.Sim.SetStatus(n.Neurons, [D("I_e", 1.0), D("I_e", 2.0)]), "40", "2");

        // ---- synapse models ----
        yield return Row<BadPropertyException>("SetDefaults_synapse_weight_NaN", n => n.Sim.SetDefaults("static_synapse", D("weight", double.NaN)), "weight", "NaN");
        yield return Row<BadDelayException>("SetDefaults_synapse_delay_below_resolution", n => n.Sim.SetDefaults("probe_ex", D("delay", 0.01)), "0.01");
        yield return Row<BadPropertyException>("SetDefaults_synapse_read_only_num_connections", n => n.Sim.SetDefaults("probe_ex", D("num_connections", 5L)), "num_connections");
        yield return Row<BadPropertyException>("SetDefaults_synapse_unknown_key", n => n.Sim.SetDefaults("static_synapse", D(("weight", 3.0), ("receptor_type", 1L))), "receptor_type");
        yield return Row<BadDelayException>("CopyModel_synapse_negative_delay", n => n.Sim.CopyModel("static_synapse", "syn_bad", D("delay", -1.0)), "-1");
        yield return Row<BadPropertyException>("CopyModel_synapse_weight_as_string", n => n.Sim.CopyModel("static_synapse", "syn_bad", D("weight", "heavy")), "weight", "'heavy'");

        // ---- devices ----
        yield return Row<BadPropertyException>("poisson_generator_negative_rate", n => n.Sim.SetStatus(n.Noise, D("rate", -1.0)), "rate", "-1");
        yield return Row<BadPropertyException>("poisson_generator_rate_NaN", n => n.Sim.SetStatus(n.Noise, D("rate", double.NaN)), "rate", "NaN");
        yield return Row<BadPropertyException>("poisson_generator_rate_infinite", n => n.Sim.SetStatus(n.Noise, D("rate", double.PositiveInfinity)), "rate", "Infinity");
        yield return Row<BadPropertyException>("poisson_generator_stop_before_start", n => n.Sim.SetStatus(n.Noise, D(("start", 50.0), ("stop", 10.0))), "stop", "50", "10");
        yield return Row<BadPropertyException>("poisson_generator_good_rate_with_negative_stop", n => n.Sim.SetStatus(n.Noise, D(("rate", 1e5), ("stop", -5.0))), "stop", "-5");
        yield return Row<BadPropertyException>("poisson_generator_unknown_key", n => n.Sim.SetStatus(n.Noise, D(("rate", 5.0), ("amplitude", 1.0))), "amplitude");
        yield return Row<BadPropertyException>("poisson_generator_origin_infinite", n => n.Sim.SetStatus(n.Noise, D("origin", double.PositiveInfinity)), "origin", "Infinity");
        yield return Row<BadPropertyException>("poisson_generator_start_off_grid", n => n.Sim.SetStatus(n.Noise, D("start", 0.05)), "start", "0.05");
        yield return Row<BadPropertyException>("poisson_generator_SetDefaults_negative_rate", n => n.Sim.SetDefaults("poisson_generator", D("rate", -0.5)), "rate", "-0.5");
        yield return Row<BadPropertyException>("spike_generator_unsorted_times", n => n.Sim.Create("spike_generator", 1, D("spike_times", new[] { 5.0, 3.0 })), "spike_times", "5", "3");
        yield return Row<BadPropertyException>("spike_generator_negative_time", n => n.Sim.Create("spike_generator", 1, D("spike_times", new[] { -1.0, 2.0 })), "spike_times", "-1");
        yield return Row<BadPropertyException>("spike_generator_NaN_time", n => n.Sim.Create("spike_generator", 1, D("spike_times", new[] { 1.0, double.NaN })), "spike_times", "NaN");
        yield return Row<BadPropertyException>("spike_generator_times_as_string", n => n.Sim.Create("spike_generator", 1, D("spike_times", "1.0, 2.0")), "spike_times");
        yield return Row<BadPropertyException>("spike_generator_weights_length_mismatch", n => n.Sim.Create("spike_generator", 1,
            D(("spike_times", new[] { 1.0, 2.0, 3.0 }), ("spike_weights", new[] { 1.0, 2.0 }))), "spike_weights", "2", "3");
        yield return Row<BadPropertyException>("spike_generator_precise_times", n => n.Sim.Create("spike_generator", 1, D("precise_times", true)), "precise_times");
        // NEST checks the grid when the times are set (spike_generator: "Time point … is not representable in current resolution").
        yield return Row<BadPropertyException>("spike_generator_time_off_grid", n => n.Sim.Create("spike_generator", 1, D("spike_times", new[] { 1.0, 2.05 })), "spike_times", "2.05");
        yield return Row<BadPropertyException>("spike_recorder_unknown_record_to", n => n.Sim.SetStatus(n.Recorder, D("record_to", "hdf5")), "record_to", "hdf5");
        yield return Row<BadPropertyException>("spike_recorder_n_events_not_zero", n => n.Sim.SetStatus(n.Recorder, D("n_events", 5L)), "n_events", "5");
        yield return Row<BadPropertyException>("spike_recorder_withgid_false", n => n.Sim.SetStatus(n.Recorder, D("withgid", false)), "withgid");
        yield return Row<BadPropertyException>("spike_recorder_label_with_path_separator", n => n.Sim.SetStatus(n.Recorder, D("label", "a/b")), "label", "a/b");
        yield return Row<BadPropertyException>("spike_recorder_start_NaN", n => n.Sim.SetStatus(n.Recorder, D("start", double.NaN)), "start", "NaN");
        yield return Row<BadPropertyException>("spike_recorder_unknown_key", n => n.Sim.SetStatus(n.Recorder, D("to_screen", true)), "to_screen");
        yield return Row<BadPropertyException>("spike_recorder_SetDefaults_unknown_record_to", n => n.Sim.SetDefaults("spike_recorder", D("record_to", "database")), "record_to", "database");
        yield return Row<BadPropertyException>("voltmeter_zero_interval", n => n.Sim.Create("voltmeter", 1, D("interval", 0.0)), "interval", "0");
        yield return Row<BadPropertyException>("multimeter_negative_interval", n => n.Sim.Create("multimeter", 1, D("interval", -1.0)), "interval", "-1");
        // NEST checks the grid when the interval is set ("The sampling interval must be a multiple of the simulation resolution").
        yield return Row<BadPropertyException>("multimeter_interval_off_grid", n => n.Sim.Create("multimeter", 1, D(("record_from", new[] { "V_m" }), ("interval", 0.25 + 0.01))), "interval", "0.26");
        yield return Row<BadPropertyException>("multimeter_record_from_not_a_list", n => n.Sim.Create("multimeter", 1, D("record_from", 5.0)), "record_from", "5");
        yield return Row<BadPropertyException>("multimeter_record_from_twice", n => n.Sim.Create("multimeter", 1, D("record_from", new[] { "V_m", "V_m" })), "record_from", "V_m");
        yield return Row<BadPropertyException>("multimeter_n_events_not_zero", n => n.Sim.SetDefaults("multimeter", D("n_events", 3L)), "n_events", "3");
        // NEST refuses the connection: "Cannot connect with unknown recordable g_ex".
        yield return Row<IllegalConnectionException>("multimeter_unknown_recordable", n => n.Sim.Connect(Last(n), n.Neurons[..3]), "g_ex")
            with { Arrange = n => n.Sim.Create("multimeter", 1, D("record_from", new[] { "V_m", "g_ex" })) };
        yield return Row<BadPropertyException>("dc_generator_amplitude_NaN", n => n.Sim.Create("dc_generator", 1, D("amplitude", double.NaN)), "amplitude", "NaN");

        // ---- kernel status ----
        yield return Row<BadPropertyException>("resolution_zero", n => n.Sim.SetKernelStatus(D("resolution", 0.0)), "resolution", "0");
        yield return Row<BadPropertyException>("resolution_negative", n => n.Sim.SetKernelStatus(D("resolution", -0.1)), "resolution", "-0.1");
        yield return Row<BadPropertyException>("resolution_NaN", n => n.Sim.SetKernelStatus(D("resolution", double.NaN)), "resolution", "NaN");
        yield return Row<BadPropertyException>("resolution_below_the_tic", n => n.Sim.SetKernelStatus(D("resolution", 0.0005)), "resolution", "0.0005");
        yield return Row<KernelStateErrorException>("resolution_changed_after_Create", n => n.Sim.SetKernelStatus(D("resolution", 0.2)), "resolution", "0.2");
        foreach (string key in new[] { "network_size", "num_connections", "biological_time", "min_delay", "max_delay", "node_models", "tics_per_ms" })
        {
            yield return Row<BadPropertyException>($"kernel_read_only_{key}", n => n.Sim.SetKernelStatus(D(key, 1.0)), key);
        }

        yield return Row<BadPropertyException>("kernel_unknown_key", n => n.Sim.SetKernelStatus(D("resolutoin", 0.1)), "resolutoin");
        yield return Row<BadPropertyException>("local_num_threads_zero", n => n.Sim.SetKernelStatus(D("local_num_threads", 0L)), "local_num_threads", "0");
        yield return Row<BadPropertyException>("local_num_threads_negative", n => n.Sim.SetKernelStatus(D("local_num_threads", -2L)), "local_num_threads", "-2");
        yield return Row<BadPropertyException>("local_num_threads_fractional", n => n.Sim.SetKernelStatus(D("local_num_threads", 1.5)), "local_num_threads", "1.5");
        yield return Row<BadPropertyException>("rng_seed_zero", n => n.Sim.SetKernelStatus(D("rng_seed", 0L)), "rng_seed", "0");
        yield return Row<BadPropertyException>("rng_seed_negative", n => n.Sim.SetKernelStatus(D("rng_seed", -5L)), "rng_seed", "-5");
        yield return Row<BadPropertyException>("rng_seed_above_2_to_the_32", n => n.Sim.SetKernelStatus(D("rng_seed", 1L << 32)), "rng_seed", "4294967296");
        yield return Row<BadPropertyException>("rng_seed_as_string", n => n.Sim.SetKernelStatus(D("rng_seed", "abc")), "rng_seed", "'abc'");
        yield return Row<BadPropertyException>("rng_seed_good_with_threads_bad", n => n.Sim.SetKernelStatus(D(("rng_seed", 7L), ("local_num_threads", 0L))), "local_num_threads");
        yield return Row<BadPropertyException>("data_path_missing", n => n.Sim.SetKernelStatus(D("data_path", "/nonexistent/nk-no-such-dir")), "data_path", "/nonexistent/nk-no-such-dir");
        yield return Row<BadPropertyException>("data_prefix_with_separator", n => n.Sim.SetKernelStatus(D("data_prefix", "run/1_")), "data_prefix", "run/1_");
        yield return Row<BadPropertyException>("print_time_as_string", n => n.Sim.SetKernelStatus(D("print_time", "yes")), "print_time", "'yes'");
        yield return Row<BadPropertyException>("overwrite_files_as_integer", n => n.Sim.SetKernelStatus(D("overwrite_files", 1L)), "overwrite_files", "1");
        yield return Row<BadPropertyException>("GetKernelStatus_unknown_key", n => n.Sim.GetKernelStatus<double>("no_such_key"), "no_such_key");
        yield return Row<BadPropertyException>("GetKernelStatus_wrong_type", n => n.Sim.GetKernelStatus<string>("resolution"), "resolution");

        // ---- Connect: rules and their parameters ----
        yield return Row<UnknownConnectionRuleException>("Connect_unknown_rule", n => n.Sim.Connect(n.Excitatory, n.Neurons, "all_to_some"), "all_to_some");
        yield return Row<BadPropertyException>("Connect_rule_not_a_string", n => n.Sim.Connect(n.Excitatory, n.Neurons, D("rule", 3L)), "rule", "3");
        yield return Row<BadPropertyException>("Connect_fixed_indegree_without_indegree", n => n.Sim.Connect(n.Excitatory, n.Neurons, "fixed_indegree"), "indegree");
        yield return Row<BadPropertyException>("Connect_fixed_indegree_negative", n => n.Sim.Connect(n.Excitatory, n.Neurons, D(("rule", "fixed_indegree"), ("indegree", -1L))), "indegree", "-1");
        yield return Row<BadPropertyException>("Connect_fixed_indegree_fractional", n => n.Sim.Connect(n.Excitatory, n.Neurons, D(("rule", "fixed_indegree"), ("indegree", 2.5))), "indegree", "2.5");
        yield return Row<BadPropertyException>("Connect_fixed_indegree_above_sources_without_multapses", n => n.Sim.Connect(n.Excitatory, n.Neurons,
            D(("rule", "fixed_indegree"), ("indegree", 31L), ("allow_multapses", false))), "indegree", "31");
        yield return Row<BadPropertyException>("Connect_fixed_outdegree_without_outdegree", n => n.Sim.Connect(n.Excitatory, n.Neurons, "fixed_outdegree"), "outdegree");
        yield return Row<BadPropertyException>("Connect_fixed_outdegree_negative", n => n.Sim.Connect(n.Excitatory, n.Neurons, D(("rule", "fixed_outdegree"), ("outdegree", -3L))), "outdegree", "-3");
        yield return Row<BadPropertyException>("Connect_fixed_total_number_without_N", n => n.Sim.Connect(n.Excitatory, n.Neurons, "fixed_total_number"), "N");
        yield return Row<BadPropertyException>("Connect_fixed_total_number_negative", n => n.Sim.Connect(n.Excitatory, n.Neurons, D(("rule", "fixed_total_number"), ("N", -1L))), "N", "-1");
        yield return Row<BadPropertyException>("Connect_fixed_total_number_above_pairs_without_multapses", n => n.Sim.Connect(n.Neurons[..2], n.Neurons[..2],
            D(("rule", "fixed_total_number"), ("N", 5L), ("allow_multapses", false))), "N", "5");
        yield return Row<BadPropertyException>("Connect_pairwise_bernoulli_p_above_1", n => n.Sim.Connect(n.Excitatory, n.Neurons, D(("rule", "pairwise_bernoulli"), ("p", 1.5))), "p", "1.5");
        yield return Row<BadPropertyException>("Connect_pairwise_bernoulli_p_negative", n => n.Sim.Connect(n.Excitatory, n.Neurons, D(("rule", "pairwise_bernoulli"), ("p", -0.1))), "p", "-0.1");
        yield return Row<BadPropertyException>("Connect_pairwise_bernoulli_p_NaN", n => n.Sim.Connect(n.Excitatory, n.Neurons, D(("rule", "pairwise_bernoulli"), ("p", double.NaN))), "p", "NaN");
        yield return Row<BadPropertyException>("Connect_pairwise_bernoulli_without_p", n => n.Sim.Connect(n.Excitatory, n.Neurons, "pairwise_bernoulli"), "p");
        yield return Row<BadPropertyException>("Connect_misspelled_rule_key", n => n.Sim.Connect(n.Excitatory, n.Neurons, D(("rule", "fixed_indegree"), ("indegree", 2L), ("indgree", 2L))), "indgree");
        yield return Row<BadPropertyException>("Connect_allow_autapses_as_string", n => n.Sim.Connect(n.Excitatory, n.Neurons, D(("rule", "all_to_all"), ("allow_autapses", "no"))), "allow_autapses", "'no'");
        yield return Row<BadPropertyException>("Connect_one_to_one_with_indegree", n => n.Sim.Connect(n.Neurons, n.Neurons, D(("rule", "one_to_one"), ("indegree", 1L))), "indegree");
        yield return Row<DimensionMismatchException>("Connect_one_to_one_sizes_differ", n => n.Sim.Connect(n.Neurons, n.Neurons[1..], "one_to_one"), "40", "39");
        yield return Row<DimensionMismatchException>("Connect_id_arrays_of_different_length", n => n.Sim.Connect([1, 2, 3], [4, 5]), "3", "2");
        yield return Row<IllegalConnectionException>("Connect_empty_sources", n => n.Sim.Connect(NodeCollection.Empty, n.Neurons), "0");
        yield return Row<IllegalConnectionException>("Connect_empty_targets", n => n.Sim.Connect(n.Neurons, n.Neurons[5..5]), "0");
        yield return Row<IllegalConnectionException>("Connect_empty_source_array", n => n.Sim.Connect(ReadOnlySpan<int>.Empty, 3), "empty");
        yield return Row<IllegalConnectionException>("Connect_into_a_poisson_generator", n => n.Sim.Connect(n.Neurons, n.Noise), "poisson_generator");
        yield return Row<IllegalConnectionException>("Connect_into_a_voltmeter", n => n.Sim.Connect(n.Neurons, Last(n)), "voltmeter")
            with { Arrange = n => n.Sim.Create("voltmeter") };
        yield return Row<IllegalConnectionException>("Connect_from_a_spike_recorder", n => n.Sim.Connect(n.Recorder, n.Neurons), "spike_recorder");
        yield return Row<IllegalConnectionException>("Connect_dc_generator_to_a_recorder", n => n.Sim.Connect(Last(n), n.Recorder), "spike_recorder")
            with { Arrange = n => n.Sim.Create("dc_generator", 1, D("amplitude", 100.0)) };
        yield return Row<IllegalConnectionException>("Connect_mixing_current_and_spike_sources", n => n.Sim.Connect(n.Noise + Last(n), n.Neurons), "cannot mix")
            with { Arrange = n => n.Sim.Create("dc_generator", 1, D("amplitude", 100.0)) };
        yield return Row<IllegalConnectionException>("Connect_multimeter_with_fixed_indegree", n => n.Sim.Connect(Last(n), n.Neurons, D(("rule", "fixed_indegree"), ("indegree", 1L))), "fixed_indegree")
            with { Arrange = n => n.Sim.Create("multimeter", 1, D("record_from", new[] { "V_m" })) };
        yield return Row<IllegalConnectionException>("Connect_id_array_into_a_poisson_generator", n => n.Sim.Connect([1, 2, 3], n.Noise[0]), "poisson_generator");

        // ---- Connect: synapse specifications ----
        yield return Row<BadDelayException>("Connect_delay_below_resolution", n => n.Sim.Connect(n.Excitatory, n.Neurons, syn: new SynSpec("static_synapse", 1.0, 0.04)), "0.04");
        yield return Row<BadDelayException>("Connect_delay_negative", n => n.Sim.Connect(n.Excitatory, n.Neurons, syn: D("delay", -1.0)), "-1");
        yield return Row<BadDelayException>("Connect_delay_zero_from_id_array", n => n.Sim.Connect([1, 2], 3, new SynSpec("static_synapse", 1.0, 0.0)), "delay = 0");
        yield return Row<BadDelayException>("Connect_delay_NaN", n => n.Sim.Connect(n.Excitatory, n.Neurons, syn: D("delay", double.NaN)), "delay", "NaN");
        yield return Row<BadDelayException>("Connect_delay_infinite", n => n.Sim.Connect(n.Excitatory, n.Neurons, syn: D("delay", double.PositiveInfinity)), "delay", "Infinity");
        yield return Row<BadDelayException>("SynSpec_delay_NaN", n => n.Sim.Connect(n.Excitatory, n.Neurons, syn: new SynSpec("static_synapse", 1.0, double.NaN)), "delay", "NaN");
        yield return Row<BadDelayException>("SetDefaults_synapse_delay_infinite", n => n.Sim.SetDefaults("static_synapse", D("delay", double.PositiveInfinity)), "delay", "Infinity");
        yield return Row<BadPropertyException>("SynSpec_weight_NaN", n => n.Sim.Connect(n.Excitatory, n.Neurons, syn: new SynSpec("static_synapse", weight: double.NaN)), "weight", "NaN");
        yield return Row<BadPropertyException>("SynSpec_weight_infinite_from_a_poisson_generator", n => n.Sim.Connect(n.Noise, n.Neurons, syn: new SynSpec("static_synapse", weight: double.PositiveInfinity)), "weight", "Infinity");
        yield return Row<BadPropertyException>("SynSpec_weight_minus_infinity_on_the_span_overload", n => n.Sim.Connect([1, 2, 3], 5, new SynSpec("static_synapse", weight: double.NegativeInfinity)), "weight", "-Infinity");
        yield return Row<BadPropertyException>("SynSpec_weight_NaN_from_a_dc_generator", n => n.Sim.Connect(Last(n), n.Neurons, syn: new SynSpec("static_synapse", weight: double.NaN)), "weight", "NaN")
            with { Arrange = n => n.Sim.Create("dc_generator", 1, D("amplitude", 100.0)) };
        yield return Row<BadPropertyException>("Connect_lognormal_weight_that_overflows", n => n.Sim.Connect(n.Excitatory, n.Neurons,
            D(("rule", "fixed_indegree"), ("indegree", 3L)), D("weight", D(("distribution", "lognormal"), ("mean", 1000.0), ("std", 1.0)))), "weight", "Infinity");
        yield return Row<BadPropertyException>("Connect_exponential_weight_that_overflows", n => n.Sim.Connect(n.Excitatory, n.Neurons,
            D(("rule", "fixed_indegree"), ("indegree", 3L)), D("weight", D(("distribution", "exponential"), ("beta", 1e308)))), "weight", "Infinity");
        yield return Row<BadPropertyException>("Connect_weight_as_float_array", n => n.Sim.Connect(n.Excitatory, n.Neurons, syn: D("weight", new[] { 1f, 2f })),
            "weight", "an array of 2 numbers (Single[]) [1, 2]");
        yield return Row<BadDelayException>("Connect_delay_1e9_ms", n => n.Sim.Connect(n.Excitatory, n.Neurons, syn: D("delay", 1e9)), "1000000000");
        yield return Row<BadDelayException>("Connect_delay_drawn_below_resolution_midway", n => n.Sim.Connect(n.Excitatory, n.Neurons,
            D(("rule", "fixed_indegree"), ("indegree", 3L)),
            D(("synapse_model", "probe_ex"), ("delay", D(("distribution", "uniform"), ("min", 0.0), ("max", 1.0))))), "delay");
        yield return Row<UnknownSynapseTypeException>("Connect_unknown_synapse_model", n => n.Sim.Connect(n.Excitatory, n.Neurons, syn: "stdp_synapse_x"), "stdp_synapse_x");
        yield return Row<UnknownSynapseTypeException>("Connect_node_model_as_synapse", n => n.Sim.Connect(n.Excitatory, n.Neurons, syn: "iaf_psc_alpha"), "iaf_psc_alpha");
        yield return Row<BadPropertyException>("Connect_misspelled_syn_key", n => n.Sim.Connect(n.Excitatory, n.Neurons, syn: D(("synapse_model", "probe_ex"), ("wieght", 2.0))), "wieght");
        yield return Row<BadPropertyException>("Connect_weight_NaN", n => n.Sim.Connect(n.Excitatory, n.Neurons, syn: D("weight", double.NaN)), "weight", "NaN");
        yield return Row<BadPropertyException>("Connect_weight_as_string", n => n.Sim.Connect(n.Excitatory, n.Neurons, syn: D("weight", "1.0")), "weight", "'1.0'");
        yield return Row<BadPropertyException>("Connect_synapse_model_not_a_string", n => n.Sim.Connect(n.Excitatory, n.Neurons, syn: D("synapse_model", 5L)), "synapse_model", "5");
        yield return Row<BadPropertyException>("Connect_all_to_all_weight_matrix_of_wrong_shape", n => n.Sim.Connect(n.Excitatory, n.Neurons, syn: D("weight", new double[2, 3])), "weight", "[2, 3]");
        yield return Row<BadPropertyException>("Connect_all_to_all_weight_vector", n => n.Sim.Connect(n.Excitatory, n.Neurons, syn: D("weight", new double[5])), "weight", "length 5");
        yield return Row<BadPropertyException>("Connect_one_to_one_weights_of_wrong_length", n => n.Sim.Connect(n.Neurons, n.Neurons, "one_to_one", D("weight", new double[3])), "weight", "length 3");
        yield return Row<BadPropertyException>("Connect_fixed_indegree_delay_matrix_of_wrong_shape", n => n.Sim.Connect(n.Excitatory, n.Neurons,
            D(("rule", "fixed_indegree"), ("indegree", 2L)), D("delay", new double[40, 3])), "delay", "[40, 3]");
        yield return Row<BadPropertyException>("Connect_weight_array_with_NaN", n => n.Sim.Connect(n.Neurons, n.Neurons, "one_to_one",
            D("weight", Enumerable.Range(0, 40).Select(i => i == 20 ? double.NaN : 1.0).ToArray())), "weight", "NaN");
        yield return Row<BadDelayException>("Connect_delay_array_with_NaN", n => n.Sim.Connect(n.Neurons, n.Neurons, "one_to_one",
            D("delay", Enumerable.Range(0, 40).Select(i => i == 7 ? double.NaN : 1.0).ToArray())), "delay[7]", "NaN");
        yield return Row<BadPropertyException>("Connect_pairwise_bernoulli_with_weight_array", n => n.Sim.Connect(n.Excitatory, n.Neurons,
            D(("rule", "pairwise_bernoulli"), ("p", 0.1)), D("weight", new double[40, 30])), "weight");
        yield return Row<BadPropertyException>("Connect_ragged_weight_array", n => n.Sim.Connect(n.Neurons[..2], n.Neurons[..2], syn: D("weight", new[] { new[] { 1.0, 2.0 }, new[] { 3.0 } })), "weight");
        yield return Row<BadPropertyException>("Connect_unknown_distribution", n => n.Sim.Connect(n.Excitatory, n.Neurons, syn: D("weight", D("distribution", "gamma"))), "gamma");
        yield return Row<BadPropertyException>("Connect_uniform_min_above_max", n => n.Sim.Connect(n.Excitatory, n.Neurons,
            syn: D("weight", D(("distribution", "uniform"), ("min", 2.0), ("max", 1.0)))), "weight", "min = 2");
        yield return Row<BadPropertyException>("Connect_normal_negative_std", n => n.Sim.Connect(n.Excitatory, n.Neurons,
            syn: D("weight", D(("distribution", "normal"), ("mean", 2.0), ("std", -1.0)))), "weight", "std = -1");
        yield return Row<BadPropertyException>("Connect_distribution_without_name", n => n.Sim.Connect(n.Excitatory, n.Neurons, syn: D("weight", D("mean", 2.0))), "weight", "distribution");
        yield return Row<BadPropertyException>("Connect_explicit_weights_of_wrong_length", n => n.Sim.Connect([1, 2, 3], 5, D("weight", new[] { 1.0, 2.0 })), "weight", "length 2");

        // ---- node ids ----
        yield return Row<UnknownNodeException>("GetStatus_node_0", n => n.Sim.GetStatus(0), "0");
        yield return Row<UnknownNodeException>("GetStatus_negative_node", n => n.Sim.GetStatus(-3), "-3");
        yield return Row<UnknownNodeException>("GetStatus_beyond_network_size", n => n.Sim.GetStatus(Size(n) + 1), "43");
        yield return Row<UnknownNodeException>("SetStatus_beyond_network_size", n => n.Sim.SetStatus(1000, D("I_e", 5.0)), "1000");
        yield return Row<UnknownNodeException>("SetStatus_one_known_and_one_unknown_node", n => n.Sim.SetStatus(NodeCollection.FromIds([1, 2, 500]), D("I_e", 400.0)), "500");
        yield return Row<UnknownNodeException>("Connect_source_id_0", n => n.Sim.Connect([0, 1], 3), "0");
        yield return Row<UnknownNodeException>("Connect_target_id_beyond_network_size", n => n.Sim.Connect([1, 2], 100_000), "100000");
        yield return Row<UnknownNodeException>("Connect_collection_with_unknown_node", n => n.Sim.Connect(NodeCollection.FromIds([1, 9999]), n.Neurons), "9999");
        yield return Row<UnknownNodeException>("GetConnections_unknown_source", n => n.Sim.GetConnections(source: NodeCollection.FromIds([777])), "777");
        yield return Row<UnknownSynapseTypeException>("GetConnections_unknown_synapse_model", n => n.Sim.GetConnections(synapseModel: "nope_synapse"), "nope_synapse");
        yield return Row<BadPropertyException>("GetStatus_unknown_key", n => n.Sim.GetStatus<double>(n.Neurons, "V_mm"), "V_mm");
        yield return Row<ArgumentOutOfRangeException>("NodeCollection_FromIds_with_0", _ => NodeCollection.FromIds([3, 0]), "ids");

        // ---- NodeCollection slicing ----
        yield return Row<ArgumentOutOfRangeException>("Slice_past_the_end", n => _ = n.Neurons[..41], "41");
        yield return Row<ArgumentOutOfRangeException>("Index_past_the_end", n => _ = n.Neurons[40], "40");
        yield return Row<ArgumentOutOfRangeException>("Index_negative", n => _ = n.Neurons[-1], "-1");
        yield return Row<ArgumentOutOfRangeException>("Slice_negative_length", n => n.Neurons.Slice(5, -1), "5");
        yield return Row<ArgumentOutOfRangeException>("Slice_from_end_before_start", n => _ = n.Neurons[^41..], "start");
        yield return Row<ArgumentOutOfRangeException>("Slice_of_a_slice_past_its_end", n => _ = n.Neurons[10..20][5..11], "11");

        // ---- file output ----
        yield return Row<IOErrorException>("Simulate_with_an_existing_spike_file", n => n.Sim.Simulate(10.0), "exists-")
            with
            {
                Arrange = n =>
                {
                    n.Sim.SetKernelStatus(D("data_path", n.Directory));
                    var rec = n.Sim.Create("spike_recorder", 1, D(("record_to", "ascii"), ("label", "exists")));
                    File.WriteAllText(Path.Combine(n.Directory, $"exists-{rec[0]}-0.dat"), "keep\n");
                },
                Repair = n =>
                {
                    var rec = Last(n);
                    Assert.That(File.ReadAllText(Path.Combine(n.Directory, $"exists-{rec[0]}-0.dat")), Is.EqualTo("keep\n"), "the existing file is kept");
                    n.Sim.SetStatus(rec, D("record_to", "memory"));
                },
            };
        yield return Row<IOErrorException>("Simulate_with_an_existing_voltmeter_file", n => n.Sim.Simulate(10.0), "vm-exists-")
            with
            {
                Arrange = n =>
                {
                    n.Sim.SetKernelStatus(D("data_path", n.Directory));
                    var vm = n.Sim.Create("voltmeter", 1, D(("record_to", "ascii"), ("label", "vm-exists")));
                    File.WriteAllText(Path.Combine(n.Directory, $"vm-exists-{vm[0]}-0.dat"), "keep\n");
                },
                Repair = n => n.Sim.SetStatus(Last(n), D("record_to", "memory")),
            };

        // ---- Simulate ----
        yield return Row<BadParameterException>("Simulate_negative", n => n.Sim.Simulate(-1.0), "-1");
        yield return Row<BadParameterException>("Simulate_NaN", n => n.Sim.Simulate(double.NaN), "NaN");
        yield return Row<BadParameterException>("Simulate_infinite", n => n.Sim.Simulate(double.PositiveInfinity), "Infinity");
        yield return Row<BadParameterException>("Simulate_off_grid", n => n.Sim.Simulate(0.05), "0.05");
        yield return Row<BadParameterException>("Simulate_just_off_grid", n => n.Sim.Simulate(10.01), "10.01");
        // Times the step counter cannot hold, and times off the grid by less than the old relative tolerance.
        yield return Row<BadParameterException>("Simulate_1e300", n => n.Sim.Simulate(1e300), "1E+300");
        yield return Row<BadParameterException>("Simulate_1e18", n => n.Sim.Simulate(1e18), "1E+18");
        yield return Row<BadParameterException>("Simulate_double_MaxValue", n => n.Sim.Simulate(double.MaxValue), "1.7976931348623157E+308");
        yield return Row<BadParameterException>("Simulate_half_a_step_off_at_5e7_ms", n => n.Sim.Simulate(50000000.05), "50000000.05");
        yield return Row<BadPropertyException>("SetKernelStatus_resolution_1e16", n => n.Sim.SetKernelStatus(D("resolution", 1e16)), "resolution", "10000000000000000");

        // ---- null arguments (BCL exceptions, as STYLE.md says) ----
        yield return Row<ArgumentNullException>("Create_null_model", n => n.Sim.Create(null!), "model");
        yield return Row<ArgumentNullException>("SetDefaults_null_model", n => n.Sim.SetDefaults(null!, D("C_m", 1.0)), "model");
        yield return Row<ArgumentNullException>("SetDefaults_null_values", n => n.Sim.SetDefaults("iaf_psc_alpha", null!), "values");
        yield return Row<ArgumentNullException>("GetDefaults_null_model", n => n.Sim.GetDefaults(null!), "model");
        yield return Row<ArgumentNullException>("CopyModel_null_existing", n => n.Sim.CopyModel(null!, "x"), "existing");
        yield return Row<ArgumentNullException>("CopyModel_null_new_name", n => n.Sim.CopyModel("iaf_psc_alpha", null!), "newName");
        yield return Row<ArgumentNullException>("SetKernelStatus_null", n => n.Sim.SetKernelStatus(null!), "status");
        yield return Row<ArgumentNullException>("SetStatus_null_nodes", n => n.Sim.SetStatus((NodeCollection)null!, D("I_e", 1.0)), "nodes");
        yield return Row<ArgumentNullException>("SetStatus_null_values", n => n.Sim.SetStatus(n.Neurons, (StatusDictionary)null!), "values");
        yield return Row<ArgumentNullException>("Connect_null_pre", n => n.Sim.Connect(null!, n.Neurons), "pre");
        yield return Row<ArgumentNullException>("Connect_null_post", n => n.Sim.Connect(n.Neurons, null!), "post");
        yield return Row<ArgumentNullException>("GetStatus_null_nodes", n => n.Sim.GetStatus((NodeCollection)null!), "nodes");
        yield return Row<ArgumentNullException>("GetStatus_null_key", n => n.Sim.GetStatus<double>(n.Neurons, null!), "key");
        yield return Row<ArgumentNullException>("ConnSpec_null_rule", n => _ = new ConnSpec(null!), "rule");
        yield return Row<ArgumentNullException>("SynSpec_null_model", n => _ = new SynSpec(null!), "model");
        yield return Row<ArgumentNullException>("SynSpec_FromDictionary_null", _ => SynSpec.FromDictionary(null!), "spec");
        yield return Row<ArgumentNullException>("ConnSpec_FromDictionary_null", _ => ConnSpec.FromDictionary(null!), "spec");
        yield return Row<ArgumentNullException>("NodeCollection_plus_null", n => _ = n.Neurons + null!, "right");

        // ---- huge sizes: refused up front ----
        yield return Row<MemoryLimitExceededException>("Create_int_MaxValue_over_2", n => n.Sim.Create("iaf_psc_alpha", int.MaxValue / 2), S(int.MaxValue / 2));
        yield return Row<ArgumentOutOfRangeException>("Create_int_MaxValue", n => n.Sim.Create("iaf_psc_alpha", int.MaxValue), "2147483647");
        yield return Row<ArgumentOutOfRangeException>("Create_zero_nodes", n => n.Sim.Create("iaf_psc_alpha", 0), "n", "0");
        yield return Row<ArgumentOutOfRangeException>("Create_negative_count", n => n.Sim.Create("poisson_generator", -5), "n", "-5");
        yield return Row<NeuroKernelException>("Connect_fixed_total_number_1e12", n => n.Sim.Connect(n.Neurons, n.Neurons,
            D(("rule", "fixed_total_number"), ("N", 1_000_000_000_000L))), "1000000000000") with { OrSubclass = true };
        yield return Row<NeuroKernelException>("Connect_fixed_indegree_2e9_per_target", n => n.Sim.Connect(n.Neurons, n.Neurons,
            D(("rule", "fixed_indegree"), ("indegree", 2_000_000_000L))), "indegree") with { OrSubclass = true };
        yield return Row<NeuroKernelException>("Connect_fixed_outdegree_1e10", n => n.Sim.Connect(n.Neurons, n.Neurons,
            D(("rule", "fixed_outdegree"), ("outdegree", 10_000_000_000L))), "outdegree") with { OrSubclass = true };
        // 5·10⁸ steps of delay: ring buffers of (min + max delay) slots × 40 neurons × 3 channels, ~0.5 TB.
        yield return Row<NeuroKernelException>("Connect_delay_5e7_ms_needs_huge_ring_buffers", n => n.Sim.Connect(n.Excitatory, n.Neurons,
            syn: D("delay", 5e7)), "50000000") with { OrSubclass = true };
    }
}
