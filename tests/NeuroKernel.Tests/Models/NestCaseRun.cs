using System.Text.Json;

namespace NeuroKernel.Tests.Models;

/// <summary>
/// One single-neuron case of Reference/cases.json (recorded with NEST 3.9.0) rebuilt with the Simulator as
/// NEST's script built it: the neuron with the parameters set, a voltmeter at the recorded interval, a
/// spike_recorder, and the optional spike_generator input through a static_synapse.
/// </summary>
internal sealed class NestCaseRun : IDisposable
{
    private NestCaseRun(JsonElement c, Simulator sim, int neuron, NodeCollection voltmeter, NodeCollection recorder)
    {
        Case = c;
        Sim = sim;
        Neuron = neuron;
        Voltmeter = voltmeter;
        Recorder = recorder;
    }

    public JsonElement Case { get; }

    public Simulator Sim { get; }

    public int Neuron { get; }

    public NodeCollection Voltmeter { get; }

    public NodeCollection Recorder { get; }

    public double Resolution => Case.GetProperty("resolution_ms").GetDouble();

    public double SimTime => Case.GetProperty("simtime_ms").GetDouble();

    public int Samples => Case.GetProperty("n_samples").GetInt32();

    public string TraceFile => Case.GetProperty("files").GetProperty("trace").GetString()!;

    public string SpikeFile => Case.GetProperty("files").GetProperty("spikes").GetString()!;

    public double[] SpikeTimesInCases => [.. Case.GetProperty("spike_times_ms").EnumerateArray().Select(e => e.GetDouble())];

    /// <summary>The case <paramref name="name"/> of cases.json.</summary>
    public static JsonElement ReadCase(string name) =>
        ModelProbe.ReadJson("cases.json").GetProperty("cases").GetProperty(name);

    /// <summary>Builds the case <paramref name="name"/> (nothing is simulated yet).</summary>
    public static NestCaseRun Start(string name) => Start(ReadCase(name));

    /// <summary>Builds the case <paramref name="c"/> of cases.json (nothing is simulated yet).</summary>
    public static NestCaseRun Start(JsonElement c)
    {
        string model = c.GetProperty("model").GetString()!;
        var sim = ModelProbe.NewSimulator(c.GetProperty("resolution_ms").GetDouble());
        var parameters = new StatusDictionary();
        foreach (var p in c.GetProperty("params_set").EnumerateObject())
        {
            parameters[p.Name] = p.Value.GetDouble();
        }

        var neuron = sim.Create(model, 1, parameters);
        var voltmeter = MeterProbe.CreateVoltmeter(sim, neuron, c.GetProperty("voltmeter_interval_ms").GetDouble());
        var recorder = sim.Create(ModelNames.SpikeRecorder);
        sim.Connect(neuron, recorder);
        if (c.GetProperty("input") is { ValueKind: JsonValueKind.Object } input)
        {
            double[] spikeTimes = [.. input.GetProperty("spike_generator_spike_times_ms").EnumerateArray().Select(e => e.GetDouble())];
            var generator = sim.Create(ModelNames.SpikeGenerator, 1, new() { [ParameterNames.SpikeTimes] = spikeTimes });
            sim.Connect(generator, neuron, syn: new SynSpec(
                input.GetProperty("synapse").GetString()!,
                input.GetProperty("weight").GetDouble(),
                input.GetProperty("delay_ms").GetDouble()));
        }

        return new NestCaseRun(c, sim, neuron[0], voltmeter, recorder);
    }

    public void Dispose() => Sim.Dispose();
}
