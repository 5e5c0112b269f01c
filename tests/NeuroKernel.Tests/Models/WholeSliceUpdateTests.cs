using System.Runtime.Intrinsics;
using NeuroKernel.Connectivity;
using NeuroKernel.Kernel;
using NeuroKernel.Tests.Integration;

namespace NeuroKernel.Tests.Models;

/// <summary>
/// The whole-slice neuron update (<c>NeuronBlock.StepSlice</c>: pairs of eight-neuron groups through all lags of a
/// slice with their state in registers, in iaf_psc_alpha and iaf_psc_exp) must give bit for bit what the lag-by-lag
/// update gives, which the NEST reference tests check against NEST. Each case runs both and compares spikes and the
/// final state of every neuron. iaf_psc_delta, which always goes lag by lag, runs the same cases as a control.
/// </summary>
[TestFixture]
public class WholeSliceUpdateTests
{
    private static readonly string[] RecordFrom = ["V_m"];

    private static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();

    [Test]
    public void Is_on_by_default_where_the_CPU_has_512_bit_vectors()
    {
        using var sim = new Simulator();
        Assert.That(sim.WholeSliceUpdate, Is.EqualTo(Vector512.IsHardwareAccelerated));
    }

    /// <summary>The seed network (order 200, 1000 neurons, Poisson input) at one and two threads, with iaf_psc_alpha and with iaf_psc_delta.</summary>
    [TestCase(1, false)]
    [TestCase(2, false)]
    [TestCase(1, true)]
    [TestCase(2, true)]
    public void The_seed_network_gives_the_same_spikes_and_state_as_lag_by_lag(int threads, bool delta)
    {
        (int[], double[], int[], double[], long[]) Run(bool wholeSlices)
        {
            using var net = BrunelNetwork.Build(200, threads: threads, recordAll: true, delta: delta);
            net.Sim.WholeSliceUpdate = wholeSlices;
            net.Sim.Simulate(300.0);
            Assert.That(net.Sim.SharedSpikeChannels, Is.EqualTo(delta), "iaf_psc_delta alone reads one spike buffer");
            Assert.That(net.Sim.TookWholeSlices, Is.EqualTo(wholeSlices && !delta), "chunks took the whole-slice path");
            var (se, te) = net.Events(net.AllEx!);
            var (si, ti) = net.Events(net.AllIn!);
            return (se, te, si, ti, Bits(net.Sim.GetStatus<double>(net.Neurons, "V_m")));
        }

        var expected = Run(wholeSlices: false);
        var actual = Run(wholeSlices: true);
        Assert.That(expected.Item1, Has.Length.GreaterThan(1000));
        Assert.That(actual, Is.EqualTo(expected));
    }

    /// <summary>
    /// The cases the pairs do not cover on their own: blocks whose size is no multiple of sixteen (a last group, then
    /// single neurons, go lag by lag), neurons with their own parameters (several propagator segments in a block),
    /// min_delay of 40 steps (more lags than one pass takes), a multimeter on a few neurons (their chunk goes lag by
    /// lag, so that every step can be sampled), refractory periods and excitatory and inhibitory input.
    /// </summary>
    [TestCase("iaf_psc_alpha")]
    [TestCase("iaf_psc_exp")]
    [TestCase("iaf_psc_delta")]
    public void Odd_sizes_segments_long_slices_and_sampled_chunks_match_lag_by_lag(string model)
    {
        // iaf_psc_delta shares one spike buffer with itself only: a few iaf_psc_alpha neurons keep the channels apart.
        (int[] Senders, double[] Times, long[] VM, long[] ISynIn, double[] Sampled) Run(bool wholeSlices)
        {
            using var sim = new Simulator();
            sim.WholeSliceUpdate = wholeSlices;
            sim.SetKernelStatus(new() { ["rng_seed"] = 5 });
            var a = sim.Create(model, 1237, new() { ["I_e"] = 200.0, ["t_ref"] = 1.0 });
            var b = sim.Create("iaf_psc_alpha", 45, new() { ["tau_syn_ex"] = 0.7, ["I_e"] = 300.0 });
            // Every 100th neuron of the first block gets its own membrane time constant: several segments per chunk,
            // one of a single neuron (no pair: lag by lag) and one of 99 (six pairs and three neurons lag by lag).
            for (int i = 0; i < a.Count; i += 100)
            {
                sim.SetStatus(a[i..(i + 1)], new StatusDictionary { ["tau_m"] = 12.0 + i % 7 });
            }

            var noise = sim.Create("poisson_generator", 1, new() { ["rate"] = 9000.0 });
            // Weights in pA; iaf_psc_delta's are voltage jumps in mV.
            double scale = model == "iaf_psc_delta" ? 0.02 : 1.0;
            sim.Connect(noise, a + b, syn: new SynSpec("static_synapse", weight: 60.0 * scale, delay: 4.0));
            sim.Connect(a + b, a + b, new ConnSpec("fixed_indegree", new() { ["indegree"] = 30 }),
                new StatusDictionary { ["weight"] = Distributions.Uniform(-120.0 * scale, 80.0 * scale), ["delay"] = Distributions.Uniform(4.0, 6.0) });
            var meter = sim.Create("multimeter", 1, new() { ["record_from"] = RecordFrom, ["interval"] = 0.1 });
            sim.Connect(meter, a[600..603]);
            var rec = sim.Create("spike_recorder");
            sim.Connect(a + b, rec, syn: new SynSpec("static_synapse", weight: 1.0, delay: 4.0));
            sim.Simulate(200.0);
            Assert.That(sim.GetKernelStatus<double>("min_delay"), Is.EqualTo(4.0), "40 steps: a pass of 32 lags and one of 8");
            Assert.That(sim.TookWholeSlices, Is.EqualTo(wholeSlices), "chunks took the whole-slice path");
            var events = sim.GetStatus(rec).Get<StatusDictionary>("events");
            var sampled = sim.GetStatus(meter).Get<StatusDictionary>("events").Get<double[]>("V_m");
            return (events.Get<int[]>("senders"), events.Get<double[]>("times"), Bits(sim.GetStatus<double>(a + b, "V_m")),
                model == "iaf_psc_delta" ? [] : Bits(sim.GetStatus<double>(a + b, "I_syn_in")), sampled);
        }

        var expected = Run(wholeSlices: false);
        var actual = Run(wholeSlices: true);
        Assert.That(expected.Senders, Has.Length.GreaterThan(2000));
        Assert.That(expected.Sampled, Has.Length.EqualTo(3 * 2000));
        Assert.Multiple(() =>
        {
            Assert.That(actual.Senders, Is.EqualTo(expected.Senders), "senders");
            Assert.That(actual.Times, Is.EqualTo(expected.Times), "times");
            Assert.That(actual.VM, Is.EqualTo(expected.VM), "V_m");
            Assert.That(actual.ISynIn, Is.EqualTo(expected.ISynIn), "I_syn_in");
            Assert.That(actual.Sampled, Is.EqualTo(expected.Sampled), "multimeter");
        });
    }

    /// <summary>
    /// Every neuron with its own threshold: a segment per neuron, none with a pair, so every neuron goes lag by lag
    /// inside the whole-slice pass; the result is still that of the lag-by-lag update.
    /// </summary>
    [Test]
    public void A_segment_per_neuron_matches_lag_by_lag()
    {
        (int[] Senders, double[] Times, long[] VM) Run(bool wholeSlices)
        {
            using var sim = new Simulator();
            sim.WholeSliceUpdate = wholeSlices;
            var neurons = sim.Create("iaf_psc_alpha", 700, new() { ["I_e"] = 380.0 });
            sim.SetStatus(neurons, [.. Enumerable.Range(0, 700).Select(i => new StatusDictionary { ["V_th"] = -56.0 + 0.01 * i })]);
            var noise = sim.Create("poisson_generator", 1, new() { ["rate"] = 20000.0 });
            sim.Connect(noise, neurons, syn: new SynSpec("static_synapse", weight: 10.0, delay: 1.5));
            var rec = sim.Create("spike_recorder");
            sim.Connect(neurons, rec);
            sim.Simulate(100.0);
            Assert.That(sim.TookWholeSlices, Is.EqualTo(wholeSlices));
            var events = sim.GetStatus(rec).Get<StatusDictionary>("events");
            return (events.Get<int[]>("senders"), events.Get<double[]>("times"), Bits(sim.GetStatus<double>(neurons, "V_m")));
        }

        var expected = Run(wholeSlices: false);
        var actual = Run(wholeSlices: true);
        Assert.That(expected.Senders, Has.Length.GreaterThan(1000));
        Assert.That(actual, Is.EqualTo(expected));
    }
}
