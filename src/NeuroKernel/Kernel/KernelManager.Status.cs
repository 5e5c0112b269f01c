using NeuroKernel.Models;

namespace NeuroKernel.Kernel;

internal sealed partial class KernelManager
{
    private static readonly string[] ReadOnlyKernelKeys =
    [
        ParameterNames.BiologicalTime, ParameterNames.NumConnections, ParameterNames.NetworkSize,
        ParameterNames.MinDelay, ParameterNames.MaxDelay, "node_models", "synapse_models", "connection_rules",
        "recording_backends", "tics_per_ms", "ms_per_tic", "total_num_virtual_procs", "num_processes",
    ];

    /// <summary>NEST's <c>SetKernelStatus</c>: every entry is checked, then the new settings are swapped in together.</summary>
    public void SetStatus(StatusDictionary status)
    {
        var r = new ParameterReader(status, "SetKernelStatus");
        var s = Settings;
        double resolution = s.Resolution;
        if (r.TryFinite(ParameterNames.Resolution, ref resolution) && resolution != s.Resolution)
        {
            if (resolution > TimeGrid.MaxMs)
            {
                throw ParameterReader.Bad(ParameterNames.Resolution, resolution,
                    $"The resolution must not exceed the largest time the kernel's clock holds ({TimeGrid.Format(TimeGrid.MaxMs)} ms).");
            }

            if (!TimeGrid.IsTicMultiple(resolution))
            {
                throw ParameterReader.Bad(ParameterNames.Resolution, resolution, "The resolution must be a positive multiple of the tic (0.001 ms).");
            }

            if (Nodes.NumNodes > 0 || Simulation.Step > 0)
            {
                throw new KernelStateErrorException(
                    $"Cannot change the resolution after nodes have been created or time has passed (resolution = {StatusDictionary.Describe(resolution)}); call ResetKernel first.");
            }
        }

        bool printTime = s.PrintTime, overwrite = s.OverwriteFiles;
        string dataPath = s.DataPath, dataPrefix = s.DataPrefix;
        long seed = s.RngSeed, threads = s.LocalNumThreads;
        r.TryBool(ParameterNames.PrintTime, ref printTime);
        r.TryBool(ParameterNames.OverwriteFiles, ref overwrite);
        r.TryString(ParameterNames.DataPath, ref dataPath);
        r.TryString(ParameterNames.DataPrefix, ref dataPrefix);
        if (r.TryLong(ParameterNames.RngSeed, ref seed) && (seed < 1 || seed > uint.MaxValue))
        {
            throw new BadPropertyException(ParameterNames.RngSeed, $"rng_seed must be in [1, 2^32 - 1] (rng_seed = {seed}).");
        }

        if (r.TryLong(ParameterNames.LocalNumThreads, ref threads) && (threads < 1 || threads > 1024))
        {
            throw new BadPropertyException(ParameterNames.LocalNumThreads, $"local_num_threads must be between 1 and 1024 (local_num_threads = {threads}).");
        }

        if (dataPrefix.Contains('/', StringComparison.Ordinal) || dataPrefix.Contains('\\', StringComparison.Ordinal))
        {
            throw new BadPropertyException(ParameterNames.DataPrefix, $"data_prefix must not contain path separators (data_prefix = '{dataPrefix}').");
        }

        if (dataPath.Length > 0 && !Directory.Exists(dataPath))
        {
            throw new BadPropertyException(ParameterNames.DataPath, $"data_path must be an existing directory (data_path = '{dataPath}').");
        }

        r.ThrowIfUnused(ReadOnlyKernelKeys);
        Settings = s with
        {
            Resolution = resolution,
            PrintTime = printTime,
            OverwriteFiles = overwrite,
            DataPath = dataPath,
            DataPrefix = dataPrefix,
            RngSeed = seed,
            LocalNumThreads = (int)threads,
        };
        SettingsVersion++;
    }

    /// <summary>NEST's <c>GetKernelStatus</c>: the settings and what each manager reports.</summary>
    public StatusDictionary GetStatus()
    {
        var s = Settings;
        var (minDelay, maxDelay) = Connections.DelayExtremaSteps();
        return new StatusDictionary
        {
            [ParameterNames.Resolution] = s.Resolution,
            [ParameterNames.PrintTime] = s.PrintTime,
            [ParameterNames.OverwriteFiles] = s.OverwriteFiles,
            [ParameterNames.DataPath] = s.DataPath,
            [ParameterNames.DataPrefix] = s.DataPrefix,
            [ParameterNames.RngSeed] = s.RngSeed,
            [ParameterNames.LocalNumThreads] = (long)s.LocalNumThreads,
            [ParameterNames.BiologicalTime] = Grid.ToMs(Simulation.Step),
            [ParameterNames.NumConnections] = Connections.Synapses.TotalConnections,
            [ParameterNames.NetworkSize] = (long)Nodes.NumNodes,
            [ParameterNames.MinDelay] = Grid.ToMs(minDelay),
            [ParameterNames.MaxDelay] = Grid.ToMs(maxDelay),
            ["tics_per_ms"] = TimeGrid.TicsPerMs,
            ["ms_per_tic"] = TimeGrid.MsPerTic,
            ["num_processes"] = 1L,
            ["total_num_virtual_procs"] = (long)s.LocalNumThreads,
            ["node_models"] = Models.Registry.Names.ToArray(),
            ["synapse_models"] = Connections.Synapses.Models.Select(m => m.Name).ToArray(),
            ["connection_rules"] = Connections.Rules.Names.ToArray(),
            ["recording_backends"] = new[] { "memory", "ascii", "screen" },
        };
    }
}
