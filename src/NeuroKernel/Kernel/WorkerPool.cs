using System.Runtime.CompilerServices;
namespace NeuroKernel.Kernel;

/// <summary>
/// Worker threads for the step loop, kept between <c>Simulate</c> calls so that a loop of short calls (NEST's
/// closed-loop <c>Simulate(dt)</c>) does not start threads every time. The calling thread is worker 0.
/// <see cref="TryRun"/> wakes the others, runs the body on every thread and returns when all bodies have returned;
/// inside the body the threads meet at <see cref="Barrier"/>, which spins (a slice is shorter than a kernel
/// wake-up) and tells every thread the same answer to "stop after this slice?". Between runs the workers block, so
/// an idle pool costs no CPU, and after <see cref="IdleTimeout"/> without a run they end and the pool retires
/// (TryRun then returns false and the caller starts a new pool): a simulator that is never disposed does not
/// keep threads alive. Nothing allocates per run. An exception on any worker is rethrown on the calling thread.
/// </summary>
internal sealed class WorkerPool : IDisposable
{
    /// <summary>How long idle workers wait for the next run before they end.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(1);

    private const int Idle = 0, Running = 1, Retired = 2;

    private readonly SpinBarrier _barrier;
    private readonly SemaphoreSlim _start = new(0);
    private readonly Thread[] _threads;
    private readonly Action<int> _body;
    private int _state = Idle;
    private Exception? _failure;

    /// <param name="threads">Number of threads, the calling one included.</param>
    /// <param name="body">What every thread runs per <see cref="TryRun"/>, given its thread index.</param>
    public WorkerPool(int threads, Action<int> body)
    {
        Threads = threads;
        _body = body;
        _barrier = new SpinBarrier(threads);
        _threads = new Thread[threads - 1];
        for (int t = 1; t < threads; t++)
        {
            int id = t;
            _threads[t - 1] = new Thread(() => Loop(id)) { IsBackground = true, Name = $"NeuroKernel worker {id}" };
            _threads[t - 1].Start();
        }
    }

    public int Threads { get; }

    /// <summary>Worker threads still running (for tests).</summary>
    internal int AliveWorkers => _threads.Count(t => t.IsAlive);

    /// <summary>
    /// Runs the body on all threads and waits for all of them; rethrows the first failure. Returns false, and runs
    /// nothing, when the pool has retired after an idle spell or was disposed.
    /// </summary>
    public bool TryRun()
    {
        if (Interlocked.CompareExchange(ref _state, Running, Idle) != Idle)
        {
            return false;
        }

        _failure = null;
        _barrier.ClearStop();
        _start.Release(_threads.Length);
        RunBody(0);
        var failure = _failure;
        Volatile.Write(ref _state, Idle);
        if (failure is not null)
        {
            throw new AggregateException("A worker thread failed.", failure);
        }

        return true;
    }

    /// <summary>
    /// Waits until every thread has arrived. Returns true on every thread when any thread asked to stop, here or
    /// at an earlier barrier of this run, or a failure was recorded; so all threads take the same decision.
    /// </summary>
    /// <param name="stop">This thread asks the others to stop.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Barrier(bool stop) => _barrier.SignalAndWait(stop);

    /// <summary>Records a failure (the first one is rethrown by <see cref="TryRun"/>) and asks all threads to stop.</summary>
    public void Fail(Exception ex)
    {
        Interlocked.CompareExchange(ref _failure, ex, null);
        _barrier.RequestStop();
    }

    /// <summary>The body on one thread, then a barrier so that <see cref="TryRun"/> returns only when all are done.</summary>
    private void RunBody(int id)
    {
        try
        {
            _body(id);
        }
        catch (Exception ex)
        {
            // The body catches its own failures so that it keeps meeting the barriers; this is a last resort.
            Fail(ex);
        }

        _barrier.SignalAndWait(stop: false);
    }

    private void Loop(int id)
    {
        while (true)
        {
            if (!_start.Wait(IdleTimeout))
            {
                // No run for a while: retire the pool unless a run is just starting (its permit is then ours).
                int state = Interlocked.CompareExchange(ref _state, Retired, Idle);
                if (state == Idle)
                {
                    if (_threads.Length > 1)
                    {
                        _start.Release(_threads.Length - 1); // wake the other workers, which see Retired and end
                    }

                    return;
                }

                if (state == Retired)
                {
                    return;
                }

                continue;
            }

            if (Volatile.Read(ref _state) == Retired)
            {
                return;
            }

            RunBody(id);
        }
    }

    /// <summary>Ends the workers (between runs only) and waits for them.</summary>
    public void Dispose()
    {
        if (Interlocked.CompareExchange(ref _state, Retired, Idle) == Idle)
        {
            _start.Release(_threads.Length);
        }

        foreach (var t in _threads)
        {
            t.Join();
        }

        _start.Dispose();
    }

    /// <summary>
    /// A barrier that spins instead of blocking (a slice lasts tens to hundreds of microseconds, less than a kernel
    /// wake-up costs, and the threads spin only inside a run), and that hands every thread one shared stop
    /// decision: the last thread to arrive reads the stop flag once and publishes it with the new generation.
    /// </summary>
    private sealed class SpinBarrier(int participants)
    {
        private readonly int _participants = participants;
        private int _remaining = participants;
        private volatile int _generation;
        private int _stopRequested;
        private bool _decision;

        public void RequestStop() => Volatile.Write(ref _stopRequested, 1);

        /// <summary>Only while no thread is inside the barrier (before a run is released).</summary>
        public void ClearStop() => Volatile.Write(ref _stopRequested, 0);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool SignalAndWait(bool stop)
        {
            if (stop)
            {
                RequestStop();
            }

            int generation = _generation;
            if (Interlocked.Decrement(ref _remaining) == 0)
            {
                // Every thread has arrived, so every request made before arriving is visible here. _decision is
                // written before the volatile generation and read after it; the next barrier overwrites it only
                // once every thread has arrived there, after reading this one.
                _decision = Volatile.Read(ref _stopRequested) != 0;
                _remaining = _participants;
                _generation = generation + 1;
                return _decision;
            }

            var spin = new SpinWait();
            while (_generation == generation)
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }

            return _decision;
        }
    }
}
