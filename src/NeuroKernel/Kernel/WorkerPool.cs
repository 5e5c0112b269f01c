namespace NeuroKernel.Kernel;

/// <summary>
/// Persistent worker threads for the step loop. The calling thread is worker 0; <see cref="Run"/> releases
/// the others through a spinning barrier and runs the phases (update, delivery) with a barrier after each, so a
/// slice costs three barrier crossings and no allocation. An exception on any worker is rethrown on the calling thread.
/// </summary>
internal sealed class WorkerPool : IDisposable
{
    private readonly SpinBarrier _barrier;
    private readonly Thread[] _threads;
    private readonly Action<int>[] _phases;
    private volatile bool _stop;
    private Exception? _failure;

    public WorkerPool(int threads, params Action<int>[] phases)
    {
        Threads = threads;
        _phases = phases;
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

    /// <summary>
    /// Runs every phase in order on all workers, with a barrier between phases (a phase starts when all
    /// threads finished the one before), and returns when all are done: one start, one barrier per phase.
    /// </summary>
    public void Run()
    {
        _barrier.SignalAndWait();
        RunPhases(0);
        if (_failure is { } failure)
        {
            throw new AggregateException("A worker thread failed.", failure);
        }
    }

    /// <summary>The phases on one thread; a failure is recorded and the thread still meets every barrier.</summary>
    private void RunPhases(int id)
    {
        foreach (var phase in _phases)
        {
            try
            {
                phase(id);
            }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref _failure, ex, null);
            }

            _barrier.SignalAndWait();
        }
    }

    private void Loop(int id)
    {
        while (true)
        {
            _barrier.SignalAndWait();
            if (_stop)
            {
                return;
            }

            RunPhases(id);
        }
    }

    public void Dispose()
    {
        _stop = true;
        _barrier.SignalAndWait();
        foreach (var t in _threads)
        {
            t.Join();
        }
    }

    /// <summary>
    /// A barrier that spins instead of blocking: a phase lasts tens to hundreds of microseconds, less than a
    /// kernel wake-up costs, and the pool lives only while Simulate runs.
    /// </summary>
    private sealed class SpinBarrier(int participants)
    {
        private readonly int _participants = participants;
        private int _remaining = participants;
        private volatile int _generation;

        public void SignalAndWait()
        {
            int generation = _generation;
            if (Interlocked.Decrement(ref _remaining) == 0)
            {
                _remaining = _participants;
                _generation = generation + 1;
                return;
            }

            var spin = new SpinWait();
            while (_generation == generation)
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }
        }
    }
}
