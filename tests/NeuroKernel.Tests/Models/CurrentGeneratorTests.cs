#pragma warning disable CA1861 // inline arrays are the readable form of test inputs
using System.Globalization;
using System.Text.Json;

namespace NeuroKernel.Tests.Models;

/// <summary>
/// ac_generator and step_current_generator against NEST 3.9 (Reference/neurons/gen_*.csv): the generator's I recorded by
/// a multimeter every 0.1 ms, and the V_m and spikes of the iaf_psc_alpha it drives through a static synapse.
/// </summary>
[TestFixture]
public class CurrentGeneratorTests
{
    [TestCase("gen_ac_generator")]
    [TestCase("gen_step_current_generator")]
    public void Current_voltage_and_spikes_match_NEST(string name)
    {
        var c = ModelProbe.ReadJson("neurons/cases.json").GetProperty("generator_cases").GetProperty(name);
        using var sim = ModelProbe.NewSimulator(c.GetProperty("resolution_ms").GetDouble());
        var parameters = new StatusDictionary();
        foreach (var p in c.GetProperty("generator_params_set").EnumerateObject())
        {
            parameters[p.Name] = p.Value.ValueKind == JsonValueKind.Array ? p.Value.EnumerateArray().Select(e => e.GetDouble()).ToArray() : p.Value.GetDouble();
        }

        var generator = sim.Create(c.GetProperty("generator").GetString()!, 1, parameters);
        var neuron = sim.Create(c.GetProperty("neuron").GetString()!);
        var syn = c.GetProperty("connection");
        sim.Connect(generator, neuron, syn: new SynSpec(syn.GetProperty("synapse_model").GetString()!, syn.GetProperty("weight").GetDouble(), syn.GetProperty("delay").GetDouble()));
        double interval = c.GetProperty("multimeter_interval_ms").GetDouble();
        var vm = MeterProbe.CreateMultimeter(sim, neuron, interval, "V_m");
        var current = MeterProbe.CreateMultimeter(sim, generator, interval, "I");
        var recorder = sim.Create(ModelNames.SpikeRecorder);
        sim.Connect(neuron, recorder);
        sim.Simulate(c.GetProperty("simtime_ms").GetDouble());

        var lines = File.ReadLines(ModelProbe.ReferencePath($"neurons/{name}.csv")).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        double[] ourVm = MeterProbe.Events(sim, vm).Get<double[]>("V_m");
        double[] ourI = MeterProbe.Events(sim, current).Get<double[]>("I");
        double[] spikes = ModelProbe.ReadSpikeTimes($"neurons/{name}_spikes.csv");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ourI, Has.Length.EqualTo(lines.Length));
            Assert.That(ourVm, Has.Length.EqualTo(lines.Length));
            Assert.That(ourI.Zip(lines, (a, l) => Math.Abs(a - l[2])).Max(), Is.LessThanOrEqualTo(1e-9), "I (pA)");
            Assert.That(ourVm.Zip(lines, (a, l) => Math.Abs(a - l[1])).Max(), Is.LessThanOrEqualTo(1e-9), "V_m (mV)");
            Assert.That(ModelProbe.Events(sim, recorder).Times, Is.EqualTo(spikes), "spike times (ms)");
        }
    }

    [Test]
    public void Past_times_are_skipped_and_new_times_keep_the_value_in_force()
    {
        using var sim = ModelProbe.NewSimulator(0.1);
        var generator = sim.Create("step_current_generator", 1, new()
        {
            ["amplitude_times"] = new[] { 0.0, 10.0 }, ["amplitude_values"] = new[] { 3.0, 5.0 },
        });
        var neuron = sim.Create(ModelNames.IafPscAlpha);
        sim.Connect(generator, neuron);
        var current = MeterProbe.CreateMultimeter(sim, generator, 0.1, "I");
        sim.Simulate(100.0);
        sim.SetStatus(generator, new StatusDictionary { ["amplitude_times"] = new[] { 50.0, 150.0 }, ["amplitude_values"] = new[] { 7.0, 9.0 } });
        sim.Simulate(100.0);
        var events = MeterProbe.Events(sim, current);
        double[] times = events.Get<double[]>("times"), values = events.Get<double[]>("I");
        double At(double t) => values[Array.FindIndex(times, x => Math.Abs(x - t) < 1e-9)];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(At(5.0), Is.Zero, "the time 0 is not in the future: skipped");
            Assert.That(At(10.0), Is.EqualTo(5.0));
            Assert.That(At(149.9), Is.EqualTo(5.0), "50 ms lies in the past at the second run: skipped, 5 pA stays");
            Assert.That(At(150.0), Is.EqualTo(9.0));
        }
    }
}
