using NeuroKernel.Kernel;
using NeuroKernel.Models;
using NeuroKernel.Models.Devices;

namespace NeuroKernel.Recording;

/// <summary>Parameters of <c>weight_recorder</c>: label, record_to (memory) and the activity window.</summary>
internal sealed record WeightRecorderParameters
{
    public string Label { get; init; } = "";

    public DeviceWindow Window { get; init; } = DeviceWindow.Default;

    /// <summary>Reads the keys into a copy; <paramref name="clear"/> tells that n_events was set to 0.</summary>
    /// <exception cref="BadPropertyException">A value is invalid, or record_to asks for another backend than memory.</exception>
    public WeightRecorderParameters Read(StatusDictionary values, string owner, out bool clear, TimeGrid? grid = null)
    {
        var r = new ParameterReader(values, owner);
        string label = Label, recordTo = "memory";
        r.TryString(ParameterNames.Label, ref label);
        if (r.TryString(ParameterNames.RecordTo, ref recordTo) && recordTo != "memory")
        {
            throw new BadPropertyException(ParameterNames.RecordTo, $"{owner}: the weight_recorder records to memory only (record_to = '{recordTo}').");
        }

        clear = r.ReadEventReset();
        var window = Window.Read(r, grid);
        r.ThrowIfUnused([ParameterNames.Events, .. NodeModel.CommonReadOnlyKeys]);
        return this with { Label = label, Window = window };
    }

    public void Write(StatusDictionary d)
    {
        d[ParameterNames.Label] = Label;
        d[ParameterNames.RecordTo] = "memory";
        Window.Write(d);
    }
}
