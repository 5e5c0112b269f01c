// Linked into the samples that report their peak memory (see their .csproj files).

using System.Diagnostics;
using System.Globalization;

namespace NeuroKernel.Samples;

/// <summary>The process's memory as the samples report it.</summary>
internal static class ProcessMemory
{
    /// <summary>Peak resident set size in MB: VmHWM from /proc/self/status on Linux, the peak working set elsewhere.</summary>
    public static double PeakRssMegabytes()
    {
        const string Path = "/proc/self/status";
        if (!File.Exists(Path))
        {
            return Process.GetCurrentProcess().PeakWorkingSet64 / 1e6;
        }

        string line = File.ReadLines(Path).First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return double.Parse(line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1000.0;
    }
}
