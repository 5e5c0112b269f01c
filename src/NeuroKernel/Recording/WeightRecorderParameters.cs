using NeuroKernel.Kernel;
using NeuroKernel.Models;
using NeuroKernel.Models.Devices;

namespace NeuroKernel.Recording;

/// <summary>
/// Parameters of <c>weight_recorder</c>: label, record_to (memory or ascii), the activity window, and NEST's filters
/// <c>senders</c> and <c>targets</c> (node ids; empty records every connection).
/// </summary>
internal sealed record WeightRecorderParameters
{
    /// <summary>The backends a weight_recorder writes to.</summary>
    private static readonly string[] Backends = ["memory", "ascii"];

    public string Label { get; init; } = "";

    /// <summary>memory or ascii (NEST 3's file backend: <c>label-id-0.dat</c>).</summary>
    public string RecordTo { get; init; } = "memory";

    /// <summary>Times as steps and offsets (NEST's time_in_steps; chosen before the first Simulate).</summary>
    public bool TimeInSteps { get; init; }

    public DeviceWindow Window { get; init; } = DeviceWindow.Default;

    /// <summary>Sorted node ids whose connections are recorded as sources; empty for all.</summary>
    public int[] Senders { get; init; } = [];

    /// <summary>Sorted node ids whose connections are recorded as targets; empty for all.</summary>
    public int[] Targets { get; init; } = [];

    public bool KeepsMemory => RecordTo == "memory";

    public FileLayout Layout => RecordTo == "ascii" ? FileLayout.Dat : FileLayout.None;

    /// <summary>True when the filters let an event of <paramref name="sender"/> → <paramref name="target"/> through.</summary>
    public bool Accepts(int sender, int target) =>
        (Senders.Length == 0 || Array.BinarySearch(Senders, sender) >= 0) && (Targets.Length == 0 || Array.BinarySearch(Targets, target) >= 0);

    /// <summary>Reads the keys into a copy; <paramref name="clear"/> tells that n_events was set to 0.</summary>
    /// <exception cref="BadPropertyException">A value is invalid, or record_to names a backend the weight_recorder lacks.</exception>
    public WeightRecorderParameters Read(StatusDictionary values, string owner, out bool clear, TimeGrid? grid = null, bool simulated = false)
    {
        var r = new ParameterReader(values, owner);
        string label = Label, recordTo = RecordTo;
        r.TryString(ParameterNames.Label, ref label);
        if (r.TryString(ParameterNames.RecordTo, ref recordTo) && Array.IndexOf(Backends, recordTo) < 0)
        {
            throw new BadPropertyException(ParameterNames.RecordTo, $"{owner}: unknown recording backend for a weight_recorder (record_to = '{recordTo}'); known backends are memory and ascii.");
        }

        if (label.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new BadPropertyException(ParameterNames.Label, $"{owner}: label contains characters not allowed in a file name (label = '{label}').");
        }

        var senders = ReadIds(r, ParameterNames.Senders, Senders, owner);
        var targets = ReadIds(r, "targets", Targets, owner);
        bool timeInSteps = Recording.TimeInSteps.Read(r, TimeInSteps, simulated);
        clear = r.ReadEventReset();
        var window = Window.Read(r, grid);
        r.ThrowIfUnused([ParameterNames.Events, .. NodeModel.CommonReadOnlyKeys]);
        return this with { Label = label, RecordTo = recordTo, Window = window, Senders = senders, Targets = targets, TimeInSteps = timeInSteps };
    }

    /// <summary>Node ids (a NodeCollection or numbers), sorted; positive integers only.</summary>
    private static int[] ReadIds(ParameterReader r, string key, int[] current, string owner)
    {
        double[] raw = [];
        if (!r.TryDoubleArray(key, ref raw))
        {
            return current;
        }

        var ids = new int[raw.Length];
        for (int k = 0; k < raw.Length; k++)
        {
            if (raw[k] < 1.0 || raw[k] > int.MaxValue || raw[k] != Math.Floor(raw[k]))
            {
                throw new BadPropertyException(key, $"{owner}: '{key}' must hold node ids (positive integers), found {StatusDictionary.Describe(raw[k])}.");
            }

            ids[k] = (int)raw[k];
        }

        Array.Sort(ids);
        return ids;
    }

    public void Write(StatusDictionary d)
    {
        d[ParameterNames.Label] = Label;
        d[ParameterNames.RecordTo] = RecordTo;
        d[ParameterNames.Senders] = Senders.ToArray();
        d["targets"] = Targets.ToArray();
        d[Recording.TimeInSteps.Key] = TimeInSteps;
        Window.Write(d);
    }
}
