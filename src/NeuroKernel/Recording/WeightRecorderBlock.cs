using NeuroKernel.Kernel;
using NeuroKernel.Models;

namespace NeuroKernel.Recording;

/// <summary>
/// weight_recorder nodes: the events the plastic connections report (<see cref="Synapses.WeightRecording"/>), filtered by
/// <c>senders</c>/<c>targets</c>, kept in memory or written to NEST 3's ascii file
/// (<c>sender time_ms weights targets receptors ports</c>).
/// </summary>
internal sealed class WeightRecorderBlock : NodeBlock
{
    /// <summary>The columns after sender and time in the ascii file, doubles first, as NEST's ascii backend orders them.</summary>
    private static readonly string[] FileColumns = ["weights", "targets", "receptors", "ports"];

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
        d[ParameterNames.NEvents] = rec.NEvents;
        d[ParameterNames.Events] = new StatusDictionary
        {
            [ParameterNames.Senders] = rec.Senders.ToArray(),
            ["targets"] = rec.Targets.ToArray(),
            ["weights"] = rec.Weights.ToArray(),
            ["receptors"] = rec.Receptors.ToArray(),
            // NEST's port is the connection's port at the sender: 0 for every connection a neuron or parrot makes.
            ["ports"] = new long[rec.Senders.Count],
        };
        TimeInSteps.WriteTimes((StatusDictionary)d[ParameterNames.Events], rec.Times, rec.Parameters.TimeInSteps, Grid ?? _grid);
        RecordingFileWriter.WriteFileNames(rec, d);

        return d;
    }

    public override Action ValidateStatus(int local, StatusDictionary values)
    {
        var rec = _recorders[local];
        var p = rec.Parameters.Read(values, Model.Name, out bool clear, Grid, KernelHasSimulated);
        RecordingFileWriter.CheckFileUnchanged(rec, p.Layout, p.Label, $"{Model.Name} {FirstId + local}");

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
        for (int i = 0; i < Count; i++)
        {
            var rec = _recorders[i];
            rec.Window = rec.Parameters.Window.ToSteps(context.Grid, Model.Name);
            RecordingFileWriter.OpenIfAsked(rec, context, Model.Name, FirstId + i, FileColumns);
        }
    }

    /// <summary>
    /// One event: a spike of <paramref name="senderId"/> stamped <paramref name="stamp"/> carried <paramref name="weight"/> to
    /// receptor <paramref name="receptor"/> of <paramref name="targetId"/>.
    /// </summary>
    public void Record(int local, int senderId, int targetId, long stamp, double weight, int receptor)
    {
        var rec = _recorders[local];
        if (stamp < rec.Window.First || stamp > rec.Window.Last || !rec.Parameters.Accepts(senderId, targetId))
        {
            return;
        }

        double t = _grid.ToMs(stamp);
        rec.NEvents++;
        if (rec.Parameters.KeepsMemory)
        {
            rec.Senders.Add(senderId);
            rec.Targets.Add(targetId);
            rec.Times.Add(t);
            rec.Weights.Add(weight);
            rec.Receptors.Add(receptor);
        }

        rec.Writer?.Write(senderId, t, [weight], [targetId, receptor, 0L]);
    }

    public override long RecordedBytes => _recorders.Sum(r => 8L * r.Senders.Capacity + 24L * r.Times.Capacity);

    public override void Finish() => RecordingFileWriter.FlushAll(_recorders);

    public override void Close() => RecordingFileWriter.CloseAll(_recorders);

    private sealed class Recorder(WeightRecorderParameters p) : IFileOutput
    {
        public WeightRecorderParameters Parameters { get; set; } = p;

        public List<int> Senders { get; } = [];

        public List<int> Targets { get; } = [];

        public List<double> Times { get; } = [];

        public List<double> Weights { get; } = [];

        public List<long> Receptors { get; } = [];

        public long NEvents { get; set; }

        public (long First, long Last) Window { get; set; }

        public RecordingFileWriter? Writer { get; set; }

        public FileLayout Layout => Parameters.Layout;

        public string Label => Parameters.Label;

        public bool TimeInSteps => Parameters.TimeInSteps;

        public void Clear()
        {
            Senders.Clear();
            Targets.Clear();
            Times.Clear();
            Weights.Clear();
            Receptors.Clear();
            NEvents = 0;
        }
    }
}
