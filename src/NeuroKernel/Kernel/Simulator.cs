using NeuroKernel.Kernel;

namespace NeuroKernel;

/// <summary>
/// The simulation kernel and its PyNEST-style API: <c>Create</c>, <c>SetDefaults</c>/<c>GetDefaults</c>,
/// <c>CopyModel</c>, <c>SetStatus</c>/<c>GetStatus</c>, <c>Connect</c>, <c>Simulate</c>,
/// <c>SetKernelStatus</c>/<c>GetKernelStatus</c> and <c>ResetKernel</c>, with NEST's names for models,
/// parameters and status keys. A new simulator is a freshly reset kernel.
/// </summary>
/// <remarks>
/// <para>A thin facade over the kernel's managers (nodes, connections, simulation, recording, random streams; see
/// docs/architecture.md). Data flows one way: registries (models, synapse models, rules) → build phase (Connect appends
/// to cheap lists) → Prepare (first Simulate after a change: connections finalized into source-sorted compressed rows,
/// propagators computed, ring buffers sized) → step loop in slices of min_delay (update, exchange, delivery in
/// canonical order) → recorders → API and files.</para>
/// <para>A failed call throws a <see cref="NeuroKernelException"/> subclass named after NEST's error and
/// changes nothing. The simulator is not thread-safe: call it from one thread at a time. A call made while another
/// thread is inside the simulator throws <see cref="InvalidOperationException"/> (and changes nothing), and every call
/// after <see cref="Dispose"/> throws <see cref="ObjectDisposedException"/>.</para>
/// </remarks>
public sealed partial class Simulator : IDisposable
{
    private readonly KernelManager _kernel;
    private readonly CallGuard _guard = new();

    /// <summary>Creates a kernel in its reset state (NEST's state after <c>ResetKernel</c>).</summary>
    public Simulator()
    {
        WarmUp.StartBuild();
        _kernel = new KernelManager();
    }

    /// <summary>
    /// Returns the kernel to its initial state (NEST's <c>ResetKernel</c>): all nodes, connections, copied
    /// models and changed defaults are gone, kernel parameters are back to their defaults, and recorders'
    /// files are closed. Models and rules registered by the user stay registered, with their original defaults.
    /// </summary>
    public void ResetKernel()
    {
        using var call = _guard.Enter();
        _kernel.Reset();
    }

    /// <summary>
    /// Closes recorders' files, ends the worker threads (kept between Simulate calls when local_num_threads &gt; 1; they
    /// also end by themselves after a second without a run) and releases the Ctrl-C handler. The simulator may not
    /// be used afterwards: every later call throws <see cref="ObjectDisposedException"/>. Disposing twice does nothing.
    /// </summary>
    public void Dispose()
    {
        if (_guard.IsDisposed)
        {
            return;
        }

        using (_guard.Enter())
        {
            _kernel.Dispose();
            _guard.MarkDisposed();
        }
    }

    /// <summary>The kernel's managers (for tests and benchmarks).</summary>
    internal KernelManager Kernel => _kernel;
}
