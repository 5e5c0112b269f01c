using System.Runtime.CompilerServices;
using NeuroKernel.Delivery;
using NeuroKernel.Kernel;
using NeuroKernel.Models.Neurons;
using Drivers = NeuroKernel.Models.Neurons.NeuronDrivers<NeuroKernel.Models.IafPscDelta.DeltaArrays, NeuroKernel.Models.IafPscDelta.DeltaGroup<NeuroKernel.Models.Neurons.Lane8, System.Runtime.Intrinsics.Vector512<double>, NeuroKernel.Models.Neurons.Off>, NeuroKernel.Models.IafPscDelta.DeltaGroup<NeuroKernel.Models.Neurons.Lane1, bool, NeuroKernel.Models.Neurons.Off>, NeuroKernel.Models.IafPscDelta.DeltaConstants<NeuroKernel.Models.Neurons.Lane8, System.Runtime.Intrinsics.Vector512<double>>, NeuroKernel.Models.IafPscDelta.DeltaConstants<NeuroKernel.Models.Neurons.Lane1, bool>, NeuroKernel.Models.IafPscDelta.IafPscDeltaPropagators>;
using KeepingDrivers = NeuroKernel.Models.Neurons.NeuronDrivers<NeuroKernel.Models.IafPscDelta.DeltaArrays, NeuroKernel.Models.IafPscDelta.DeltaGroup<NeuroKernel.Models.Neurons.Lane8, System.Runtime.Intrinsics.Vector512<double>, NeuroKernel.Models.Neurons.On>, NeuroKernel.Models.IafPscDelta.DeltaGroup<NeuroKernel.Models.Neurons.Lane1, bool, NeuroKernel.Models.Neurons.On>, NeuroKernel.Models.IafPscDelta.DeltaConstants<NeuroKernel.Models.Neurons.Lane8, System.Runtime.Intrinsics.Vector512<double>>, NeuroKernel.Models.IafPscDelta.DeltaConstants<NeuroKernel.Models.Neurons.Lane1, bool>, NeuroKernel.Models.IafPscDelta.IafPscDeltaPropagators>;

namespace NeuroKernel.Models.IafPscDelta;

/// <summary>A population of <c>iaf_psc_delta</c> neurons.</summary>
/// <remarks>
/// The equations are <see cref="DeltaGroup{T, TMask, TRefractoryInput}"/>. The update goes lag by lag: its state is three arrays, and a
/// whole-slice step was slower (136 against 101 µs per slice of 12,500 neurons), its chain through V being as long as the
/// other models' with less work beside it.
/// </remarks>
internal sealed class IafPscDeltaBlock : NeuronBlock<IafPscDeltaParameters, IafPscDeltaPropagators>
{
    public IafPscDeltaBlock(IafPscDeltaModel model, int firstId, int count) : base(model, firstId, count) =>
        RefractoryInput = new double[count];

    /// <summary>Input that arrived during the refractory period, decayed to its end (refractory_input).</summary>
    internal double[] RefractoryInput { get; }

    protected override double RecordableState(int local, string name) => throw new ArgumentOutOfRangeException(nameof(name));

    /// <remarks>The paths with refractory_input are left to their first use (it is rare).</remarks>
    internal override IReadOnlyList<Type> UpdateCode => Drivers.Types;

    protected override IafPscDeltaPropagators CreatePropagators(IafPscDeltaParameters p, TimeGrid grid) => new(p, grid);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Step(in IafPscDeltaPropagators p, int start, int end, int lag, in StepInput input, SpikeList spikes)
    {
        if (p.RefractoryInput)
        {
            KeepingDrivers.Step(new DeltaArrays(this), in p, start, end, lag, in input, spikes);
        }
        else
        {
            Drivers.Step(new DeltaArrays(this), in p, start, end, lag, in input, spikes);
        }
    }
}
