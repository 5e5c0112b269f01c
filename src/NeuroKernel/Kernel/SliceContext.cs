using NeuroKernel.Delivery;
using NeuroKernel.Synapses;

namespace NeuroKernel.Kernel;

/// <summary>One slice of the step loop: steps <see cref="Step0"/> … <see cref="Step0"/> + <see cref="Steps"/> − 1.</summary>
internal readonly struct SliceContext
{
    public SliceContext(long step0, int steps, RingBuffers rings, ConnectionStore connections)
    {
        Step0 = step0;
        Steps = steps;
        Rings = rings;
        Connections = connections;
    }

    /// <summary>The first step of the slice: its update covers (Step0·h, (Step0+1)·h].</summary>
    public long Step0 { get; }

    /// <summary>Number of steps in the slice (1 … min_delay).</summary>
    public int Steps { get; }

    public RingBuffers Rings { get; }

    public ConnectionStore Connections { get; }
}
