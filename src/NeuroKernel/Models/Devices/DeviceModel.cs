namespace NeuroKernel.Models.Devices;

/// <summary>The prototype of a stimulation device: its defaults are one parameter record.</summary>
internal abstract class DeviceModel<TParameters>(string name, TParameters defaults) : NodeModel(name)
    where TParameters : class, IDeviceParameters<TParameters>
{
    protected TParameters Defaults { get; private set; } = defaults;

    public override ElementType ElementType => ElementType.Stimulator;

    public override StatusDictionary GetDefaults() => Defaults.ToDictionary();

    public override void SetDefaults(StatusDictionary values) => Defaults = Defaults.Read(values, Name);
}
