using NeuroKernel.Models;
using NeuroKernel.Models.Devices;

namespace NeuroKernel.Recording;

/// <summary>Where a recorder's events go.</summary>
internal enum FileLayout
{
    /// <summary>No file.</summary>
    None,

    /// <summary>NEST 3 ascii backend: <c>.dat</c> with a header, <c>sender&lt;TAB&gt;time_ms</c>.</summary>
    Dat,

    /// <summary>NEST 2 <c>to_file</c>: <c>.gdf</c>, <c>gid&lt;TAB&gt;time</c>.</summary>
    Gdf,
}

/// <summary>Settings of a <c>spike_recorder</c> (NEST 3 keys and the NEST 2 keys of <c>spike_detector</c>).</summary>
internal sealed record SpikeRecorderParameters
{
    public static readonly string[] Backends = ["memory", "ascii", "screen"];

    public string Label { get; init; } = "";

    /// <summary>NEST 3 backend: memory, ascii or screen.</summary>
    public string RecordTo { get; init; } = "memory";

    /// <summary>NEST 2 <c>to_file</c>: write a .gdf file (in addition to memory when <see cref="ToMemory"/>).</summary>
    public bool ToFile { get; init; }

    /// <summary>NEST 2 <c>to_memory</c> (default true).</summary>
    public bool ToMemory { get; init; } = true;

    public bool WithGid { get; init; } = true;

    public bool WithTime { get; init; } = true;

    /// <summary>Times as steps and offsets (NEST's time_in_steps; chosen before the first Simulate).</summary>
    public bool TimeInSteps { get; init; }

    public DeviceWindow Window { get; init; } = DeviceWindow.Default;

    public bool KeepsMemory
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        get => ToFile ? ToMemory : RecordTo == "memory";
    }

    public bool PrintsToScreen
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        get => !ToFile && RecordTo == "screen";
    }

    public FileLayout Layout => ToFile ? FileLayout.Gdf : RecordTo == "ascii" ? FileLayout.Dat : FileLayout.None;

    /// <summary>Reads a user's dictionary; <paramref name="clearEvents"/> is true when it set n_events to 0.</summary>
    public SpikeRecorderParameters Read(StatusDictionary values, string owner, out bool clearEvents, Kernel.TimeGrid? grid = null, bool simulated = false)
    {
        var r = new ParameterReader(values, owner);
        string label = Label, recordTo = RecordTo;
        bool toFile = ToFile, toMemory = ToMemory, withGid = WithGid, withTime = WithTime;
        r.TryString(ParameterNames.Label, ref label);
        if (r.TryString(ParameterNames.RecordTo, ref recordTo) && Array.IndexOf(Backends, recordTo) < 0)
        {
            throw new BadPropertyException(ParameterNames.RecordTo,
                $"{owner}: unknown recording backend (record_to = '{recordTo}'); known backends are memory, ascii and screen.");
        }

        r.TryBool(ParameterNames.ToFile, ref toFile);
        r.TryBool(ParameterNames.ToMemory, ref toMemory);
        r.TryBool(ParameterNames.WithGid, ref withGid);
        r.TryBool(ParameterNames.WithTime, ref withTime);
        if (!withGid || !withTime)
        {
            throw new BadPropertyException(withGid ? ParameterNames.WithTime : ParameterNames.WithGid,
                $"{owner}: NeuroKernel writes spike files with both gid and time (withgid = {withGid}, withtime = {withTime}).");
        }

        bool timeInSteps = Recording.TimeInSteps.Read(r, TimeInSteps, simulated);
        clearEvents = r.ReadEventReset();

        var window = Window.Read(r, grid);
        if (label.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new BadPropertyException(ParameterNames.Label, $"{owner}: label contains characters not allowed in a file name (label = '{label}').");
        }

        r.ThrowIfUnused([ParameterNames.Events, .. NodeModel.CommonReadOnlyKeys]);
        return this with
        {
            Label = label,
            RecordTo = recordTo,
            ToFile = toFile,
            ToMemory = toMemory,
            WithGid = withGid,
            WithTime = withTime,
            TimeInSteps = timeInSteps,
            Window = window,
        };
    }

    public void Write(StatusDictionary d)
    {
        d[ParameterNames.Label] = Label;
        d[ParameterNames.RecordTo] = ToFile ? "ascii" : RecordTo;
        d[ParameterNames.ToFile] = ToFile || RecordTo == "ascii";
        d[ParameterNames.ToMemory] = KeepsMemory;
        d[ParameterNames.WithGid] = WithGid;
        d[ParameterNames.WithTime] = WithTime;
        d[Recording.TimeInSteps.Key] = TimeInSteps;
        Window.Write(d);
    }
}
