using System.Runtime.CompilerServices;

namespace NeuroKernel.Kernel;

/// <summary>
/// Detects what the simulator cannot survive: a call from a second thread while one is inside the simulator, and any
/// call after <see cref="Simulator.Dispose"/>. Every public call of the facade enters it; nested calls on the owning
/// thread (an overload calling another) pass. One compare-exchange and one volatile write per call, no allocation.
/// </summary>
internal sealed class CallGuard
{
    /// <summary>The managed id of the thread inside the simulator; 0 when none.</summary>
    private int _owner;

    /// <summary>How deep the owning thread is nested (touched only by the owner).</summary>
    private int _depth;

    /// <summary>The outermost call of the owning thread, for the other thread's message.</summary>
    private string _call = "";

    private volatile bool _disposed;

    /// <summary>Whether <see cref="Simulator.Dispose"/> has run.</summary>
    public bool IsDisposed => _disposed;

    /// <summary>
    /// Enters a call named <paramref name="call"/>; dispose the result to leave it.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The simulator was disposed.</exception>
    /// <exception cref="InvalidOperationException">Another thread is inside the simulator.</exception>
    public Scope Enter([CallerMemberName] string call = "")
    {
        ObjectDisposedException.ThrowIf(_disposed, typeof(Simulator));
        int self = Environment.CurrentManagedThreadId;
        int owner = Interlocked.CompareExchange(ref _owner, self, 0);
        if (owner != 0 && owner != self)
        {
            throw new InvalidOperationException(
                $"Simulator.{call} was called on thread {self} while thread {owner} is inside Simulator.{Volatile.Read(ref _call)}: "
                + "a simulator is not thread-safe; call it from one thread at a time, or give each thread its own simulator.");
        }

        if (_depth++ == 0)
        {
            Volatile.Write(ref _call, call);
        }

        return new Scope(this);
    }

    /// <summary>Marks the simulator disposed: every later call throws <see cref="ObjectDisposedException"/>.</summary>
    public void MarkDisposed() => _disposed = true;

    private void Leave()
    {
        if (--_depth == 0)
        {
            Volatile.Write(ref _owner, 0);
        }
    }

    /// <summary>One call inside the simulator; leaving it (Dispose) lets other threads in.</summary>
    internal readonly struct Scope(CallGuard guard) : IDisposable
    {
        /// <summary>Leaves the call.</summary>
        public void Dispose() => guard.Leave();
    }
}
