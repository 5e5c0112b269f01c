#pragma warning disable CA1861 // inline arrays are the readable form of test inputs

namespace NeuroKernel.Tests.Models;

/// <summary>step_rate_generator: NEST's defaults, its schedule as the <c>rate</c> recordable, and a clear refusal as a connection source (the library has no rate neurons).</summary>
[TestFixture]
public class StepRateGeneratorTests
{
    [Test]
    public void Defaults_are_NESTs()
    {
        var nest = NestDefaults.Read("step_rate_generator");
        using var sim = new Simulator();
        var ours = sim.GetDefaults("step_rate_generator");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ours.Get<double[]>("amplitude_times"), Is.Empty);
            Assert.That(ours.Get<double[]>("amplitude_values"), Is.Empty);
            Assert.That(ours.Get<bool>("allow_offgrid_times"), Is.EqualTo(nest.GetProperty("allow_offgrid_times").GetBoolean()));
            Assert.That(ours.Get<string[]>(ParameterNames.Recordables), Is.EqualTo(NestDefaults.Strings(nest.GetProperty("recordables"))));
            foreach (string key in new[] { "start", "stop", "origin" })
            {
                Assert.That(ours.Get<double>(key), Is.EqualTo(NestDefaults.Number(nest.GetProperty(key))), key);
            }
        }
    }

    [Test]
    public void The_rate_follows_the_schedule_like_step_current_generators_amplitude()
    {
        using var sim = new Simulator();
        var rate = sim.Create("step_rate_generator", 1, new StatusDictionary { ["amplitude_times"] = new[] { 1.0, 2.5 }, ["amplitude_values"] = new[] { 5.0, -3.0 } });
        var current = sim.Create("step_current_generator", 1, new StatusDictionary { ["amplitude_times"] = new[] { 1.0, 2.5 }, ["amplitude_values"] = new[] { 5.0, -3.0 } });
        var window = new StatusDictionary { ["amplitude_times"] = new[] { 1.0 }, ["amplitude_values"] = new[] { 7.0 }, ["start"] = 1.5, ["stop"] = 3.0 };
        var rateWindow = sim.Create("step_rate_generator", 1, window);
        var currentWindow = sim.Create("step_current_generator", 1, window);
        var mmRateWindow = MeterProbe.CreateMultimeter(sim, rateWindow, 0.1, "rate");
        var mmCurrentWindow = MeterProbe.CreateMultimeter(sim, currentWindow, 0.1, "I");
        var mmRate = MeterProbe.CreateMultimeter(sim, rate, 0.1, "rate");
        var mmCurrent = MeterProbe.CreateMultimeter(sim, current, 0.1, "I");
        sim.Simulate(4.0);
        double[] rates = MeterProbe.Values(sim, mmRate, "rate");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(rates, Is.EqualTo(MeterProbe.Values(sim, mmCurrent, "I")));
            Assert.That(rates[8], Is.EqualTo(0.0), "before 1.0 ms");
            Assert.That(rates[9], Is.EqualTo(5.0), "from the sample at 1.0 ms");
            Assert.That(rates[^1], Is.EqualTo(-3.0));
            Assert.That(MeterProbe.Values(sim, mmRateWindow, "rate"), Is.EqualTo(MeterProbe.Values(sim, mmCurrentWindow, "I")), "on and off at the same steps as step_current_generator (NEST's current-generator window)");
            Assert.That(MeterProbe.Values(sim, mmRateWindow, "rate"), Has.Some.EqualTo(0.0).And.Some.EqualTo(7.0));
        }
    }

    [Test]
    public void It_cannot_be_connected_because_there_are_no_rate_neurons()
    {
        using var sim = new Simulator();
        var generator = sim.Create("step_rate_generator");
        var e = Assert.Throws<IllegalConnectionException>(() => sim.Connect(generator, sim.Create("iaf_psc_alpha")))!;
        Assert.That(e.Message, Does.Contain("rate neurons"));
    }
}
