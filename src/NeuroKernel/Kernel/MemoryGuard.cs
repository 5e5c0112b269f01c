using System.Globalization;

namespace NeuroKernel.Kernel;

/// <summary>Refuses requests that cannot fit in memory before they allocate anything.</summary>
internal static class MemoryGuard
{
    /// <summary>Rough bytes of state per neuron (state arrays, parameters, spike lists) without ring buffers.</summary>
    public const long NeuronBytes = 160;

    /// <summary>Rough bytes per connection while it is built and sorted (ids, sorted targets, index).</summary>
    public const long ConnectionBytes = 8;

    /// <summary>Throws when <paramref name="bytes"/> more would exceed the memory available to the process.</summary>
    public static void Check(double bytes, string what)
    {
        var info = GC.GetGCMemoryInfo();
        double available = info.TotalAvailableMemoryBytes - GC.GetTotalMemory(false);
        if (bytes > available)
        {
            throw new MemoryLimitExceededException(string.Create(CultureInfo.InvariantCulture,
                $"{what} would need about {bytes / 1e9:F1} GB, but only {available / 1e9:F1} GB are available."));
        }
    }
}
