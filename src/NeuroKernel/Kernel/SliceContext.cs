using NeuroKernel.Delivery;
using NeuroKernel.Synapses;

namespace NeuroKernel.Kernel;

/// <summary>One slice of the step loop: steps <see cref="Step0"/> … <see cref="Step0"/> + <see cref="Steps"/> − 1.</summary>
internal readonly struct SliceContext
{
    public SliceContext(long step0, int steps, RingBuffers rings, ConnectionStore connections, int buffer = 0)
    {
        Step0 = step0;
        Buffer = buffer;
        Steps = steps;
        Rings = rings;
        Connections = connections;
    }

    /// <summary>The first step of the slice: its update covers (Step0·h, (Step0+1)·h].</summary>
    public long Step0 { get; }

    /// <summary>Number of steps in the slice (1 … min_delay).</summary>
    public int Steps { get; }

    /// <summary>
    /// Which of the units' two spike lists this slice fills and delivers (0 or 1, alternating from slice to slice
    /// with several threads), so that a thread can update the next slice while others still deliver this one.
    /// </summary>
    public int Buffer { get; }

    public RingBuffers Rings { get; }

    public ConnectionStore Connections { get; }
}
