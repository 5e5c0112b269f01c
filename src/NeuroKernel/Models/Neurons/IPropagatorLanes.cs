namespace NeuroKernel.Models.Neurons;

/// <summary>A model's propagators as lane values, made from its propagators for one step (<typeparamref name="TPropagators"/>).</summary>
internal interface IPropagatorLanes<TSelf, TPropagators>
    where TSelf : struct, IPropagatorLanes<TSelf, TPropagators>
    where TPropagators : struct
{
    static abstract TSelf Create(in TPropagators p);
}
