using NeuroKernel.Recording;

namespace NeuroKernel.Synapses;

/// <summary>
/// The weight_recorder events of one run: plastic connections of synapse models that name a weight_recorder add one
/// event per transmitted spike into the buffer of their receiver partition (only the partition's thread writes it);
/// <see cref="Flush"/> hands them to the recorders in the order of time, sender and target, which does not depend on
/// the number of threads.
/// </summary>
internal sealed class WeightRecording
{
    private readonly (WeightRecorderBlock Block, int Local)?[] _byModel;
    private readonly int[] _receiverIds;
    private readonly List<Event>[] _byPartition;

    /// <param name="byModel">Per synapse model index: the recorder it reports to, or null.</param>
    /// <param name="receiverIds">Node id of each receiver index.</param>
    /// <param name="partitions">Number of receiver partitions.</param>
    public WeightRecording((WeightRecorderBlock Block, int Local)?[] byModel, int[] receiverIds, int partitions)
    {
        _byModel = byModel;
        _receiverIds = receiverIds;
        _byPartition = [.. Enumerable.Range(0, partitions).Select(_ => new List<Event>())];
    }

    /// <summary>Whether connections of synapse model <paramref name="model"/> report their weights.</summary>
    public bool Records(int model) => (uint)model < (uint)_byModel.Length && _byModel[model] is not null;

    /// <summary>A spike of source <paramref name="sourceIndex"/> (0-based) stamped <paramref name="stamp"/> carried <paramref name="weight"/> to <paramref name="receiver"/>'s port <paramref name="receptor"/>.</summary>
    public void Add(int partition, int model, int sourceIndex, int receiver, long stamp, double weight, int receptor) =>
        _byPartition[partition].Add(new Event(model, sourceIndex + 1, _receiverIds[receiver], stamp, weight, receptor));

    /// <summary>Hands the events buffered so far to their recorders, ordered by time, sender and target (stable otherwise).</summary>
    public void Flush()
    {
        var all = _byPartition.SelectMany(p => p).OrderBy(e => e.Stamp).ThenBy(e => e.Sender).ThenBy(e => e.Target).ToList();
        foreach (var e in all)
        {
            var (block, local) = _byModel[e.Model]!.Value;
            block.Record(local, e.Sender, e.Target, e.Stamp, e.Weight, e.Receptor);
        }

        foreach (var p in _byPartition)
        {
            p.Clear();
        }
    }

    private readonly record struct Event(int Model, int Sender, int Target, long Stamp, double Weight, int Receptor);
}
