namespace NeuroKernel.Kernel;

/// <summary>
/// Persistent worker threads for the step loop. The calling thread is worker 0. <see cref="Run"/> releases the
/// others, runs the body on every thread and returns when all bodies have returned; inside the body the threads
/// meet at <see cref="Barrier"/>, which also tells every thread the same answer to "stop after this slice?".
/// Nothing allocates per run. An exception on any worker is rethrown on the calling thread.
/// </summary>
internal sealed class WorkerPool : IDisposable
{
    private readonly SpinBarrier _barrier;
    private readonly Thread[] _threads;
    private readonly Action<int> _body;
    private volatile bool _stop;
    private Exception? _failure;

    /// <param name="threads">Number of threads, the calling one included.</param>
    /// <param name="body">What every thread runs per <see cref="Run"/>, given its thread index.</param>
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

    /// <summary>Runs the body on all threads and waits for all of them; rethrows the first failure.</summary>
    public void Run()
    {
        _barrier.ClearStop();
        _barrier.SignalAndWait(stop: false);
        RunBody(0);
        if (_failure is { } failure)
        {
            throw new AggregateException("A worker thread failed.", failure);
        }
    }

    /// <summary>
    /// Waits until every thread has arrived. Returns true on every thread when any thread asked to stop, here or
    /// at an earlier barrier of this run, or a failure was recorded; so all threads take the same decision.
    /// </summary>
    /// <param name="stop">This thread asks the others to stop.</param>
    public bool Barrier(bool stop) => _barrier.SignalAndWait(stop);

    /// <summary>Records a failure (the first one is rethrown by <see cref="Run"/>) and asks all threads to stop.</summary>
    public void Fail(Exception ex)
    {
        Interlocked.CompareExchange(ref _failure, ex, null);
        _barrier.RequestStop();
    }

    /// <summary>The body on one thread, then a barrier so that <see cref="Run"/> returns only when all are done.</summary>
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
            _barrier.SignalAndWait(stop: false);
            if (_stop)
            {
                return;
            }

            RunBody(id);
        }
    }

    public void Dispose()
    {
        _stop = true;
        _barrier.SignalAndWait(stop: false);
        foreach (var t in _threads)
        {
            t.Join();
        }
    }

    /// <summary>
    /// A barrier that spins instead of blocking (a slice lasts tens to hundreds of microseconds, less than a kernel
    /// wake-up costs, and the pool lives only while Simulate runs), and that hands every thread one shared stop
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
