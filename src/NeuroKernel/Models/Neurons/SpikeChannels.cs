namespace NeuroKernel.Models.Neurons;

/// <summary>How the lag-by-lag step reads a step's spike input (a struct type argument, so the JIT compiles each loop apart).</summary>
internal interface ISpikeChannels
{
    /// <summary>True when both signs are in one buffer (<see cref="Delivery.RingBuffers.SharedSpikeChannels"/>).</summary>
    static abstract bool Shared { get; }
}

/// <summary>Excitatory and inhibitory input in two buffers.</summary>
internal readonly struct SeparateChannels : ISpikeChannels
{
    public static bool Shared => false;
}

/// <summary>Both signs in one buffer: that buffer alone.</summary>
internal readonly struct SharedChannel : ISpikeChannels
{
    public static bool Shared => true;
}
