using NeuroKernel.Models;

namespace NeuroKernel.Recording;

/// <summary>
/// NEST's <c>weight_recorder</c>: records the weight each presynaptic spike carries over the plastic connections of the
/// synapse models whose <c>weight_recorder</c> property names it (set with SetDefaults or CopyModel before Connect).
/// Events: senders, targets, times (the presynaptic spike's time, ms), weights, receptors and ports, in memory or in an
/// ascii file; <c>senders</c> and <c>targets</c> restrict them to some connections.
/// </summary>
internal sealed class WeightRecorderModel() : NodeModel(ModelNames.WeightRecorder)
{
    private WeightRecorderParameters _defaults = new();

    public override ElementType ElementType => ElementType.Recorder;

    public override bool SendsSpikes => false;

    public override StatusDictionary GetDefaults()
    {
        var d = new StatusDictionary();
        _defaults.Write(d);
        d[ParameterNames.NEvents] = 0L;
        d[ParameterNames.Events] = WeightRecorderBlock.EmptyEvents();
        return d;
    }

    public override void SetDefaults(StatusDictionary values) => _defaults = _defaults.Read(values, Name, out _);

    public override NodeBlock CreateBlock(int firstId, int count) => new WeightRecorderBlock(this, firstId, count, _defaults);
}
