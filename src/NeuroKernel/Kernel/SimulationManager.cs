using System.Runtime.CompilerServices;
using System.Diagnostics;
using System.Runtime.InteropServices;
using NeuroKernel.Delivery;
using NeuroKernel.Models;
using NeuroKernel.Synapses;

namespace NeuroKernel.Kernel;

/// <summary>
/// The simulation (NEST's <c>SimulationManager</c> and <c>EventDeliveryManager</c>): the clock, Prepare, and the step
/// loop in slices of min_delay — update, exchange, deliver — on one thread or on a pool of workers whose receiver
/// boundaries may move (<see cref="ThreadBalancer"/>).
/// </summary>
internal sealed partial class SimulationManager(KernelManager kernel) : IDisposable
{
    private UpdateUnit[][] _unitsByThread = [];
    private SpikeDelivery? _delivery;
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1859", Justification = "The seam for MPI: another exchange replaces the local one; it is called once per slice.")]
    private ISpikeExchange? _exchange;
    private SpikeArchive? _archive;

    /// <summary>The weight_recorder events of the run (null when none is asked for), handed to the recorders when Simulate returns.</summary>
    private Synapses.WeightRecording? _weights;
    private ThreadBalancer? _balancer;
    private RingBuffers _rings = new(1, 0);
    private int _sliceSteps = 1;
    private int _threads = 1;
    private Action<int>? _runSlices;
    private WorkerPool? _pool;
    private (long Start, long End, Progress? Progress) _run;
    private long _eventsDelivered;
    private int _interrupted;
    private int _simulating;
    private bool _needsReset;
    private PosixSignalRegistration? _interruptRegistration;

    /// <summary>Simulated time as a step count; <c>biological_time</c> is this many steps in ms.</summary>
    public long Step { get; private set; }

    /// <summary>Spikes sent by neurons and generators and the synaptic events they caused, since the kernel was reset.</summary>
    public (long Spikes, long Events) DeliveryCounters => (kernel.Recording.Spikes, _eventsDelivered + (_delivery?.Events ?? 0));

    /// <summary>The delivery built by the last full preparation.</summary>
    public SpikeDelivery? PreparedDelivery => _delivery;

    public RingBuffers Rings => _rings;

    public ThreadBalancer? Balancer => _balancer;

    public WorkerPool? Workers => _pool;

    /// <summary>Whether the next full preparation lets the threads' receiver boundaries move.</summary>
    public bool BalanceThreads { get; set; } = true;

    /// <summary>Whether neuron blocks update whole slices per group of neurons; applies from the next Simulate.</summary>
    public bool WholeSliceUpdate { get; set; } = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated;

    public void Initialize()
    {
        Step = 0;
        _needsReset = false;
        _rings = new RingBuffers(1, 0);
        _delivery = null;
        _exchange = null;
        _archive = null;
        _weights = null;
        _balancer = null;
        _unitsByThread = [];
        _eventsDelivered = 0;
        _preparedFor = default;
    }

    /// <summary>Ends the worker threads (ResetKernel, Dispose, a new thread count).</summary>
    public void EndWorkers()
    {
        _pool?.Dispose();
        _pool = null;
    }

    public void Dispose()
    {
        EndWorkers();
        _interruptRegistration?.Dispose();
        _interruptRegistration = null;
    }

    /// <summary>NEST's <c>Simulate</c>: prepares if anything changed, then advances <paramref name="timeMs"/>.</summary>
    public void Simulate(double timeMs)
    {
        var grid = kernel.Grid;
        if (!double.IsFinite(timeMs) || timeMs < 0.0)
        {
            throw new BadParameterException($"The simulation time must be a finite, non-negative number of ms (t = {TimeGrid.Format(timeMs)}).");
        }

        double endMs = grid.ToMs(Step) + timeMs;
        if (endMs > TimeGrid.MaxMs)
        {
            throw new BadParameterException(
                $"The simulation would end at t = {TimeGrid.Format(endMs)} ms (t = {TimeGrid.Format(timeMs)} ms from {TimeGrid.Format(grid.ToMs(Step))} ms), beyond the largest time the kernel's clock holds ({TimeGrid.Format(TimeGrid.MaxMs)} ms).");
        }

        if (!grid.IsOnGrid(timeMs, out long steps))
        {
            throw new BadParameterException(
                $"The simulation time must be a multiple of the resolution (t = {TimeGrid.Format(timeMs)} ms, resolution = {TimeGrid.Format(grid.Resolution)} ms).");
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

        long end = Step + steps;
        var progress = kernel.Settings.PrintTime ? new Progress(Step, end, grid.Resolution) : null;

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
                _run = (Step, end, progress);
                _exchange!.Pool = _pool;
                if (_pool is null || _pool.Threads != _threads || !_pool.TryRun())
                {
                    // No pool yet, another thread count, or the pool retired after an idle spell.
                    _pool?.Dispose();
                    _pool = new WorkerPool(_threads, _runSlices!);
                    _exchange.Pool = _pool;
                    _pool.TryRun();
                }
            }
            else
            {
                var exchange = _exchange!;
                exchange.Pool = null;
                while (Step < end && Volatile.Read(ref _interrupted) == 0)
                {
                    // Update, exchange, record at emission, deliver: the phases of a slice.
                    var slice = NextSlice(Step, end, buffer: 0, kernel.Connections.Store);
                    UpdatePhase(0, in slice);
                    exchange.Exchange(0, stop: false);
                    kernel.Recording.RecordEmitted(exchange.Received(slice.Buffer), in slice);
                    _delivery!.Deliver(in slice, 0);
                    Step += slice.Steps;
                    progress?.Report(Step);
                }
            }

            if (Step < end)
            {
                throw new SimulationInterruptedException(grid.ToMs(Step));
            }

            completed = true;
        }
        catch (Exception ex) when (ex is not NeuroKernelException || ex is NumericalInstabilityException)
        {
            // The loop stopped inside a slice: some neurons are updated and some input is consumed, so the state is undefined.
            _needsReset = true;
            var cause = ex is AggregateException { InnerException: { } inner } ? inner : ex;
            string where = $"at t = {TimeGrid.Format(grid.ToMs(Step))} ms";
            if (cause is NumericalInstabilityException instability)
            {
                // The same exception on one thread and on several (where the worker pool wraps it).
                throw new NumericalInstabilityException($"{instability.Message} ({where}; the kernel state is undefined: call ResetKernel)", instability);
            }

            throw new KernelStateErrorException($"Simulate failed {where}: {cause.Message} Call ResetKernel.", cause);
        }
        finally
        {
            Volatile.Write(ref _simulating, 0);
            progress?.Done();
            _weights?.Flush();
            kernel.Recording.Finish(rethrow: completed);
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SliceContext NextSlice(long step, long end, int buffer, ConnectionStore connections)
    {
        long sliceEnd = Math.Min(end, (step / _sliceSteps + 1) * _sliceSteps);
        return new SliceContext(step, (int)(sliceEnd - step), _rings, connections, buffer);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void UpdatePhase(int thread, in SliceContext slice)
    {
        _delivery!.ApplyDeferred(thread, in slice);
        foreach (var unit in _unitsByThread[thread])
        {
            var spikes = unit.Spikes(slice.Buffer)!;
            unit.Block.Update(in slice, unit.Start, unit.End, spikes);
            // Nodes that receive but send nothing (volume_transmitter) have no spikes to archive.
            if (_archive is not null && unit.Block.ReceiverOffset >= 0 && spikes is not null)
            {
                Archive(_archive, unit.Block.ReceiverOffset, spikes, in slice);
            }
        }
    }

    /// <summary>Appends a unit's spikes of the slice to the archive of the receivers that keep one (on the thread that owns them).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Archive(SpikeArchive archive, int receiverOffset, SpikeList spikes, in SliceContext slice)
    {
        for (int lag = 0; lag < slice.Steps; lag++)
        {
            foreach (int local in spikes.Local(lag))
            {
                archive.Record(receiverOffset + local, slice.Step0 + lag + 1);
            }
        }
    }

    /// <summary>
    /// The step loop on one of several threads: update the thread's units, exchange (a barrier: every spike of the slice
    /// is then known), record at emission (thread 0), deliver into the thread's receiver partitions, and on to the next
    /// slice without waiting.
    /// That is safe because a thread's update reads and clears only the ring buffers of its own receivers, which
    /// only its own delivery writes, and it fills the other one of the units' two spike lists, which nobody reads
    /// until the next barrier. Thread 0 advances the kernel's clock and reports progress; a Ctrl-C or a failure
    /// stops every thread after the same slice. With a <see cref="ThreadBalancer"/>, each thread times its update and
    /// delivery, and every few slices the threads may agree to move their receiver boundaries: they then prepare
    /// the new split after the delivery and meet at one more barrier before the next slice.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunSlices(int thread)
    {
        // The run's bounds come from _run: thread 0 advances Step while the others may still be starting.
        var (step, end, progress) = _run;
        var pool = _pool!;
        var exchange = _exchange!;
        var balancer = _balancer;
        var store = kernel.Connections.Store;
        int buffer = 0;
        for (long n = 0; ; n++)
        {
            var slice = NextSlice(step, end, buffer, balancer?.Current(thread) ?? store);
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
            stop = exchange.Exchange(thread, stop);
            long released = Stopwatch.GetTimestamp();
            bool move = false;
            try
            {
                move = balancer?.Decide(thread, n) ?? false;
                if (thread == 0)
                {
                    kernel.Recording.RecordEmitted(exchange.Received(slice.Buffer), in slice);
                }

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
                Step = step;
                progress?.Report(step);
            }

            if (stop || step >= end)
            {
                return;
            }
        }
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
}
