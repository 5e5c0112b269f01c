using System.Runtime.CompilerServices;
using NeuroKernel.Delivery;
using NeuroKernel.Kernel;
using NeuroKernel.Models.Neurons;
using Drivers = NeuroKernel.Models.Neurons.NeuronDrivers<NeuroKernel.Models.IafPscAlpha.AlphaArrays, NeuroKernel.Models.IafPscAlpha.AlphaGroup<NeuroKernel.Models.Neurons.Lane8, System.Runtime.Intrinsics.Vector512<double>>, NeuroKernel.Models.IafPscAlpha.AlphaGroup<NeuroKernel.Models.Neurons.Lane1, bool>, NeuroKernel.Models.IafPscAlpha.AlphaConstants<NeuroKernel.Models.Neurons.Lane8, System.Runtime.Intrinsics.Vector512<double>>, NeuroKernel.Models.IafPscAlpha.AlphaConstants<NeuroKernel.Models.Neurons.Lane1, bool>, NeuroKernel.Models.IafPscAlpha.IafPscAlphaPropagators>;

namespace NeuroKernel.Models.IafPscAlpha;

/// <summary>A population of <c>iaf_psc_alpha</c> neurons: membrane state plus the two alpha currents and their derivatives.</summary>
/// <remarks>The equations are <see cref="AlphaGroup{T, TMask}"/>; every path of the update runs them.</remarks>
internal sealed class IafPscAlphaBlock : NeuronBlock<IafPscAlphaParameters, IafPscAlphaPropagators>
{
    public IafPscAlphaBlock(IafPscAlphaModel model, int firstId, int count) : base(model, firstId, count)
    {
        DIEx = new double[count];
        IEx = new double[count];
        DIIn = new double[count];
        IIn = new double[count];
    }

    // NEST's S_: alpha currents (pA) and their derivative states (pA/ms); V, y0 and the refractory counter are in the base.
    internal double[] DIEx { get; }

    internal double[] IEx { get; }

    internal double[] DIIn { get; }

    internal double[] IIn { get; }

    protected override double RecordableState(int local, string name) => name switch
    {
        ParameterNames.ISynExcitatory => IEx[local],
        ParameterNames.ISynInhibitory => IIn[local],
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    internal override IReadOnlyList<Type> UpdateCode => Drivers.Types;

    protected override IafPscAlphaPropagators CreatePropagators(IafPscAlphaParameters p, TimeGrid grid) => new(p, grid);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Step(in IafPscAlphaPropagators p, int start, int end, int lag, in StepInput input, SpikeList spikes) =>
        Drivers.Step(new AlphaArrays(this),
            in p, start, end, lag, in input, spikes);

    protected override bool HasSliceStep => true;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override int StepSlice(in IafPscAlphaPropagators p, int start, int end, in SliceInput input, Span<byte> fired)
    {
        return Drivers.StepSlice(new AlphaArrays(this), in p, start, end, in input, fired);
    }
}
