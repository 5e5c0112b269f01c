using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace NeuroKernel.Benchmarks;

/// <summary>
/// The configuration of every NeuroKernel benchmark: BenchmarkDotNet's defaults (jobs come from the command
/// line, e.g. <c>--job short</c>) plus the memory diagnoser, so each summary reports Gen0/1/2 collections and
/// Allocated bytes per operation. The step-loop benchmarks rely on it: their Allocated column must read "-".
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public BenchmarkConfig()
    {
        Add(DefaultConfig.Instance);
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
