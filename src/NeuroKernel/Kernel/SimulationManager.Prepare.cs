using NeuroKernel.Delivery;
using NeuroKernel.Models;
using NeuroKernel.Synapses;

namespace NeuroKernel.Kernel;

internal sealed partial class SimulationManager
{
    /// <summary>The versions of settings, nodes and connections the last full preparation saw.</summary>
    private (int Settings, int Nodes, int Connections) _preparedFor;

    /// <summary>The node parameters and the update form the blocks were last prepared for.</summary>
    private (int Parameters, bool WholeSlices) _blocksPreparedFor;

    /// <summary>
    /// Prepares a run (NEST's <c>Prepare</c>): finalizes the connections made since the last run into the
    /// source-sorted store, sizes the ring buffers from min/max delay, lets each block compute its
    /// propagators, and cuts the blocks into per-thread units. Does nothing when nothing changed; when only node
    /// parameters changed (SetStatus), only the blocks are prepared again (NEST's calibrate), so that a closed loop
    /// of SetStatus and short Simulate calls does not rebuild the connectivity, the units or the delivery.
    /// </summary>
    public void Prepare()
    {
        var nodes = kernel.Nodes;
        var connections = kernel.Connections;
        var versions = (kernel.SettingsVersion, nodes.Version, connections.Version);
        if (versions == _preparedFor)
        {
            if (_blocksPreparedFor != (nodes.ParametersVersion, WholeSliceUpdate))
            {
                PrepareBlocks(connections.Store, _sliceSteps);
            }

            return;
        }

        // The step loop's methods compile on the other core while this one sorts the connections.
        WarmUp.Start(kernel);

        // Events still waiting for their step go into the ring buffers, which the new geometry takes over.
        _delivery?.FlushDeferred();
        // Connectivity first: sorting is independent of the blocks, so it is committed at once.
        connections.FinalizeConnections();
        var store = connections.Store;
        var (minDelay, maxDelay) = store.MaxDelaySteps > 0 ? (store.MinDelaySteps, store.MaxDelaySteps) : (1, 1);
        var rings = PrepareRings(maxDelay, nodes, store);
        PrepareBlocks(store, minDelay);

        // Commit only after every block accepted the run.
        rings.HasCurrents = nodes.Blocks.Any(b => b.Model.SendsCurrents);
        _rings = rings;
        _sliceSteps = minDelay;
        _threads = Math.Clamp(kernel.Settings.LocalNumThreads, 1, store.Partitions.Count);
        // Groups that keep plastic state per row need their rows as they are, and events waiting in a thread's lists its
        // receivers (moving them would change the order in which a cell receives its input): no moving of receivers then.
        _balancer = _threads > 1 && BalanceThreads && store.Partitions.Count == _threads && store.RowsAscending() && !store.Groups.Any(g => g.KeepsStatePerRow)
            && !SpikeDelivery.DefersEvents(store, rings)
            ? new ThreadBalancer(store, _threads)
            : null;
        var units = BuildUnits(nodes.Blocks, store.Partitions, minDelay);
        _unitsByThread = new UpdateUnit[_threads][];
        for (int t = 0; t < _threads; t++)
        {
            int thread = t;
            _unitsByThread[t] = units.Where(u => u.Thread == thread && u.Block.HasUpdate).ToArray();
        }

        kernel.Recording.Prepare(store);
        _eventsDelivered += _delivery?.Events ?? 0;
        _archive = PrepareArchive(store, nodes.NumReceivers, maxDelay);
        _exchange = new LocalSpikeExchange(units.Where(u => u.Block.Model.SendsSpikes && !u.Block.Model.DeliversDirectly));
        var devices = units.Where(u => u.Block.Model.DeliversDirectly).Select(u => (IPerTargetSender)u.Block).ToArray();
        _weights = PrepareWeightRecording(store);
        var synapseContext = new SynapseContext(rings, _archive, kernel.Grid) { Weights = _weights, Neuromodulators = PrepareNeuromodulators() };
        _delivery = new SpikeDelivery(store, _exchange, devices, synapseContext, _threads);
        _runSlices ??= RunSlices;
        _preparedFor = versions;
    }

    /// <summary>
    /// Ring buffers for delays up to <paramref name="maxDelay"/> steps over all receivers; the current ones when their
    /// geometry still fits, otherwise new ones that keep the input pending for the coming steps.
    /// </summary>
    private RingBuffers PrepareRings(int maxDelay, NodeManager nodes, ConnectionStore store)
    {
        // A slice's spikes arrive in steps end … end + max_delay − 1, where end is the step after the slice, and
        // the update consumes steps before end first: max_delay slots hold all pending input (NEST keeps
        // min_delay + max_delay because it delivers a slice's spikes only in the next one).
        int slots = maxDelay;
        bool shared = !nodes.Blocks.Any(b => b.Model.SeparatesSpikeChannels);
        int ports = 0;
        foreach (var g in store.Groups)
        {
            if (g.Key.Channel == InputChannel.Port)
            {
                ports = Math.Max(ports, g.Key.Receptor);
            }
        }

        var rings = _rings;
        if (rings.Slots != slots || rings.Receivers != nodes.NumReceivers || rings.SharedSpikeChannels != shared || rings.PortCount != ports)
        {
            // The spike channels are written from the first slice on; the two current channels are allocated too but
            // stay untouched (and take no physical memory) in networks without current generators.
            MemoryGuard.Check(((shared ? 16.0 : 24.0) + (8.0 * ports)) * slots * nodes.NumReceivers,
                $"Ring buffers for {nodes.NumReceivers} neurons and delays up to {TimeGrid.Format(kernel.Grid.ToMs(maxDelay))} ms");
            rings = _rings.Resize(slots, nodes.NumReceivers, Step, _rings.Slots, shared, ports);
        }

        return rings;
    }

    /// <summary>
    /// The spike archive of the receivers that synapses read (NEST's archiving nodes), sized to the number of reading
    /// connections into each; null when no synapse type in the store reads one. Spikes already archived are kept.
    /// </summary>
    private SpikeArchive? PrepareArchive(ConnectionStore store, int receivers, int maxDelay)
    {
        if (!store.Groups.Any(g => g.ReadsPostSpikes))
        {
            return null;
        }

        var incoming = new int[receivers];
        var parts = store.Partitions;
        foreach (var g in store.Groups.Where(g => g.ReadsPostSpikes))
        {
            for (int row = 0; row < store.NumNodes * parts.Count; row++)
            {
                int start = parts.Base(row % parts.Count);
                for (int j = g.Index[row]; j < g.Index[row + 1]; j++)
                {
                    incoming[start + g.Targets[j]]++;
                }
            }
        }

        var tauMinus = new double[receivers];
        foreach (var b in kernel.Nodes.Blocks)
        {
            for (int local = 0; b.ReceiverOffset >= 0 && local < b.Count; local++)
            {
                tauMinus[b.ReceiverOffset + local] = b.TauMinus(local);
            }
        }

        var archive = _archive ?? new SpikeArchive();
        archive.Resize(incoming, tauMinus, maxDelay, kernel.Grid);
        return archive;
    }

    /// <summary>Per synapse model: the signal of the volume_transmitter its connections read; null when no model with connections has one.</summary>
    private Synapses.NeuromodulatorSignal?[]? PrepareNeuromodulators()
    {
        var nodes = kernel.Nodes;
        var models = kernel.Connections.Synapses.Models;
        Synapses.NeuromodulatorSignal?[]? byModel = null;
        foreach (var m in models)
        {
            if (m.VolumeTransmitter > 0 && m.NumConnections > 0 && nodes.FindBlock(m.VolumeTransmitter) is Models.VolumeTransmitter.VolumeTransmitterBlock block)
            {
                byModel ??= new Synapses.NeuromodulatorSignal?[models.Count];
                byModel[m.Index] = block.Signal(m.VolumeTransmitter - block.FirstId);
            }
        }

        return byModel;
    }

    /// <summary>
    /// The weight_recorder events' buffers when a plastic synapse model with connections names a weight_recorder; null
    /// otherwise (the delivery then checks nothing per connection).
    /// </summary>
    private Synapses.WeightRecording? PrepareWeightRecording(ConnectionStore store)
    {
        var nodes = kernel.Nodes;
        var models = kernel.Connections.Synapses.Models;
        var byModel = new (Recording.WeightRecorderBlock Block, int Local)?[models.Count];
        bool any = false;
        foreach (var m in models)
        {
            if (m.WeightRecorder > 0 && !m.IsStatic && m.NumConnections > 0 && nodes.FindBlock(m.WeightRecorder) is Recording.WeightRecorderBlock block)
            {
                byModel[m.Index] = (block, m.WeightRecorder - block.FirstId);
                any = true;
            }
        }

        if (!any)
        {
            return null;
        }

        var receiverIds = new int[nodes.NumReceivers];
        foreach (var b in nodes.Blocks)
        {
            for (int local = 0; b.ReceiverOffset >= 0 && local < b.Count; local++)
            {
                receiverIds[b.ReceiverOffset + local] = b.FirstId + local;
            }
        }

        return new Synapses.WeightRecording(byModel, receiverIds, store.Partitions.Count);
    }

    /// <summary>Lets every block compute what its parameters imply for a run (propagators, streams, files) and attaches the multimeters' requests.</summary>
    private void PrepareBlocks(ConnectionStore store, int sliceSteps)
    {
        var nodes = kernel.Nodes;
        var context = new PrepareContext
        {
            Grid = kernel.Grid,
            SliceSteps = sliceSteps,
            Seed = kernel.Random.Seed,
            Settings = kernel.Settings,
            Connections = store,
            Step = Step,
            WholeSliceUpdate = WholeSliceUpdate,
        };
        foreach (var b in nodes.Blocks)
        {
            b.Prepare(context);
        }

        kernel.Recording.AttachSampleRequests();
        _blocksPreparedFor = (nodes.ParametersVersion, WholeSliceUpdate);
    }

    /// <summary>Cuts splittable neuron blocks at partition boundaries; everything else is one unit on thread 0.</summary>
    private List<UpdateUnit> BuildUnits(IReadOnlyList<NodeBlock> blocks, ReceiverPartitioning partitions, int sliceSteps)
    {
        var owner = new int[partitions.Count];
        for (int t = 0; t < _threads; t++)
        {
            var (first, end) = partitions.OwnedBy(t, _threads);
            for (int p = first; p < end; p++)
            {
                owner[p] = t;
            }
        }

        var units = new List<UpdateUnit>();
        foreach (var b in blocks)
        {
            if (!b.HasUpdate && !b.Model.SendsSpikes && !b.Model.DeliversDirectly)
            {
                continue;
            }

            if (b.ReceiverOffset >= 0)
            {
                // The threads' loop relies on this: a thread updates exactly the receivers it delivers into.
                if (!b.CanSplit)
                {
                    throw new InvalidOperationException($"{b.Model.Name} receives spikes but cannot be split at partition boundaries.");
                }

                if (_balancer is not null)
                {
                    // One unit per thread, possibly empty, whose range follows the thread's moving boundaries.
                    int capacity = Math.Min(b.Count, _balancer.MaxShare);
                    for (int t = 0; t < _threads; t++)
                    {
                        var unit = new UpdateUnit(b, 0, 0, t, NewSpikes(b, capacity), NewSpikes(b, capacity, second: true));
                        unit.Cover(_balancer.Bounds(0)[t], _balancer.Bounds(0)[t + 1]);
                        units.Add(unit);
                    }

                    continue;
                }

                for (int start = 0; start < b.Count;)
                {
                    int part = partitions.Of(b.ReceiverOffset + start);
                    int end = Math.Min(b.Count, partitions.End(part) - b.ReceiverOffset);
                    units.Add(new UpdateUnit(b, start, end, owner[part], NewSpikes(b, end - start), NewSpikes(b, end - start, second: true)));
                    start = end;
                }
            }
            else
            {
                units.Add(b.HasUpdate ? new UpdateUnit(b, 0, b.Count, 0, NewSpikes(b, b.Count), NewSpikes(b, b.Count, second: true)) : new UpdateUnit(b, 0, b.Count, 0, null));
            }
        }

        return units;

        // The second list exists only with several threads (see RunSlices).
        SpikeList? NewSpikes(NodeBlock b, int count, bool second = false) =>
            second && _threads == 1 ? null : new SpikeList(b.SpikeCapacity(count), sliceSteps);
    }
}
