namespace NeuroKernel.Kernel;

/// <summary>The user-settable kernel parameters (an immutable record: a change makes a validated copy).</summary>
internal sealed record KernelSettings
{
    /// <summary>Simulation step h (ms).</summary>
    public double Resolution { get; init; } = 0.1;

    public bool PrintTime { get; init; }

    public bool OverwriteFiles { get; init; }

    public string DataPath { get; init; } = "";

    public string DataPrefix { get; init; } = "";

    /// <summary>Master seed of all random streams (NEST's default).</summary>
    public long RngSeed { get; init; } = 143202461;

    public int LocalNumThreads { get; init; } = 1;
}
