namespace NeuroKernel;

public sealed partial class Simulator
{
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
        using var call = _guard.Enter();
        _kernel.SetStatus(status);
    }

    /// <summary>
    /// The kernel's status (NEST's <c>GetKernelStatus</c>): the settable parameters and the read-only
    /// <c>biological_time</c> (ms), <c>num_connections</c>, <c>network_size</c>, <c>min_delay</c> and
    /// <c>max_delay</c> (ms), and the lists of models and rules.
    /// </summary>
    /// <returns>A new dictionary.</returns>
    public StatusDictionary GetKernelStatus()
    {
        using var call = _guard.Enter();
        return _kernel.GetStatus();
    }

    /// <summary>Reads one kernel status entry.</summary>
    /// <typeparam name="T">The type wanted.</typeparam>
    /// <param name="key">A kernel status key.</param>
    /// <returns>The value.</returns>
    /// <exception cref="BadPropertyException">The key is unknown or cannot be read as <typeparamref name="T"/>.</exception>
    public T GetKernelStatus<T>(string key) => GetKernelStatus().Get<T>(key);
}
