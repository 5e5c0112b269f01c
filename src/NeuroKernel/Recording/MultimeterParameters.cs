using NeuroKernel.Models;
using NeuroKernel.Models.Devices;

namespace NeuroKernel.Recording;

/// <summary>Settings of a <c>multimeter</c> or <c>voltmeter</c>.</summary>
internal sealed record MultimeterParameters
{
    public string[] RecordFrom { get; init; } = [];

    /// <summary>Sampling interval (ms): a positive multiple of the resolution.</summary>
    public double Interval { get; init; } = 1.0;

    public string Label { get; init; } = "";

    public string RecordTo { get; init; } = "memory";

    /// <summary>Times as steps and offsets (NEST's time_in_steps; chosen before the first Simulate).</summary>
    public bool TimeInSteps { get; init; }

    public DeviceWindow Window { get; init; } = DeviceWindow.Default;

    public MultimeterParameters Read(StatusDictionary values, string owner, out bool clearEvents, Kernel.TimeGrid? grid = null, bool simulated = false)
    {
        var r = new ParameterReader(values, owner);
        string label = Label, recordTo = RecordTo;
        r.TryString(ParameterNames.Label, ref label);
        if (r.TryString(ParameterNames.RecordTo, ref recordTo) && Array.IndexOf(SpikeRecorderParameters.Backends, recordTo) < 0)
        {
            throw new BadPropertyException(ParameterNames.RecordTo,
                $"{owner}: unknown recording backend (record_to = '{recordTo}'); known backends are memory, ascii and screen.");
        }

        double interval = Interval;
        if (r.TryFinite("interval", ref interval) && interval <= 0.0)
        {
            throw ParameterReader.Bad("interval", interval, $"{owner}: the sampling interval must be positive.");
        }

        string[] recordFrom = RecordFrom;
        if (values.TryGetValue("record_from", out object? raw))
        {
            r.MarkUsed("record_from");
            recordFrom = raw switch
            {
                string[] names => [.. names],
                IEnumerable<string> names => [.. names],
                _ => throw new BadPropertyException("record_from", $"{owner}: record_from must be a list of recordable names (record_from = {StatusDictionary.Describe(raw)})."),
            };
            if (recordFrom.Distinct(StringComparer.Ordinal).Count() != recordFrom.Length)
            {
                throw new BadPropertyException("record_from", $"{owner}: record_from names a recordable twice (record_from = [{string.Join(", ", recordFrom)}]).");
            }
        }

        bool timeInSteps = Recording.TimeInSteps.Read(r, TimeInSteps, simulated);
        clearEvents = r.ReadEventReset();

        if (grid is { } g && (!g.IsOnGrid(interval, out long steps) || steps < 1))
        {
            throw new BadPropertyException("interval",
                $"{owner}: the sampling interval must be a multiple of the resolution (interval = {StatusDictionary.Describe(interval)} ms, resolution = {StatusDictionary.Describe(g.Resolution)} ms).");
        }

        var window = Window.Read(r, grid);
        r.ThrowIfUnused([ParameterNames.Events, .. NodeModel.CommonReadOnlyKeys]);
        return this with { RecordFrom = recordFrom, Interval = interval, Label = label, RecordTo = recordTo, TimeInSteps = timeInSteps, Window = window };
    }

    public void Write(StatusDictionary d)
    {
        d["record_from"] = RecordFrom.ToArray();
        d["interval"] = Interval;
        d[ParameterNames.Label] = Label;
        d[ParameterNames.RecordTo] = RecordTo;
        d[Recording.TimeInSteps.Key] = TimeInSteps;
        Window.Write(d);
    }
}
