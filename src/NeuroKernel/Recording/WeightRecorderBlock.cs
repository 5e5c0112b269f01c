using NeuroKernel.Kernel;
using NeuroKernel.Models;

namespace NeuroKernel.Recording;

/// <summary>weight_recorder nodes: the events the plastic connections report (<see cref="Synapses.WeightRecording"/>).</summary>
internal sealed class WeightRecorderBlock : NodeBlock
{
    private readonly Recorder[] _recorders;
    private TimeGrid _grid = new(0.1);

    public WeightRecorderBlock(WeightRecorderModel model, int firstId, int count, WeightRecorderParameters p)
        : base(model, firstId, count)
    {
        _recorders = new Recorder[count];
        for (int i = 0; i < count; i++)
        {
            _recorders[i] = new Recorder(p);
        }
    }

    /// <summary>The events dictionary of a recorder that holds none.</summary>
    public static StatusDictionary EmptyEvents() => new()
    {
        [ParameterNames.Senders] = Array.Empty<int>(),
        ["targets"] = Array.Empty<int>(),
        [ParameterNames.Times] = Array.Empty<double>(),
        ["weights"] = Array.Empty<double>(),
        ["receptors"] = Array.Empty<long>(),
        ["ports"] = Array.Empty<long>(),
    };

    public override StatusDictionary GetStatus(int local)
    {
        var rec = _recorders[local];
        var d = new StatusDictionary();
        rec.Parameters.Write(d);
        d[ParameterNames.NEvents] = (long)rec.Senders.Count;
        d[ParameterNames.Events] = new StatusDictionary
        {
            [ParameterNames.Senders] = rec.Senders.ToArray(),
            ["targets"] = rec.Targets.ToArray(),
            [ParameterNames.Times] = rec.Times.ToArray(),
            ["weights"] = rec.Weights.ToArray(),
            ["receptors"] = new long[rec.Senders.Count],
            ["ports"] = new long[rec.Senders.Count],
        };
        return d;
    }

    public override Action ValidateStatus(int local, StatusDictionary values)
    {
        var rec = _recorders[local];
        var p = rec.Parameters.Read(values, Model.Name, out bool clear, Grid);
        return () =>
        {
            rec.Parameters = p;
            if (clear)
            {
                rec.Clear();
            }
        };
    }

    public override void Prepare(PrepareContext context)
    {
        _grid = context.Grid;
        foreach (var rec in _recorders)
        {
            rec.Window = rec.Parameters.Window.ToSteps(context.Grid, Model.Name);
        }
    }

    /// <summary>One event: a spike of <paramref name="senderId"/> stamped <paramref name="stamp"/> carried <paramref name="weight"/> to <paramref name="targetId"/>.</summary>
    public void Record(int local, int senderId, int targetId, long stamp, double weight)
    {
        var rec = _recorders[local];
        if (stamp < rec.Window.First || stamp > rec.Window.Last)
        {
            return;
        }

        rec.Senders.Add(senderId);
        rec.Targets.Add(targetId);
        rec.Times.Add(_grid.ToMs(stamp));
        rec.Weights.Add(weight);
    }

    public override long RecordedBytes => _recorders.Sum(r => 8L * r.Senders.Capacity + 16L * r.Times.Capacity);

    private sealed class Recorder(WeightRecorderParameters p)
    {
        public WeightRecorderParameters Parameters { get; set; } = p;

        public List<int> Senders { get; } = [];

        public List<int> Targets { get; } = [];

        public List<double> Times { get; } = [];

        public List<double> Weights { get; } = [];

        public (long First, long Last) Window { get; set; }

        public void Clear()
        {
            Senders.Clear();
            Targets.Clear();
            Times.Clear();
            Weights.Clear();
        }
    }
}
