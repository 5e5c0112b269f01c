using System.Runtime.CompilerServices;
using NeuroKernel.Delivery;
using NeuroKernel.Kernel;
using NeuroKernel.Models.Neurons;
using Drivers = NeuroKernel.Models.Neurons.NeuronDrivers<NeuroKernel.Models.IafPscExp.ExpArrays, NeuroKernel.Models.IafPscExp.ExpGroup<NeuroKernel.Models.Neurons.Lane8, System.Runtime.Intrinsics.Vector512<double>>, NeuroKernel.Models.IafPscExp.ExpGroup<NeuroKernel.Models.Neurons.Lane1, bool>, NeuroKernel.Models.IafPscExp.ExpConstants<NeuroKernel.Models.Neurons.Lane8, System.Runtime.Intrinsics.Vector512<double>>, NeuroKernel.Models.IafPscExp.ExpConstants<NeuroKernel.Models.Neurons.Lane1, bool>, NeuroKernel.Models.IafPscExp.IafPscExpPropagators>;

namespace NeuroKernel.Models.IafPscExp;

/// <summary>A population of <c>iaf_psc_exp</c> neurons.</summary>
/// <remarks>The equations are <see cref="ExpGroup{T, TMask}"/>; every path of the update runs them.</remarks>
internal sealed class IafPscExpBlock : NeuronBlock<IafPscExpParameters, IafPscExpPropagators>
{
    public IafPscExpBlock(IafPscExpModel model, int firstId, int count) : base(model, firstId, count)
    {
        IEx = new double[count];
        IIn = new double[count];
        I1 = new double[count];
    }

    internal double[] IEx { get; }

    internal double[] IIn { get; }

    /// <summary>Current of receptor 1 received in the previous step (NEST's i_1), fed into I_syn_ex through its filter.</summary>
    internal double[] I1 { get; }

    protected override double RecordableState(int local, string name) => name switch
    {
        ParameterNames.ISynExcitatory => IEx[local],
        ParameterNames.ISynInhibitory => IIn[local],
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    internal override IReadOnlyList<Type> UpdateCode => Drivers.Types;

    protected override IafPscExpPropagators CreatePropagators(IafPscExpParameters p, TimeGrid grid) => new(p, grid);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Step(in IafPscExpPropagators p, int start, int end, int lag, in StepInput input, SpikeList spikes) =>
        Drivers.Step(new ExpArrays(this),
            in p, start, end, lag, in input, spikes);

    protected override bool HasSliceStep => true;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override int StepSlice(in IafPscExpPropagators p, int start, int end, in SliceInput input, Span<byte> fired)
    {
        return Drivers.StepSlice(new ExpArrays(this), in p, start, end, in input, fired);
    }
}
