using System.Runtime.CompilerServices;
using NeuroKernel.Delivery;
using NeuroKernel.Kernel;

namespace NeuroKernel.Models;

/// <summary>
/// A population block: the nodes made by one <c>Create</c> call, a contiguous id range of one model whose
/// state is struct-of-arrays. The kernel dispatches once per block, never once per node.
/// </summary>
internal abstract class NodeBlock
{
    protected NodeBlock(NodeModel model, int firstId, int count)
    {
        Model = model;
        FirstId = firstId;
        Count = count;
    }

    /// <summary>The prototype this block was made from.</summary>
    public NodeModel Model { get; }

    /// <summary>Id of the first node (1-based).</summary>
    public int FirstId { get; }

    /// <summary>Node index (0-based id) of the first node: its place in the canonical order.</summary>
    public int FirstIndex => FirstId - 1;

    /// <summary>Number of nodes.</summary>
    public int Count { get; }

    /// <summary>The kernel's time grid (fixed once nodes exist), for checks at SetStatus time; null in tests that build blocks alone.</summary>
    public TimeGrid? Grid { get; set; }

    /// <summary>Whether the kernel has simulated (set by the node manager before each status change; recorders refuse a new time_in_steps then).</summary>
    public bool KernelHasSimulated { get; set; }

    /// <summary>For samplers: the recordables node <paramref name="local"/> records (multimeter's record_from).</summary>
    public virtual IReadOnlyList<string> SampledRecordables(int local) => [];

    /// <summary>Index of the first node in the kernel's ring buffers (neurons only; −1 otherwise).</summary>
    public int ReceiverOffset { get; set; } = -1;

    /// <summary>The receiver index of node <paramref name="id"/> of this block (neurons only).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public int ReceiverOf(int id) => ReceiverOffset + (id - FirstId);

    /// <summary>Multimeter requests on nodes of this block, sorted by local index (set in Prepare).</summary>
    public Recording.SampleRequest[] SampleRequests { get; set; } = [];

    /// <summary>
    /// What node <paramref name="local"/> can record: its model's <see cref="NodeModel.Recordables"/>, or more for models
    /// whose recordables depend on the node's parameters (a multisynapse neuron's <c>I_syn_1</c>, <c>I_syn_2</c>, …).
    /// </summary>
    public virtual IReadOnlyList<string> RecordablesOf(int local) => Model.Recordables;

    /// <summary>
    /// For models with numbered spike ports (<see cref="NodeModel.HasSpikePorts"/>): throws NEST's
    /// <see cref="IncompatibleReceptorTypeException"/> when node <paramref name="local"/> has no port <paramref name="port"/>.
    /// </summary>
    public virtual void CheckSpikePort(int local, int port) { }

    /// <summary>Called for each target of a Connect call that succeeded into a model with numbered spike ports (NEST's <c>has_connections</c>).</summary>
    public virtual void MarkConnected(int local) { }

    /// <summary>Value of a recordable of one node (units of the quantity); only for names in <see cref="RecordablesOf"/>.</summary>
    public virtual double ReadRecordable(int local, string name) => throw new ArgumentOutOfRangeException(nameof(name));

    /// <summary>The requests on nodes [start, end): requests are sorted by local index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected (int First, int End) RequestsIn(int start, int end)
    {
        var requests = SampleRequests;
        int first = 0;
        while (first < requests.Length && requests[first].Local < start)
        {
            first++;
        }

        int last = first;
        while (last < requests.Length && requests[last].Local < end)
        {
            last++;
        }

        return (first, last);
    }

    /// <summary>Takes a sample for <paramref name="request"/> if the step ending at <paramref name="stamp"/> is one it wants.</summary>
    protected void Sample(Recording.SampleRequest request, long stamp)
    {
        if (!request.Wants(stamp))
        {
            return;
        }

        request.Stamps.Add(stamp);
        foreach (string name in request.Names)
        {
            request.Values.Add(ReadRecordable(request.Local, name));
        }
    }

    /// <summary>For samplers (multimeter): a request to sample <paramref name="target"/>'s node <paramref name="targetLocal"/>.</summary>
    /// <exception cref="BadPropertyException">The target lacks a recordable the sampler asks for.</exception>
    public virtual Recording.SampleRequest CreateSampleRequest(int local, NodeBlock target, int targetLocal) =>
        throw new InvalidOperationException($"{Model.Name} does not sample state.");

    /// <summary>For samplers: notes that node <paramref name="local"/> has been connected.</summary>
    public virtual void MarkSamplerConnected(int local) => throw new InvalidOperationException($"{Model.Name} does not sample state.");

    /// <summary>Bytes reserved for recorded data (recorders; list capacities, so growth by doubling is included).</summary>
    public virtual long RecordedBytes => 0;

    /// <summary>tau_minus (ms) of node <paramref name="local"/>: the time constant of its STDP trace K⁻ (NEST's default 20 ms for nodes without the parameter).</summary>
    public virtual double TauMinus(int local) => 20.0;

    /// <summary>The generic code this block's update runs, instantiated for its model (for the warm-up before the first slice).</summary>
    internal virtual IReadOnlyList<Type> UpdateCode => [];

    /// <summary>Whether a chunk of this block went through the whole-slice neuron update (for tests).</summary>
    internal virtual bool TookWholeSlices => false;

    /// <summary>Hands collected samples over to the recorder (multimeters; called when Simulate returns).</summary>
    public virtual void CollectSamples() { }

    /// <summary>Status of one node: parameters and state (model-specific keys).</summary>
    public abstract StatusDictionary GetStatus(int local);

    /// <summary>
    /// One number of <see cref="GetStatus"/> without building the whole dictionary, for keys a block can answer
    /// directly (a neuron's V_m, I_e and recordables); false means "ask <see cref="GetStatus"/>".
    /// </summary>
    public virtual bool TryGetStatusNumber(int local, string key, out double value)
    {
        value = 0.0;
        return false;
    }

    /// <summary>
    /// Validates new values for one node and returns the action that commits them. Nothing changes until
    /// the returned action runs, so a call on many nodes can validate all before committing any.
    /// </summary>
    /// <exception cref="BadPropertyException">A key is unknown or a value is invalid.</exception>
    public abstract Action ValidateStatus(int local, StatusDictionary values);

    /// <summary>Called by every Simulate before the loop (NEST's <c>pre_run_hook</c>): propagators,
    /// buffers sized by the slice length, per-target streams.</summary>
    public virtual void Prepare(PrepareContext context) { }

    /// <summary>True for blocks that advance state in the update phase (neurons, spike_generator).</summary>
    public virtual bool HasUpdate => false;

    /// <summary>True when the update of a sub-range of nodes is independent of the others, so the block may be
    /// split between threads (neurons); devices are updated whole.</summary>
    public virtual bool CanSplit => false;

    /// <summary>Most spikes <paramref name="count"/> nodes can emit in one step (a spike list bucket).</summary>
    public virtual int SpikeCapacity(int count) => count;

    /// <summary>
    /// Advances nodes [<paramref name="start"/>, <paramref name="end"/>) through one slice (at most min_delay
    /// steps), appending their spikes to <paramref name="spikes"/> lag by lag. Different ranges may run on
    /// different threads.
    /// </summary>
    public virtual void Update(in SliceContext slice, int start, int end, SpikeList spikes) { }

    /// <summary>Called when Simulate returns (or throws): flush files and hand over data.</summary>
    public virtual void Finish() { }

    /// <summary>Called by ResetKernel and Dispose: release files.</summary>
    public virtual void Close() { }

    /// <summary>Records spikes of a source (recorders only).</summary>
    public virtual void RecordSpike(int local, int senderId, long stampStep, int multiplicity, in Synapses.RecorderTap tap) { }

    /// <summary>
    /// For recorders: throws NEST's <see cref="IncompatibleReceptorTypeException"/> when node <paramref name="local"/> takes no
    /// spikes on <paramref name="port"/> (a spike_recorder only port 0; correlation detectors their channels).
    /// </summary>
    public virtual void CheckRecorderPort(int local, int port)
    {
        if (port != 0)
        {
            throw new IncompatibleReceptorTypeException($"Receptor type {port} is not available in {Model.Name} (node {FirstId + local}): it takes spikes on receptor_type 0 only.");
        }
    }
}
