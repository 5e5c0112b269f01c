using System.Runtime.CompilerServices;
using NeuroKernel.Delivery;
using NeuroKernel.Kernel;
using NeuroKernel.Random;
using NeuroKernel.Synapses;

namespace NeuroKernel.Models.Devices;

/// <summary>
/// poisson_generator nodes: each sends every one of its targets an independent train (NEST's per-target
/// <c>DSSpikeEvent</c>). They emit nothing in the update phase; delivery asks them, at their place in the canonical order,
/// for a count per target drawn from the connection's own stream, and adds count·weight into the target's buffer — with
/// the fused vectorized draw-and-add of <see cref="PoissonSampler.AddDraws"/> for uniform groups.
/// </summary>
internal sealed class PoissonGeneratorBlock(PoissonGeneratorModel model, int firstId, int count, PoissonGeneratorParameters p)
    : DeviceBlock<PoissonGeneratorParameters>(model, firstId, count, p), IPerTargetSender
{
    private readonly PerTargetStreams _streams = new();
    private PoissonSampler?[] _samplers = [];

    public ReadOnlySpan<PerTargetRun> Runs => _streams.Runs;

    public Span<ulong> Streams => _streams.Streams;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Sends(int local, long stamp) => _samplers[local] is not null && IsActive(local, stamp);

    public (int Multiplicity, double Factor) EventOf(int local, int buffer, int lag, ref ulong stream, int connection) => (_samplers[local]!.Sample(ref stream), 1.0);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public PoissonSampler? FusedSampler(int local) => _samplers[local];

    public override void Prepare(PrepareContext context)
    {
        base.Prepare(context);
        double h = context.Grid.Resolution;
        var samplers = new PoissonSampler?[Count];
        for (int i = 0; i < Count; i++)
        {
            PoissonGeneratorParameters.CheckMean(Parameters[i].Rate, h);
            double mean = Parameters[i].Rate * h / 1000.0;
            samplers[i] = mean > 0.0 ? new PoissonSampler(mean) : null;
        }

        _samplers = samplers;
        // One stream per outgoing connection (PerTargetStreams): the trains are the same for any number of threads.
        _streams.Update(context.Connections, context.Seed, FirstIndex, FirstId, Count);
    }
}
