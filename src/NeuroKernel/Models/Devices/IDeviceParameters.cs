namespace NeuroKernel.Models.Devices;

/// <summary>The parameters of a stimulation device: an immutable record read from and written to dictionaries.</summary>
internal interface IDeviceParameters<TSelf>
    where TSelf : class, IDeviceParameters<TSelf>
{
    /// <summary>The activity window (start, stop, origin).</summary>
    DeviceWindow Window { get; }

    /// <summary>A validated copy with the dictionary's values; nothing is changed.</summary>
    TSelf Read(StatusDictionary values, string owner, Kernel.TimeGrid? grid = null);

    StatusDictionary ToDictionary();
}
