using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using NeuroKernel.Delivery;
using NeuroKernel.Kernel;
using NeuroKernel.Models;
using NeuroKernel.Synapses;

namespace NeuroKernel;

public sealed partial class Simulator
{
    private UpdateUnit[][] _unitsByThread = [];
    private SpikeDelivery? _delivery;
    private ThreadBalancer? _balancer;
    private int _sliceSteps = 1;
    private int _threads = 1;
    private Action<int>? _runSlices;
    private WorkerPool? _pool;
    private (long Start, long End, Progress? Progress) _run;
    private long _spikesDelivered, _eventsDelivered;
    private int _interrupted;
    private int _simulating;
    private PosixSignalRegistration? _interruptRegistration;

    /// <summary>Spikes sent by neurons and generators and the synaptic events they caused, since the kernel was reset (for benchmarks).</summary>
    internal (long Spikes, long Events) DeliveryCounters
    {
        get
        {
            var (spikes, events) = _delivery?.Counters ?? (0, 0);
            return (_spikesDelivered + spikes, _eventsDelivered + events);
        }
    }

    /// <summary>The delivery built by the last full preparation (for tests: SetStatus alone must not rebuild it).</summary>
    internal object? PreparedDelivery => _delivery;

    /// <summary>Whether the prepared ring buffers keep both spike channels in one array (for tests).</summary>
    internal bool SharedSpikeChannels => _rings.SharedSpikeChannels;

    /// <summary>Slots of the prepared ring buffers (for tests).</summary>
    internal int RingSlots => _rings.Slots;

    /// <summary>What moves the receiver boundaries between threads during a run, or null where they are fixed (for tests).</summary>
    internal ThreadBalancer? Balancer => _balancer;

    /// <summary>
    /// Whether the next full preparation lets the threads' receiver boundaries move (<see cref="ThreadBalancer"/>); on by
    /// default (for tests and benchmarks).
    /// </summary>
    internal bool BalanceThreads { get; set; } = true;

    /// <summary>
    /// Whether neuron blocks update whole slices per group of neurons (state in registers) instead of lag by lag; on
    /// where the CPU has 512-bit vectors, since the state of a group fills about thirty vector registers (for tests and
    /// benchmarks). Applies from the next Simulate.
    /// </summary>
    internal bool WholeSliceUpdate
    {
        get => _wholeSliceUpdate;
        set
        {
            _wholeSliceUpdate = value;
            _parametersPrepared = false;
        }
    }

    private bool _wholeSliceUpdate = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated;

    /// <summary>Whether any block's neurons went through the whole-slice neuron update (for tests).</summary>
    internal bool TookWholeSlices => _blocks.Any(b => b.TookWholeSlices);

    /// <summary>The worker threads kept between Simulate calls with several threads, or null (for tests).</summary>
    internal WorkerPool? Workers => _pool;

    /// <summary>Bytes reserved by recorders for their data (for the long-run benchmark).</summary>
    internal long RecordedBytes => _blocks.Sum(b => b.RecordedBytes);

    /// <summary>Bytes held by the finalized connections (for benchmarks).</summary>
    internal long ConnectionBytes => _store.Bytes;

    /// <summary>Connections in the finalized store (for benchmarks).</summary>
    internal long StoredConnections => _store.TotalConnections;

    /// <summary>
    /// Advances the network by <paramref name="timeMs"/> (NEST's <c>Simulate</c>). A second call continues
    /// exactly where the first stopped: <c>Simulate(a); Simulate(b)</c> gives the same result as
    /// <c>Simulate(a + b)</c>. Recorders hold, and their files contain, every event up to the new time
    /// when the call returns. With <c>local_num_threads</c> &gt; 1 the update and the delivery are split
    /// over threads; the result is bit for bit the same for every number of threads.
    /// </summary>
    /// <param name="timeMs">Time to simulate (ms): non-negative and a multiple of the resolution.</param>
    /// <exception cref="BadParameterException">The time is negative, not finite or not a multiple of the resolution.</exception>
    /// <exception cref="KernelStateErrorException">An earlier Simulate failed inside the loop; call ResetKernel.</exception>
    /// <exception cref="IOErrorException">A recorder's file exists and overwrite_files is false, or cannot be written.</exception>
    /// <exception cref="BadPropertyException">A device parameter does not fit the resolution.</exception>
    /// <exception cref="SimulationInterruptedException">The process received Ctrl-C (SIGINT); the run stopped at a slice
    /// boundary with all recorded data saved.</exception>
    public void Simulate(double timeMs)
    {
        if (!double.IsFinite(timeMs) || timeMs < 0.0)
        {
            throw new BadParameterException($"The simulation time must be a finite, non-negative number of ms (t = {TimeGrid.Format(timeMs)}).");
        }

        if (!Grid.IsOnGrid(timeMs, out long steps))
        {
            throw new BadParameterException(
                $"The simulation time must be a multiple of the resolution (t = {TimeGrid.Format(timeMs)} ms, resolution = {TimeGrid.Format(_settings.Resolution)} ms).");
        }

        if (_needsReset)
        {
            throw new KernelStateErrorException("An earlier Simulate call failed inside the update loop; the kernel state is undefined. Call ResetKernel.");
        }

        Prepare();
        if (steps == 0)
        {
            return;
        }

        long end = _step + steps;
        var progress = _settings.PrintTime ? new Progress(_step, end, _settings.Resolution) : null;

        // Ctrl-C stops the loop at the next slice boundary, so that recorded data is complete and flushed. The
        // handler is registered once per kernel (registering allocates) and only acts while Simulate runs.
        _interrupted = 0;
        if (_interruptRegistration is null && !OperatingSystem.IsWindows())
        {
            _interruptRegistration = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnInterrupt);
        }

        Volatile.Write(ref _simulating, 1);
        bool completed = false;
        try
        {
            if (_threads > 1)
            {
                _run = (_step, end, progress);
                if (_pool is null || _pool.Threads != _threads || !_pool.TryRun())
                {
                    // No pool yet, another thread count, or the pool retired after an idle spell.
                    _pool?.Dispose();
                    _pool = new WorkerPool(_threads, _runSlices!);
                    _pool.TryRun();
                }
            }
            else
            {
                while (_step < end && Volatile.Read(ref _interrupted) == 0)
                {
                    var slice = NextSlice(_step, end, buffer: 0, _store);
                    UpdatePhase(0, in slice);
                    _delivery!.Deliver(in slice, 0);
                    _step += slice.Steps;
                    progress?.Report(_step);
                }
            }

            if (_step < end)
            {
                throw new SimulationInterruptedException(Grid.ToMs(_step));
            }

            completed = true;
        }
        catch (Exception ex) when (ex is not NeuroKernelException)
        {
            _needsReset = true;
            var cause = ex is AggregateException { InnerException: { } inner } ? inner : ex;
            throw new KernelStateErrorException($"Simulate failed at t = {TimeGrid.Format(Grid.ToMs(_step))} ms: {cause.Message} Call ResetKernel.", cause);
        }
        finally
        {
            Volatile.Write(ref _simulating, 0);
            progress?.Done();

            // Recorders hand over and flush their data in every case; a failure here is reported only when no
            // other exception is already on its way out, which it must not hide.
            FinishBlocks(rethrow: completed);
        }
    }

    private void FinishBlocks(bool rethrow)
    {
        NeuroKernelException? failure = null;
        foreach (var b in _blocks)
        {
            try
            {
                b.Finish();
            }
            catch (NeuroKernelException ex)
            {
                failure ??= ex;
            }
        }

        if (rethrow && failure is not null)
        {
            throw failure;
        }
    }

    private void OnInterrupt(PosixSignalContext context)
    {
        // Outside Simulate, Ctrl-C keeps its usual meaning.
        if (Volatile.Read(ref _simulating) != 0)
        {
            context.Cancel = true;
            Volatile.Write(ref _interrupted, 1);
        }
    }

    /// <summary>The slice that starts at <paramref name="step"/>: up to the next multiple of min_delay, at most to <paramref name="end"/>.</summary>
    private SliceContext NextSlice(long step, long end, int buffer, ConnectionStore connections)
    {
        long sliceEnd = Math.Min(end, (step / _sliceSteps + 1) * _sliceSteps);
        return new SliceContext(step, (int)(sliceEnd - step), _rings, connections, buffer);
    }

    private void UpdatePhase(int thread, in SliceContext slice)
    {
        foreach (var unit in _unitsByThread[thread])
        {
            unit.Block.Update(in slice, unit.Start, unit.End, unit.Spikes(slice.Buffer)!);
        }
    }

    /// <summary>
    /// The step loop on one of several threads: update the thread's units, one barrier (every spike of the slice
    /// is then known), deliver into the thread's receiver partitions, and on to the next slice without waiting.
    /// That is safe because a thread's update reads and clears only the ring buffers of its own receivers, which
    /// only its own delivery writes, and it fills the other one of the units' two spike lists, which nobody reads
    /// until the next barrier. Thread 0 advances the kernel's clock and reports progress; a Ctrl-C or a failure
    /// stops every thread after the same slice. With a <see cref="ThreadBalancer"/>, each thread times its update and
    /// delivery, and every few slices the threads may agree to move their receiver boundaries: they then prepare
    /// the new split after the delivery and meet at one more barrier before the next slice.
    /// </summary>
    private void RunSlices(int thread)
    {
        // The run's bounds come from _run: thread 0 advances _step while the others may still be starting.
        var (step, end, progress) = _run;
        var pool = _pool!;
        var balancer = _balancer;
        int buffer = 0;
        for (long n = 0; ; n++)
        {
            var slice = NextSlice(step, end, buffer, balancer?.Current(thread) ?? _store);
            bool stop = false;
            long started = Stopwatch.GetTimestamp();
            try
            {
                UpdatePhase(thread, in slice);
            }
            catch (Exception ex)
            {
                pool.Fail(ex);
                stop = true;
            }

            stop |= thread == 0 && Volatile.Read(ref _interrupted) != 0;
            long arrived = Stopwatch.GetTimestamp();
            stop = pool.Barrier(stop);
            long released = Stopwatch.GetTimestamp();
            bool move = false;
            try
            {
                move = balancer?.Decide(thread, n) ?? false;
                _delivery!.Deliver(in slice, thread);
                balancer?.Publish(thread, n, arrived - started + (Stopwatch.GetTimestamp() - released));
                if (move)
                {
                    balancer!.PrepareSpare(thread);
                }
            }
            catch (Exception ex)
            {
                pool.Fail(ex);
            }

            if (move)
            {
                // Every thread has delivered this slice into the receivers it owned: now they change hands.
                stop = pool.Barrier(stop);
                try
                {
                    balancer!.Switch(thread);
                    CoverBounds(thread, balancer.Bounds(thread));
                }
                catch (Exception ex)
                {
                    pool.Fail(ex);
                    stop = true;
                }
            }

            step += slice.Steps;
            buffer ^= 1;
            if (thread == 0)
            {
                _step = step;
                progress?.Report(step);
            }

            if (stop || step >= end)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Prepares a run (NEST's <c>Prepare</c>): finalizes the connections made since the last run into the
    /// source-sorted store, sizes the ring buffers from min/max delay, lets each block compute its
    /// propagators, and cuts the blocks into per-thread units. Does nothing when nothing changed; when only node
    /// parameters changed (SetStatus), only the blocks are prepared again (NEST's calibrate), so that a closed loop
    /// of SetStatus and short Simulate calls does not rebuild the connectivity, the units or the delivery.
    /// </summary>
    private void Prepare()
    {
        if (_prepared)
        {
            if (!_parametersPrepared)
            {
                PrepareBlocks(_store, _sliceSteps);
                _parametersPrepared = true;
            }

            return;
        }

        // The step loop's methods compile on the other core while this one sorts the connections.
        WarmUp.Start();

        // Connectivity first: sorting is independent of the blocks, so it is committed at once.
        FinalizeConnections();
        var store = _store;
        var (minDelay, maxDelay) = store.MaxDelaySteps > 0 ? (store.MinDelaySteps, store.MaxDelaySteps) : (1, 1);
        // A slice's spikes arrive in steps end … end + max_delay − 1, where end is the step after the slice, and
        // the update consumes steps before end first: max_delay slots hold all pending input (NEST keeps
        // min_delay + max_delay because it delivers a slice's spikes only in the next one).
        int slots = maxDelay;
        bool shared = !_blocks.Any(b => b.Model.SeparatesSpikeChannels);
        var rings = _rings;
        if (rings.Slots != slots || rings.Receivers != _numReceivers || rings.SharedSpikeChannels != shared)
        {
            MemoryGuard.Check((shared ? 16.0 : 24.0) * slots * _numReceivers,
                $"Ring buffers for {_numReceivers} neurons and delays up to {TimeGrid.Format(Grid.ToMs(maxDelay))} ms");
            rings = _rings.Resize(slots, _numReceivers, _step, _rings.Slots, shared);
        }

        PrepareBlocks(store, minDelay);

        // Commit only after every block accepted the run.
        rings.HasCurrents = _blocks.Any(b => b.Model.SendsCurrents);
        _rings = rings;
        _sliceSteps = minDelay;
        _threads = Math.Clamp(_settings.LocalNumThreads, 1, store.Partitions.Count);
        _balancer = _threads > 1 && BalanceThreads && store.Partitions.Count == _threads && store.RowsAscending()
            ? new ThreadBalancer(store, _threads)
            : null;
        var units = BuildUnits(store.Partitions, minDelay);
        _unitsByThread = new UpdateUnit[_threads][];
        for (int t = 0; t < _threads; t++)
        {
            int thread = t;
            _unitsByThread[t] = units.Where(u => u.Thread == thread && u.Block.HasUpdate).ToArray();
        }

        var recorderOf = new NodeBlock?[_numNodes + 1];
        foreach (var b in _blocks.Where(b => b.Model.RecordsSpikes))
        {
            for (int i = 0; i < b.Count; i++)
            {
                recorderOf[b.FirstId + i] = b;
            }
        }

        if (_delivery is not null)
        {
            var (spikes, events) = _delivery.Counters;
            _spikesDelivered += spikes;
            _eventsDelivered += events;
        }

        _delivery = new SpikeDelivery(store, rings, units.Where(u => u.Block.Model.SendsSpikes || u.Block.Model.DeliversDirectly).ToArray(), recorderOf, _threads);
        _runSlices ??= RunSlices;
        _prepared = true;
        _parametersPrepared = true;
    }

    /// <summary>Lets every block compute what its parameters imply for a run (propagators, streams, files) and attaches the multimeters' requests.</summary>
    private void PrepareBlocks(ConnectionStore store, int sliceSteps)
    {
        var context = new PrepareContext
        {
            Grid = Grid,
            SliceSteps = sliceSteps,
            Seed = (ulong)_settings.RngSeed,
            Settings = _settings,
            Connections = store,
            Step = _step,
            WholeSliceUpdate = WholeSliceUpdate,
        };
        foreach (var b in _blocks)
        {
            b.Prepare(context);
        }

        AttachSampleRequests();
    }

    /// <summary>Gives every neuron block the multimeter requests on its neurons, sorted by neuron.</summary>
    private void AttachSampleRequests()
    {
        var byBlock = new Dictionary<NodeBlock, List<Recording.SampleRequest>>();
        foreach (var (meter, target, _) in _samplerTaps)
        {
            var m = FindBlock(meter);
            var t = FindBlock(target);
            var request = m.CreateSampleRequest(meter - m.FirstId, t, target - t.FirstId);
            if (!byBlock.TryGetValue(t, out var list))
            {
                byBlock.Add(t, list = []);
            }

            list.Add(request);
        }

        foreach (var b in _blocks)
        {
            b.SampleRequests = byBlock.TryGetValue(b, out var list) ? [.. list.OrderBy(r => r.Local)] : [];
        }
    }

    /// <summary>Cuts splittable neuron blocks at partition boundaries; everything else is one unit on thread 0.</summary>
    private List<UpdateUnit> BuildUnits(ReceiverPartitioning partitions, int sliceSteps)
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
        foreach (var b in _blocks)
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

    /// <summary>Sets the ranges of <paramref name="thread"/>'s units of receiving blocks to the receivers [bounds[thread], bounds[thread + 1]).</summary>
    private void CoverBounds(int thread, ReadOnlySpan<int> bounds)
    {
        foreach (var unit in _unitsByThread[thread])
        {
            if (unit.Block.ReceiverOffset >= 0)
            {
                unit.Cover(bounds[thread], bounds[thread + 1]);
            }
        }
    }

    /// <summary>
    /// NEST's <c>print_time</c> progress, <c>[ NN% ] Model time: X ms, Real-time factor: Y</c>: on a terminal one
    /// line rewritten in place at most every 1 %; when the output is redirected to a file or a pipe, a new
    /// line only every 10 %, so that logs are not flooded.
    /// </summary>
    private sealed class Progress(long start, long end, double resolution)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly bool _redirected = Console.IsOutputRedirected;
        private int _lastPercent = -1;

        public void Report(long step)
        {
            int percent = (int)(100 * (step - start) / Math.Max(1, end - start));
            int granularity = _redirected ? 10 : 1;
            if (percent / granularity == _lastPercent / granularity && _lastPercent >= 0)
            {
                return;
            }

            _lastPercent = percent;
            double modelMs = (step - start) * resolution;
            double factor = _clock.Elapsed.TotalMilliseconds > 0 ? modelMs / _clock.Elapsed.TotalMilliseconds : 0.0;
            string line = string.Create(CultureInfo.InvariantCulture,
                $"[ {percent,3}% ] Model time: {step * resolution:F1} ms, Real-time factor: {factor:F4}");
            if (_redirected)
            {
                Console.Out.WriteLine(line);
            }
            else
            {
                Console.Out.Write("\r" + line);
            }
        }

        public void Done()
        {
            if (!_redirected)
            {
                Console.Out.WriteLine();
            }
        }
    }
}
