using NeuroKernel.Kernel;
using NeuroKernel.Synapses;

namespace NeuroKernel.Models.VolumeTransmitter;

/// <summary>
/// NEST's <c>volume_transmitter</c>: collects the spikes of the neurons connected to it (a dopaminergic population; their
/// weight is ignored, their multiplicity counts) and makes them available to the connections of every synapse model whose
/// <c>volume_transmitter</c> names it (stdp_dopamine_synapse). Every <c>deliver_interval</c> × min_delay it triggers an
/// update of those connections. A spike counts at its arrival time, the end of the step it arrives in.
/// </summary>
internal sealed class VolumeTransmitterModel : NodeModel
{
    private long _deliverInterval = 1;

    public VolumeTransmitterModel() : base(ModelNames.VolumeTransmitter) { }

    public override ElementType ElementType => ElementType.Other;

    public override bool SendsSpikes => false;

    /// <summary>It counts spikes (a neuron's spikes arrive on port 0; the weight is ignored).</summary>
    public override bool ReceivesSpikes => true;

    public override IReadOnlyList<Receptor> Receptors { get; } = [new("spikes", 0, ReceptorInput.SpikeCount)];

    public override StatusDictionary GetDefaults() => new() { [ParameterNames.DeliverInterval] = _deliverInterval };

    public override void SetDefaults(StatusDictionary values) => _deliverInterval = Read(values, _deliverInterval);

    /// <summary>Reads deliver_interval (a positive number of min_delay intervals); refuses every other key.</summary>
    internal long Read(StatusDictionary values, long deliverInterval)
    {
        var r = new ParameterReader(values, Name);
        if (r.TryLong(ParameterNames.DeliverInterval, ref deliverInterval) && deliverInterval < 1)
        {
            throw new BadPropertyException(ParameterNames.DeliverInterval,
                $"{Name}: deliver_interval must be a positive number of min_delay intervals (deliver_interval = {deliverInterval}).");
        }

        r.ThrowIfUnused(CommonReadOnlyKeys);
        return deliverInterval;
    }

    public override NodeBlock CreateBlock(int firstId, int count) => new VolumeTransmitterBlock(this, firstId, count, _deliverInterval);
}

/// <summary>volume_transmitter nodes: each keeps the spikes it received (<see cref="NeuromodulatorSignal"/>).</summary>
internal sealed class VolumeTransmitterBlock : NodeBlock
{
    private readonly VolumeTransmitterModel _model;
    private readonly long[] _deliverInterval;
    private readonly NeuromodulatorSignal[] _signals;

    public VolumeTransmitterBlock(VolumeTransmitterModel model, int firstId, int count, long deliverInterval) : base(model, firstId, count)
    {
        _model = model;
        _deliverInterval = Enumerable.Repeat(deliverInterval, count).ToArray();
        _signals = [.. Enumerable.Range(0, count).Select(_ => new NeuromodulatorSignal())];
    }

    public override bool HasUpdate => true;

    public override bool CanSplit => true;

    /// <summary>The spikes node <paramref name="local"/> received, which the connections of its synapse models read.</summary>
    public NeuromodulatorSignal Signal(int local) => _signals[local];

    public override StatusDictionary GetStatus(int local) => new() { [ParameterNames.DeliverInterval] = _deliverInterval[local] };

    public override Action ValidateStatus(int local, StatusDictionary values)
    {
        long next = _model.Read(values, _deliverInterval[local]);
        return () => _deliverInterval[local] = next;
    }

    public override void Prepare(PrepareContext context)
    {
        for (int i = 0; i < Count; i++)
        {
            var signal = _signals[i];
            signal.Grid = context.Grid;
            signal.IntervalSteps = _deliverInterval[i] * context.SliceSteps;
            // Spikes before the last trigger are read by no connection any more.
            signal.Forget(context.Step / signal.IntervalSteps * signal.IntervalSteps);
        }
    }

    public override void Update(in SliceContext slice, int start, int end, Delivery.SpikeList spikes)
    {
        var rings = slice.Rings;
        for (int lag = 0; lag < slice.Steps; lag++)
        {
            var counts = rings.Excitatory.AsSpan(rings.SlotBase(slice.Step0 + lag) + ReceiverOffset, Count);
            for (int i = start; i < end; i++)
            {
                if (counts[i] > 0.0)
                {
                    _signals[i].Add(slice.Step0 + lag + 1, counts[i]);
                }
            }

            counts[start..end].Clear();
        }
    }
}
