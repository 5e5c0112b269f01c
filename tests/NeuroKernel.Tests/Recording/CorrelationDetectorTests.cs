#pragma warning disable CA1861 // inline arrays are the readable form of test inputs
using NeuroKernel.Tests.Models;

namespace NeuroKernel.Tests.Recording;

/// <summary>
/// correlation_detector and correlomatrix_detector: histograms of hand-computed spike pairs (bins, the lag's sign, the
/// window's edges, weights and multiplicities), zero-lag coincidences, resets, NEST's defaults and errors.
/// </summary>
[TestFixture]
public class CorrelationDetectorTests
{
    private static SynSpec Port(int port, double weight = 1.0) =>
        SynSpec.FromDictionary(new StatusDictionary { ["synapse_model"] = "static_synapse", ["weight"] = weight, ["delay"] = 1.0, ["receptor_type"] = (long)port });

    private static StatusDictionary Detect(string model, double[] port0, double[] port1, double w0 = 2.0, double w1 = 3.0, StatusDictionary? parameters = null, double ms = 30.0)
    {
        using var sim = new Simulator();
        var detector = sim.Create(model, 1, parameters);
        var a = sim.Create(ModelNames.SpikeGenerator, 1, new StatusDictionary { ["spike_times"] = port0 });
        var b = sim.Create(ModelNames.SpikeGenerator, 1, new StatusDictionary { ["spike_times"] = port1 });
        sim.Connect(a, detector, syn: Port(0, w0));
        sim.Connect(b, detector, syn: Port(1, w1));
        sim.Simulate(ms);
        return sim.GetStatus(detector[0]);
    }

    [Test]
    public void Defaults_are_NESTs()
    {
        var nest = NestDefaults.Read("correlation_detector");
        using var sim = new Simulator();
        var ours = sim.GetDefaults("correlation_detector");
        using (Assert.EnterMultipleScope())
        {
            foreach (string key in new[] { "delta_tau", "tau_max", "Tstart", "Tstop", "start", "stop", "origin" })
            {
                Assert.That(ours.Get<double>(key), Is.EqualTo(NestDefaults.Number(nest.GetProperty(key))), key);
            }

            Assert.That(ours.Get<long[]>("n_events"), Is.EqualTo(new long[] { 0, 0 }));
            Assert.That(ours.Get<double[]>("histogram"), Is.Empty);
            Assert.That(ours.Get<long[]>("count_histogram"), Is.Empty);
        }
    }

    /// <summary>
    /// Spikes on port 1 at 8, 11 and 15.9 ms, on port 0 at 10 ms: lags t1 − t0 of −2 and +1 ms fall in the bins 6 and 12 of
    /// 21 (zero lag is bin 10, each bin 0.5 ms wide), 5.9 ms is beyond tau_max; each pair adds w0·w1.
    /// </summary>
    [Test]
    public void Pairs_fall_in_the_bins_of_their_lag_with_the_product_of_their_weights()
    {
        var d = Detect("correlation_detector", [10.0], [8.0, 11.0, 15.9]);
        var expected = new double[21];
        expected[6] = expected[12] = 6.0;
        var counts = new long[21];
        counts[6] = counts[12] = 1;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(d.Get<double[]>("histogram"), Is.EqualTo(expected));
            Assert.That(d.Get<long[]>("count_histogram"), Is.EqualTo(counts));
            Assert.That(d.Get<long[]>("n_events"), Is.EqualTo(new long[] { 1, 3 }));
            Assert.That(d.Get<double[]>("histogram_correction"), Has.All.EqualTo(0.0));
        }
    }

    [TestCase(15.0, 20)]    // lag +5 ms = tau_max: the last bin
    [TestCase(5.0, 0)]      // lag −5 ms: the first bin
    [TestCase(15.2, 20)]    // +5.2 ms: still within the last bin's half width
    [TestCase(4.8, 0)]      // −5.2 ms
    [TestCase(15.3, -1)]    // +5.3 ms: beyond the histogram
    [TestCase(4.7, -1)]     // −5.3 ms
    [TestCase(10.0, 10)]    // coincident: the middle bin, counted once
    public void The_histograms_edges_are_NESTs(double port1, int bin)
    {
        var histogram = Detect("correlation_detector", [10.0], [port1], 1.0, 1.0).Get<double[]>("histogram");
        var expected = new double[21];
        if (bin >= 0)
        {
            expected[bin] = 1.0;
        }

        Assert.That(histogram, Is.EqualTo(expected));
    }

    [Test]
    public void A_train_against_itself_fills_the_zero_lag_bin_once_per_spike()
    {
        using var sim = ModelProbe.NewSimulator(0.1, seed: 4);
        var detector = sim.Create("correlation_detector", 1, new StatusDictionary { ["delta_tau"] = 0.1, ["tau_max"] = 2.0 });
        var noise = sim.Create(ModelNames.PoissonGenerator, 1, new StatusDictionary { ["rate"] = 200.0 });
        var parrot = sim.Create(ModelNames.ParrotNeuron);
        sim.Connect(noise, parrot);
        sim.Connect(parrot, detector, syn: Port(0));
        sim.Connect(parrot, detector, syn: Port(1));
        var recorder = sim.Create(ModelNames.SpikeRecorder);
        sim.Connect(parrot, recorder);
        sim.Simulate(2000.0);
        long spikes = sim.GetStatus(recorder[0]).Get<long>("n_events");
        var d = sim.GetStatus(detector[0]);
        long[] counts = d.Get<long[]>("count_histogram");
        long[] events = d.Get<long[]>("n_events");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(counts, Has.Length.EqualTo(41));
            Assert.That(events[0], Is.EqualTo(events[1]).And.GreaterThan(300));
            Assert.That(events[0], Is.LessThanOrEqualTo(spikes), "n_events counts events (a step's spikes are one event of that multiplicity)");
            Assert.That(counts[20], Is.EqualTo(spikes), "every spike meets its twin at zero lag, once (counted by multiplicity)");
            Assert.That(counts.Where((_, i) => i != 20).Sum(), Is.GreaterThan(0), "and other spikes at other lags");
        }
    }

    [Test]
    public void Setting_n_events_to_zeros_resets_and_other_values_are_refused()
    {
        using var sim = new Simulator();
        var detector = sim.Create("correlation_detector");
        var a = sim.Create(ModelNames.SpikeGenerator, 1, new StatusDictionary { ["spike_times"] = new[] { 5.0 } });
        sim.Connect(a, detector, syn: Port(0));
        sim.Connect(a, detector, syn: Port(1));
        sim.Simulate(10.0);
        Assert.That(sim.GetStatus(detector[0]).Get<long[]>("n_events"), Is.EqualTo(new long[] { 1, 1 }));
        var e = Assert.Throws<BadPropertyException>(() => sim.SetStatus(detector, new StatusDictionary { ["n_events"] = new long[] { 1, 0 } }))!;
        Assert.That(e.Message, Does.Contain("/n_events can only be set to [0 0]"));
        sim.SetStatus(detector, new StatusDictionary { ["n_events"] = new long[] { 0, 0 } });
        var d = sim.GetStatus(detector[0]);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(d.Get<long[]>("n_events"), Is.EqualTo(new long[] { 0, 0 }));
            Assert.That(d.Get<double[]>("histogram"), Has.Length.EqualTo(21).And.All.EqualTo(0.0));
        }
    }

    [Test]
    public void Bad_widths_and_ports_get_NESTs_errors()
    {
        using var sim = new Simulator();
        var detector = sim.Create("correlation_detector");
        var matrix = sim.Create("correlomatrix_detector", 1, new StatusDictionary { ["N_channels"] = 3L });
        var source = sim.Create(ModelNames.SpikeGenerator);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Assert.Throws<BadPropertyException>(() => sim.SetStatus(detector, new StatusDictionary { ["delta_tau"] = 0.25 }))!.Message,
                Does.Contain("must be a multiple of the resolution"));
            Assert.That(Assert.Throws<BadPropertyException>(() => sim.SetStatus(detector, new StatusDictionary { ["tau_max"] = 1.2 }))!.Message,
                Does.Contain("must be multiple of time property delta_tau"));
            Assert.That(Assert.Throws<BadPropertyException>(() => sim.SetStatus(matrix, new StatusDictionary { ["delta_tau"] = 0.2 }))!.Message,
                Does.Contain("/delta_tau must be odd multiple of resolution"));
            Assert.That(Assert.Throws<BadPropertyException>(() => sim.SetStatus(matrix, new StatusDictionary { ["N_channels"] = 0L }))!.Message,
                Does.Contain("/N_channels can only be larger than zero."));
            Assert.Throws<IncompatibleReceptorTypeException>(() => sim.Connect(source, detector, syn: Port(2)));
            Assert.Throws<IncompatibleReceptorTypeException>(() => sim.Connect(source, matrix, syn: Port(3)));
            Assert.DoesNotThrow(() => sim.Connect(source, matrix, syn: Port(2)));
            Assert.That(Assert.Throws<BadPropertyException>(() => sim.SetStatus(matrix, new StatusDictionary { ["N_channels"] = 2L }))!.Message,
                Does.Contain("receptor_type 2"), "a connected port cannot be removed");
            Assert.Throws<IncompatibleReceptorTypeException>(() => sim.Connect(source, sim.Create(ModelNames.SpikeRecorder), syn: Port(1)), "a spike_recorder takes port 0 only");
        }
    }

    /// <summary>
    /// Channel 0 at 10 ms (weight 2), channel 1 at 11 ms (weight 3): each spike pairs with itself at zero lag
    /// (covariance[c][c][0] = w²), and the later spike's channel is the row of their pair: lag 1 ms = 2 bins of 0.5 ms.
    /// </summary>
    [Test]
    public void The_correlomatrix_puts_each_pair_under_the_later_spikes_channel()
    {
        var d = Detect("correlomatrix_detector", [10.0], [11.0], parameters: new StatusDictionary { ["N_channels"] = 2L });
        var covariance = d.Get<double[][][]>("covariance");
        var counts = d.Get<long[][][]>("count_covariance");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(covariance[0][0][0], Is.EqualTo(4.0));
            Assert.That(covariance[1][1][0], Is.EqualTo(9.0));
            Assert.That(covariance[1][0][2], Is.EqualTo(6.0));
            Assert.That(covariance[0][1], Has.All.EqualTo(0.0));
            Assert.That(covariance[1][0], Has.Length.EqualTo(11));
            Assert.That(counts[1][0][2], Is.EqualTo(1));
            Assert.That(covariance.SelectMany(r => r).SelectMany(b => b).Sum(), Is.EqualTo(19.0), "nothing else");
            Assert.That(d.Get<long[]>("n_events"), Is.EqualTo(new long[] { 1, 1 }));
        }
    }

    [Test]
    public void The_correlomatrix_zero_lag_bin_is_symmetric_across_channels()
    {
        var d = Detect("correlomatrix_detector", [10.0], [10.0, 10.2], parameters: new StatusDictionary { ["N_channels"] = 2L });
        var covariance = d.Get<double[][][]>("covariance");
        // 10.0/10.0 coincide; 10.2 − 10.0 = 2 steps < half a bin (2.5 steps): both in bin 0, mirrored.
        using (Assert.EnterMultipleScope())
        {
            Assert.That(covariance[0][1][0], Is.EqualTo(covariance[1][0][0]));
            Assert.That(covariance[1][0][0], Is.EqualTo(12.0), "two pairs of weight 6");
        }
    }
}
