namespace NeuroKernel.Tests.Models;

/// <summary>
/// The reference traces recorded with NEST 3.9 for <c>iaf_psc_delta</c> and <c>iaf_psc_exp</c> (dc, psc, ipsc
/// cases of <c>cases.json</c>), read through a voltmeter, and their spike times.
/// </summary>
[TestFixture]
public class NestReferenceTraceTests
{
    /// <summary>The recorded NEST cases of iaf_psc_delta and iaf_psc_exp: DC input, an excitatory and an inhibitory spike.</summary>
    private static readonly string[] Cases =
        ["iaf_psc_delta_dc", "iaf_psc_delta_psc", "iaf_psc_delta_ipsc", "iaf_psc_exp_dc", "iaf_psc_exp_psc", "iaf_psc_exp_ipsc"];

    [TestCaseSource(nameof(Cases))]
    [Category("Reference")]
    public void Voltmeter_trace_matches_the_nest_trace_at_every_sample(string caseName)
    {
        using var run = NestCaseRun.Start(caseName);
        var (times, expected) = ModelProbe.ReadTrace(run.TraceFile);

        run.Sim.Simulate(run.SimTime);
        var events = MeterProbe.Events(run.Sim, run.Voltmeter);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(expected, Has.Length.EqualTo(run.Samples), "the reference file has every sample");
            Assert.That(events.Get<double[]>(ParameterNames.Times), Is.EqualTo(times).Within(1e-9), "sample times (ms)");
            Assert.That(events.Get<double[]>(ParameterNames.VM), Is.EqualTo(expected).Within(1e-9), $"V_m of {caseName} (mV)");
            Assert.That(events.Get<int[]>(ParameterNames.Senders), Has.All.EqualTo(run.Neuron));
        }
    }

    [TestCaseSource(nameof(Cases))]
    [Category("Reference")]
    public void Spike_times_match_the_nest_recording(string caseName)
    {
        using var run = NestCaseRun.Start(caseName);
        double[] expected = ModelProbe.ReadSpikeTimes(run.SpikeFile);

        run.Sim.Simulate(run.SimTime);
        var (senders, times) = ModelProbe.Events(run.Sim, run.Recorder);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.SpikeTimesInCases, Is.EqualTo(expected), "the reference files disagree with cases.json");
            Assert.That(times, Is.EqualTo(expected).Within(1e-12), $"spike times of {caseName} (ms)");
            Assert.That(senders, Has.All.EqualTo(run.Neuron));
        }
    }
}
