using System.Globalization;
using System.Text.Json;

namespace NeuroKernel.Tests.Models;

/// <summary>
/// The RKF45-integrated models against NEST 3.9 (Reference/neurons, recorded with the same inputs): every recordable at
/// every 0.1 ms sample and every spike time. A constant current (<c>_dc</c>) and spike input through excitatory and
/// inhibitory static synapses (<c>_syn</c>) per model. On Linux x64 every value is bit-identical to NEST's; the bound
/// is the 1e-9 (mV, nS, pA; relative above 1), which leaves room for another C library's exp.
/// </summary>
[TestFixture]
public class OdeNeuronTests
{
    /// <summary>The cases of Reference/neurons/cases.json that the library's models cover.</summary>
    public static IEnumerable<string> Cases() =>
    [
        "iaf_cond_alpha_dc", "iaf_cond_alpha_syn", "iaf_cond_exp_dc", "iaf_cond_exp_syn", "iaf_cond_beta_dc", "iaf_cond_beta_syn",
        "iaf_cond_beta_syn_risedecay", "aeif_cond_alpha_dc", "aeif_cond_alpha_syn", "aeif_cond_exp_dc", "aeif_cond_exp_syn",
        "aeif_psc_alpha_dc", "aeif_psc_alpha_syn", "hh_psc_alpha_dc", "hh_psc_alpha_syn", "hh_cond_exp_traub_dc", "hh_cond_exp_traub_syn",
    ];

    [TestCaseSource(nameof(Cases))]
    public void Traces_and_spikes_match_NEST(string name)
    {
        var c = ModelProbe.ReadJson("neurons/cases.json").GetProperty("cases").GetProperty(name);
        var run = OdeCaseRun.Run(c);
        var (columns, reference) = OdeCaseRun.ReadTable(c.GetProperty("files").GetProperty("trace").GetString()!);
        double[] spikes = ModelProbe.ReadSpikeTimes("neurons/" + c.GetProperty("files").GetProperty("spikes").GetString()!);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.SpikeTimes, Is.EqualTo(spikes), "spike times (ms)");
            for (int k = 0; k < columns.Length; k++)
            {
                double[] ours = run.Recorded[columns[k]];
                Assert.That(ours, Has.Length.EqualTo(reference[k].Length), columns[k]);
                double worst = ours.Zip(reference[k], (a, b) => Math.Abs(a - b) / Math.Max(1.0, Math.Abs(b))).Max();
                Assert.That(worst, Is.LessThanOrEqualTo(1e-9), $"{columns[k]}: largest difference (relative above 1) {worst:G3}");
            }
        }
    }
}

/// <summary>A case of Reference/neurons/cases.json rebuilt as NEST's script built it, and simulated.</summary>
internal sealed class OdeCaseRun
{
    public required double[] SpikeTimes { get; init; }

    public required Dictionary<string, double[]> Recorded { get; init; }

    public static OdeCaseRun Run(JsonElement c)
    {
        string model = c.GetProperty("model").GetString()!;
        using var sim = ModelProbe.NewSimulator(c.GetProperty("resolution_ms").GetDouble());
        var parameters = new StatusDictionary();
        foreach (var p in c.GetProperty("params_set").EnumerateObject())
        {
            parameters[p.Name] = p.Value.ValueKind == JsonValueKind.Array ? p.Value.EnumerateArray().Select(e => e.GetDouble()).ToArray() : p.Value.GetDouble();
        }

        var neuron = sim.Create(model, 1, parameters);
        string[] recorded = NestDefaults.Strings(c.GetProperty("recorded"));
        var mm = MeterProbe.CreateMultimeter(sim, neuron, c.GetProperty("multimeter_interval_ms").GetDouble(), recorded);
        var recorder = sim.Create(ModelNames.SpikeRecorder);
        sim.Connect(neuron, recorder);
        if (c.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.Object)
        {
            foreach (var side in input.EnumerateObject().Where(s => s.Value.ValueKind == JsonValueKind.Object))
            {
                double[] times = [.. side.Value.GetProperty("spike_generator_times_ms").EnumerateArray().Select(e => e.GetDouble())];
                var syn = side.Value.GetProperty("syn_spec");
                var generator = sim.Create(ModelNames.SpikeGenerator, 1, new() { [ParameterNames.SpikeTimes] = times });
                var spec = new StatusDictionary
                {
                    ["synapse_model"] = syn.GetProperty("synapse_model").GetString()!,
                    ["weight"] = syn.GetProperty("weight").GetDouble(),
                    ["delay"] = syn.GetProperty("delay").GetDouble(),
                };
                if (syn.TryGetProperty("receptor_type", out var receptor))
                {
                    spec["receptor_type"] = receptor.GetInt64();
                }

                sim.Connect(generator, neuron, syn: SynSpec.FromDictionary(spec));
            }
        }

        sim.Simulate(c.GetProperty("simtime_ms").GetDouble());
        var events = MeterProbe.Events(sim, mm);
        return new OdeCaseRun
        {
            SpikeTimes = ModelProbe.Events(sim, recorder).Times,
            Recorded = recorded.ToDictionary(r => r, r => events.Get<double[]>(r)),
        };
    }

    /// <summary>A trace file's recordable columns (after time_ms) and their values.</summary>
    public static (string[] Columns, double[][] Values) ReadTable(string file)
    {
        var lines = File.ReadLines(ModelProbe.ReferencePath("neurons/" + file)).Where(l => l.Length > 0).ToArray();
        string[] columns = lines[0].Split(',')[1..];
        var values = columns.Select(_ => new double[lines.Length - 1]).ToArray();
        for (int i = 1; i < lines.Length; i++)
        {
            string[] parts = lines[i].Split(',');
            for (int k = 0; k < columns.Length; k++)
            {
                values[k][i - 1] = double.Parse(parts[k + 1], CultureInfo.InvariantCulture);
            }
        }

        return (columns, values);
    }
}
