namespace NeuroKernel.Tests.Models;

/// <summary>
/// What the fixtures need to observe a simulation with NEST's recording devices: a voltmeter or multimeter
/// connected to neurons (the meter is the source, as in NEST) and the arrays of its <c>events</c>.
/// </summary>
internal static class MeterProbe
{
    public const string Voltmeter = "voltmeter";
    public const string Multimeter = "multimeter";
    public const string Interval = "interval";
    public const string RecordFrom = "record_from";

    /// <summary>A voltmeter sampling V_m of <paramref name="targets"/> every <paramref name="interval"/> ms.</summary>
    public static NodeCollection CreateVoltmeter(Simulator sim, NodeCollection targets, double interval = 0.1)
    {
        var meter = sim.Create(Voltmeter, 1, new() { [Interval] = interval });
        sim.Connect(meter, targets);
        return meter;
    }

    /// <summary>A multimeter sampling <paramref name="recordFrom"/> of <paramref name="targets"/>.</summary>
    public static NodeCollection CreateMultimeter(Simulator sim, NodeCollection targets, double interval, params string[] recordFrom)
    {
        var meter = sim.Create(Multimeter, 1, new() { [Interval] = interval, [RecordFrom] = recordFrom });
        sim.Connect(meter, targets);
        return meter;
    }

    /// <summary>The <c>events</c> dictionary of a meter.</summary>
    public static StatusDictionary Events(Simulator sim, NodeCollection meter) =>
        sim.GetStatus(meter).Get<StatusDictionary>(ParameterNames.Events);

    /// <summary>The sample times (ms) of a meter.</summary>
    public static double[] Times(Simulator sim, NodeCollection meter) => Events(sim, meter).Get<double[]>(ParameterNames.Times);

    /// <summary>The senders of a meter's samples.</summary>
    public static int[] Senders(Simulator sim, NodeCollection meter) => Events(sim, meter).Get<int[]>(ParameterNames.Senders);

    /// <summary>One recorded quantity of a meter, e.g. V_m (mV).</summary>
    public static double[] Values(Simulator sim, NodeCollection meter, string name = ParameterNames.VM) =>
        Events(sim, meter).Get<double[]>(name);

    /// <summary>The values of one sender only (for a meter connected to several neurons).</summary>
    public static double[] ValuesOf(Simulator sim, NodeCollection meter, int sender, string name = ParameterNames.VM)
    {
        var events = Events(sim, meter);
        int[] senders = events.Get<int[]>(ParameterNames.Senders);
        double[] values = events.Get<double[]>(name);
        return [.. Enumerable.Range(0, senders.Length).Where(i => senders[i] == sender).Select(i => values[i])];
    }

    /// <summary>The grid times h, 2h, …, n·h (computed as NEST stamps them: step count × h).</summary>
    public static double[] GridTimes(double h, int n) => [.. Enumerable.Range(1, n).Select(k => k * h)];
}
