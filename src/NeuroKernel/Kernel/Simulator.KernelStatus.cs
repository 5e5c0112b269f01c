using NeuroKernel.Kernel;
using NeuroKernel.Models;

namespace NeuroKernel;

public sealed partial class Simulator
{
    private static readonly string[] ReadOnlyKernelKeys =
    [
        ParameterNames.BiologicalTime, ParameterNames.NumConnections, ParameterNames.NetworkSize,
        ParameterNames.MinDelay, ParameterNames.MaxDelay, "node_models", "synapse_models", "connection_rules",
        "recording_backends", "tics_per_ms", "ms_per_tic", "total_num_virtual_procs", "num_processes",
    ];

    /// <summary>
    /// Changes kernel parameters (NEST's <c>SetKernelStatus</c>): <c>resolution</c> (ms), <c>print_time</c>,
    /// <c>overwrite_files</c>, <c>data_path</c>, <c>data_prefix</c>, <c>rng_seed</c>, <c>local_num_threads</c>.
    /// All entries are checked before any is applied.
    /// </summary>
    /// <param name="status">The entries to change.</param>
    /// <exception cref="ArgumentNullException"><paramref name="status"/> is null.</exception>
    /// <exception cref="BadPropertyException">A key is unknown or read-only, or a value is invalid.</exception>
    /// <exception cref="KernelStateErrorException">The resolution is changed after nodes were created or time has passed.</exception>
    public void SetKernelStatus(StatusDictionary status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var r = new ParameterReader(status, "SetKernelStatus");
        var s = _settings;
        double resolution = s.Resolution;
        if (r.TryFinite(ParameterNames.Resolution, ref resolution) && resolution != s.Resolution)
        {
            if (resolution <= 0.0 || Math.Abs(resolution * 1000.0 - Math.Round(resolution * 1000.0)) > 1e-9 * resolution * 1000.0)
            {
                throw ParameterReader.Bad(ParameterNames.Resolution, resolution, "The resolution must be a positive multiple of the tic (0.001 ms).");
            }

            if (_numNodes > 0 || _step > 0)
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
        _settings = s with
        {
            Resolution = resolution,
            PrintTime = printTime,
            OverwriteFiles = overwrite,
            DataPath = dataPath,
            DataPrefix = dataPrefix,
            RngSeed = seed,
            LocalNumThreads = (int)threads,
        };
        _prepared = false;
    }

    /// <summary>
    /// The kernel's status (NEST's <c>GetKernelStatus</c>): the settable parameters and the read-only
    /// <c>biological_time</c> (ms), <c>num_connections</c>, <c>network_size</c>, <c>min_delay</c> and
    /// <c>max_delay</c> (ms), and the lists of models and rules.
    /// </summary>
    /// <returns>A new dictionary.</returns>
    public StatusDictionary GetKernelStatus()
    {
        var s = _settings;
        var (minDelay, maxDelay) = DelayExtremaSteps();
        return new StatusDictionary
        {
            [ParameterNames.Resolution] = s.Resolution,
            [ParameterNames.PrintTime] = s.PrintTime,
            [ParameterNames.OverwriteFiles] = s.OverwriteFiles,
            [ParameterNames.DataPath] = s.DataPath,
            [ParameterNames.DataPrefix] = s.DataPrefix,
            [ParameterNames.RngSeed] = s.RngSeed,
            [ParameterNames.LocalNumThreads] = (long)s.LocalNumThreads,
            [ParameterNames.BiologicalTime] = Grid.ToMs(_step),
            [ParameterNames.NumConnections] = _synapses.TotalConnections,
            [ParameterNames.NetworkSize] = (long)_numNodes,
            [ParameterNames.MinDelay] = Grid.ToMs(minDelay),
            [ParameterNames.MaxDelay] = Grid.ToMs(maxDelay),
            ["tics_per_ms"] = 1000.0,
            ["ms_per_tic"] = 0.001,
            ["num_processes"] = 1L,
            ["total_num_virtual_procs"] = (long)s.LocalNumThreads,
            ["node_models"] = _models.Names.ToArray(),
            ["synapse_models"] = _synapses.Models.Select(m => m.Name).ToArray(),
            ["connection_rules"] = ConnectionRules.ToArray(),
            ["recording_backends"] = new[] { "memory", "ascii", "screen" },
        };
    }

    /// <summary>Reads one kernel status entry.</summary>
    /// <typeparam name="T">The type wanted.</typeparam>
    /// <param name="key">A kernel status key.</param>
    /// <returns>The value.</returns>
    /// <exception cref="BadPropertyException">The key is unknown or cannot be read as <typeparamref name="T"/>.</exception>
    public T GetKernelStatus<T>(string key) => GetKernelStatus().Get<T>(key);

    /// <summary>min and max delay over all connections made so far, in steps (one step when there are none).</summary>
    private (long Min, long Max) DelayExtremaSteps()
    {
        long min = _store.MaxDelaySteps > 0 ? _store.MinDelaySteps : long.MaxValue;
        long max = _store.MaxDelaySteps;
        foreach (var g in _pendingGroups.Values)
        {
            if (g.Connections > 0)
            {
                min = Math.Min(min, g.Key.PerConnectionDelay ? g.MinDelay : g.Key.DelaySteps);
                max = Math.Max(max, g.Key.PerConnectionDelay ? g.MaxDelay : g.Key.DelaySteps);
            }
        }

        foreach (var t in _pendingTaps)
        {
            min = Math.Min(min, t.DelaySteps);
            max = Math.Max(max, t.DelaySteps);
        }

        return min == long.MaxValue ? (1, 1) : (min, max);
    }
}
