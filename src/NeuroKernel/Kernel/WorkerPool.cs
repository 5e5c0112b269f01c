namespace NeuroKernel.Kernel;

/// <summary>
/// Persistent worker threads for the step loop. The calling thread is worker 0; <see cref="Run"/> releases
/// the others through a spinning barrier, does its own share and waits for them, so a phase costs two barrier
/// crossings and no allocation. An exception on any worker is rethrown on the calling thread.
/// </summary>
internal sealed class WorkerPool : IDisposable
{
    private readonly SpinBarrier _barrier;
    private readonly Thread[] _threads;
    private readonly Action<int>[] _phases;
    private int _phase;
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

    /// <summary>Runs phase <paramref name="phase"/> on all workers and returns when all are done.</summary>
    public void Run(int phase)
    {
        _phase = phase;
        _barrier.SignalAndWait();
        try
        {
            _phases[phase](0);
        }
        catch (Exception ex)
        {
            Interlocked.CompareExchange(ref _failure, ex, null);
        }

        _barrier.SignalAndWait();
        if (_failure is { } failure)
        {
            throw new AggregateException("A worker thread failed.", failure);
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

            try
            {
                _phases[_phase](id);
            }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref _failure, ex, null);
            }

            _barrier.SignalAndWait();
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
