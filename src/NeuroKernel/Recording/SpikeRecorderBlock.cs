using System.Runtime.CompilerServices;
using System.Globalization;
using NeuroKernel.Kernel;
using NeuroKernel.Models;

namespace NeuroKernel.Recording;

/// <summary>spike_recorder nodes: memory, file and screen output of the spikes of their sources.</summary>
internal sealed class SpikeRecorderBlock : NodeBlock
{
    private readonly Recorder[] _recorders;
    private TimeGrid _grid = new(0.1);

    public SpikeRecorderBlock(SpikeRecorderModel model, int firstId, int count, SpikeRecorderParameters p)
        : base(model, firstId, count)
    {
        _recorders = new Recorder[count];
        for (int i = 0; i < count; i++)
        {
            _recorders[i] = new Recorder(p);
        }
    }

    public override StatusDictionary GetStatus(int local)
    {
        var rec = _recorders[local];
        var d = new StatusDictionary();
        rec.Parameters.Write(d);
        d[ParameterNames.NEvents] = rec.NEvents;
        var events = new StatusDictionary { [ParameterNames.Senders] = rec.Senders.ToArray() };
        TimeInSteps.WriteTimes(events, rec.Times, rec.Parameters.TimeInSteps, Grid ?? _grid);
        d[ParameterNames.Events] = events;
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
                rec.Senders.Clear();
                rec.Times.Clear();
                rec.NEvents = 0;
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
            RecordingFileWriter.OpenIfAsked(rec, context, Model.Name, FirstId + i, []);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void RecordSpike(int local, int senderId, long stampStep, int multiplicity, in Synapses.RecorderTap tap)
    {
        var rec = _recorders[local];
        if (stampStep < rec.Window.First || stampStep > rec.Window.Last)
        {
            return;
        }

        double t = _grid.ToMs(stampStep);
        for (int m = 0; m < multiplicity; m++)
        {
            rec.NEvents++;
            if (rec.Parameters.KeepsMemory)
            {
                rec.Senders.Add(senderId);
                rec.Times.Add(t);
            }

            rec.Writer?.Write(senderId, t);
            if (rec.Parameters.PrintsToScreen)
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{senderId}\t{t:F3}"));
            }
        }
    }

    public override long RecordedBytes => _recorders.Sum(r => 4L * r.Senders.Capacity + 8L * r.Times.Capacity);

    public override void Finish() => RecordingFileWriter.FlushAll(_recorders);

    public override void Close() => RecordingFileWriter.CloseAll(_recorders);

    private sealed class Recorder(SpikeRecorderParameters p) : IFileOutput
    {
        public SpikeRecorderParameters Parameters { get; set; } = p;

        public List<int> Senders { get; } = [];

        public List<double> Times { get; } = [];

        public long NEvents { get; set; }

        public (long First, long Last) Window { get; set; }

        public RecordingFileWriter? Writer { get; set; }

        public FileLayout Layout => Parameters.Layout;

        public string Label => Parameters.Label;

        public bool TimeInSteps => Parameters.TimeInSteps;
    }
}
