using NeuroKernel.Delivery;
using NeuroKernel.Models;
using NeuroKernel.Synapses;

namespace NeuroKernel;

/// <summary>
/// The simulation kernel and its PyNEST-style API: <c>Create</c>, <c>SetDefaults</c>/<c>GetDefaults</c>,
/// <c>CopyModel</c>, <c>SetStatus</c>/<c>GetStatus</c>, <c>Connect</c>, <c>Simulate</c>,
/// <c>SetKernelStatus</c>/<c>GetKernelStatus</c> and <c>ResetKernel</c>, with NEST's names for models,
/// parameters and status keys. A new simulator is a freshly reset kernel.
/// </summary>
/// <remarks>
/// <para>Data flows one way: registries (models, synapse models) → build phase (Connect appends to
/// cheap lists) → Prepare (first Simulate after a change: connections finalized into source-sorted
/// compressed rows, propagators computed, ring buffers sized) → step loop in slices of min_delay
/// (update, then spike delivery in canonical order) → recorders → API and files.</para>
/// <para>A failed call throws a <see cref="NeuroKernelException"/> subclass named after NEST's error and
/// changes nothing. The simulator is not thread-safe: call it from one thread.</para>
/// </remarks>
public sealed partial class Simulator : IDisposable
{
    private Kernel.KernelSettings _settings = new();
    private ModelRegistry _models = null!;
    private SynapseRegistry _synapses = null!;
    private List<NodeBlock> _blocks = null!;
    private int _numNodes;
    private int _numReceivers;
    private Dictionary<ConnectionGroupKey, ConnectionGroupBuilder> _pendingGroups = null!;
    private List<RecorderTap> _pendingTaps = null!;
    private List<(int Meter, int Target, SamplerTapInfo Info)> _samplerTaps = null!;
    private ConnectionStore _store = ConnectionStore.Empty;
    private RingBuffers _rings = new(1, 0);
    private long _step;
    private bool _prepared;

    /// <summary>False after SetStatus on nodes: the next Simulate prepares the blocks again, nothing else.</summary>
    private bool _parametersPrepared;
    private bool _needsReset;
    private int _storeVersion;

    /// <summary>Creates a kernel in its reset state (NEST's state after <c>ResetKernel</c>).</summary>
    public Simulator()
    {
        Kernel.WarmUp.StartBuild();
        Reset();
    }

    /// <summary>
    /// Returns the kernel to its initial state (NEST's <c>ResetKernel</c>): all nodes, connections, copied
    /// models and changed defaults are gone, kernel parameters are back to their defaults, and recorders'
    /// files are closed.
    /// </summary>
    public void ResetKernel()
    {
        CloseFiles();
        EndWorkers();
        Reset();
    }

    /// <summary>
    /// Closes recorders' files, ends the worker threads (kept between Simulate calls when local_num_threads &gt; 1; they
    /// also end by themselves after a second without a run) and releases the Ctrl-C handler. The simulator may not
    /// be used afterwards.
    /// </summary>
    public void Dispose()
    {
        CloseFiles();
        EndWorkers();
        _interruptRegistration?.Dispose();
        _interruptRegistration = null;
    }

    private void EndWorkers()
    {
        _pool?.Dispose();
        _pool = null;
    }

    private void Reset()
    {
        _settings = new Kernel.KernelSettings();
        _models = new ModelRegistry();
        ModelCatalog.RegisterBuiltIns(_models);
        _synapses = new SynapseRegistry();
        _blocks = [];
        _numNodes = 0;
        _numReceivers = 0;
        _pendingGroups = [];
        _pendingTaps = [];
        _samplerTaps = [];
        _store = ConnectionStore.Empty;
        _rings = new RingBuffers(1, 0);
        _step = 0;
        _prepared = false;
        _parametersPrepared = false;
        _needsReset = false;
        _storeVersion = 0;
        _delivery = null;
        _balancer = null;
        _unitsByThread = [];
        _connectCalls = 0;
        _largestCheckedDelay = 0;
        _spikesDelivered = 0;
        _eventsDelivered = 0;
    }

    private void CloseFiles()
    {
        foreach (var b in _blocks)
        {
            b.Close();
        }
    }

    private Kernel.TimeGrid Grid => new(_settings.Resolution);

    /// <summary>The block that holds node <paramref name="nodeId"/>.</summary>
    private NodeBlock FindBlock(int nodeId)
    {
        if (nodeId < 1 || nodeId > _numNodes)
        {
            throw new UnknownNodeException(nodeId);
        }

        int lo = 0, hi = _blocks.Count - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >> 1;
            if (_blocks[mid].FirstId <= nodeId)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return _blocks[lo];
    }
}
