using System.Globalization;
using System.Text.Json;

namespace NeuroKernel.Tests.Models;

/// <summary>
/// What the model fixtures need to observe a simulation without a voltmeter, and to read NEST's reference
/// data (Reference/, recorded with NEST 3.9.0; see Reference/cases.json for how each trace was made).
/// </summary>
internal static class ModelProbe
{
    /// <summary>Full path of a file under the copied Reference folder.</summary>
    public static string ReferencePath(string name) =>
        Path.Combine(TestContext.CurrentContext.TestDirectory, "Reference", name);

    /// <summary>A NEST trace file (<c>time_ms,V_m</c>, written with %.17g, so every value is an exact double).</summary>
    public static (double[] Times, double[] Values) ReadTrace(string file)
    {
        var times = new List<double>();
        var values = new List<double>();
        foreach (string line in File.ReadLines(ReferencePath(file)).Skip(1))
        {
            if (line.Length == 0)
            {
                continue;
            }

            string[] parts = line.Split(',');
            times.Add(double.Parse(parts[0], CultureInfo.InvariantCulture));
            values.Add(double.Parse(parts[1], CultureInfo.InvariantCulture));
        }

        return ([.. times], [.. values]);
    }

    /// <summary>A NEST spike file (<c>time_ms</c>, one spike a line).</summary>
    public static double[] ReadSpikeTimes(string file) =>
        [.. File.ReadLines(ReferencePath(file)).Skip(1).Where(l => l.Length > 0).Select(l => double.Parse(l, CultureInfo.InvariantCulture))];

    /// <summary>A JSON file under Reference (detached from its document).</summary>
    public static JsonElement ReadJson(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(ReferencePath(file)));
        return doc.RootElement.Clone();
    }

    /// <summary>
    /// Simulates <paramref name="samples"/> intervals of <paramref name="interval"/> ms and returns V_m of each
    /// neuron after each one: the value stamped t is V_m at the end of the step (t − h, t], as NEST's
    /// voltmeter stamps it. Result is [sample][neuron].
    /// </summary>
    public static double[][] SampleVm(Simulator sim, NodeCollection neurons, double interval, int samples)
    {
        var result = new double[samples][];
        for (int k = 0; k < samples; k++)
        {
            sim.Simulate(interval);
            result[k] = sim.GetStatus<double>(neurons, ParameterNames.VM);
        }

        return result;
    }

    /// <summary>V_m of one neuron after each of <paramref name="samples"/> intervals (see <see cref="SampleVm"/>).</summary>
    public static double[] SampleVm(Simulator sim, int neuron, double interval, int samples)
    {
        var result = new double[samples];
        for (int k = 0; k < samples; k++)
        {
            sim.Simulate(interval);
            result[k] = sim.GetStatus(neuron).Get<double>(ParameterNames.VM);
        }

        return result;
    }

    /// <summary>The events a spike_recorder holds in memory.</summary>
    public static (int[] Senders, double[] Times) Events(Simulator sim, NodeCollection recorder)
    {
        var events = sim.GetStatus(recorder).Get<StatusDictionary>(ParameterNames.Events);
        return (events.Get<int[]>(ParameterNames.Senders), events.Get<double[]>(ParameterNames.Times));
    }

    /// <summary>A new simulator at the given resolution (set before any node exists, as NEST requires).</summary>
    public static Simulator NewSimulator(double resolution = 0.1, long? seed = null)
    {
        var sim = new Simulator();
        var status = new StatusDictionary { [ParameterNames.Resolution] = resolution };
        if (seed is long s)
        {
            status[ParameterNames.RngSeed] = s;
        }

        sim.SetKernelStatus(status);
        return sim;
    }

    /// <summary>How a value appears in an error message (invariant culture, round-trip format for doubles).</summary>
    public static string Describe(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
