using System.Globalization;
using NeuroKernel.Kernel;
using NeuroKernel.Models;

namespace NeuroKernel.Recording;

/// <summary>multimeter/voltmeter nodes: collect the samples their neurons' blocks took, in (time, sender) order.</summary>
internal sealed class MultimeterBlock : NodeBlock
{
    private readonly Meter[] _meters;
    private TimeGrid _grid = new(0.1);

    public MultimeterBlock(MultimeterModel model, int firstId, int count, MultimeterParameters p) : base(model, firstId, count)
    {
        _meters = new Meter[count];
        for (int i = 0; i < count; i++)
        {
            _meters[i] = new Meter(p);
        }
    }

    public override StatusDictionary GetStatus(int local)
    {
        var m = _meters[local];
        var d = new StatusDictionary();
        m.Parameters.Write(d);
        d[ParameterNames.NEvents] = m.NEvents;
        var events = new StatusDictionary { [ParameterNames.Senders] = m.Senders.ToArray() };
        TimeInSteps.WriteTimes(events, m.Times, m.Parameters.TimeInSteps, Grid ?? _grid);
        for (int k = 0; k < m.Names.Length; k++)
        {
            events[m.Names[k]] = m.Values[k].ToArray();
        }

        d[ParameterNames.Events] = events;
        return d;
    }

    public override Action ValidateStatus(int local, StatusDictionary values)
    {
        var m = _meters[local];
        var p = m.Parameters.Read(values, Model.Name, out bool clear, Grid, KernelHasSimulated);
        if (m.Connected && !p.RecordFrom.SequenceEqual(m.Parameters.RecordFrom))
        {
            throw new BadPropertyException("record_from",
                $"{Model.Name} {FirstId + local}: record_from cannot change once the multimeter is connected (record_from = [{string.Join(", ", p.RecordFrom)}]).");
        }

        return () =>
        {
            m.Parameters = p;
            if (clear || !p.RecordFrom.SequenceEqual(m.Names))
            {
                m.Reset();
            }
        };
    }

    public override IReadOnlyList<string> SampledRecordables(int local) => _meters[local].Parameters.RecordFrom;

    /// <summary>Marks a node as connected (record_from is then fixed, as in NEST).</summary>
    public override void MarkSamplerConnected(int local) => _meters[local].Connected = true;

    public override void Prepare(PrepareContext context)
    {
        _grid = context.Grid;
        for (int i = 0; i < Count; i++)
        {
            var m = _meters[i];
            var p = m.Parameters;
            if (!context.Grid.IsOnGrid(p.Interval, out long steps) || steps < 1)
            {
                throw new BadPropertyException("interval",
                    $"{Model.Name} {FirstId + i}: the sampling interval must be a multiple of the resolution (interval = {StatusDictionary.Describe(p.Interval)} ms, resolution = {StatusDictionary.Describe(context.Grid.Resolution)} ms).");
            }

            m.IntervalSteps = steps;
            m.Window = p.Window.ToSteps(context.Grid, Model.Name);
            m.Requests.Clear();
            if (!m.Names.SequenceEqual(p.RecordFrom))
            {
                m.Reset();
            }

            if (p.RecordTo == "ascii" && m.Writer is null)
            {
                string label = p.Label.Length > 0 ? p.Label : Model.Name;
                m.Writer = RecordingFileWriter.Open(context, label, FirstId + i, FileLayout.Dat, p.RecordFrom, p.TimeInSteps);
            }
        }
    }

    /// <summary>A request for one target neuron; checks that the target has every recordable asked for.</summary>
    public override SampleRequest CreateSampleRequest(int local, NodeBlock target, int targetLocal)
    {
        var m = _meters[local];
        foreach (string name in m.Parameters.RecordFrom)
        {
            var recordables = target.RecordablesOf(targetLocal);
            if (!recordables.Contains(name))
            {
                throw new BadPropertyException("record_from",
                    $"record_from: {Model.Name} {FirstId + local} asks for '{name}', but {target.Model.Name} (node {target.FirstId + targetLocal}) records only [{string.Join(", ", recordables)}].");
            }
        }

        var request = new SampleRequest(targetLocal, target.FirstId + targetLocal, m.Parameters.RecordFrom, m.IntervalSteps, m.Window.First, m.Window.Last);
        m.Requests.Add(request);
        return request;
    }

    /// <summary>Moves the samples taken during the run into the events (by time, then sender) and the files.</summary>
    public override void Finish()
    {
        for (int i = 0; i < Count; i++)
        {
            var m = _meters[i];

            // Each request's samples are in time order, so a merge suffices: for each sampled time, every request
            // that has a sample then, in sender order (a stable sort keeps connections to one sender in their order).
            // All requests of a meter normally share their sample times, which makes this one pass over the samples.
            var requests = m.Requests.OrderBy(r => r.SenderId).ToArray();
            var cursor = new int[requests.Length];
            var values = new double[m.Names.Length];
            long stamp = long.MaxValue;
            foreach (var r in requests)
            {
                if (r.Stamps.Count > 0)
                {
                    stamp = Math.Min(stamp, r.Stamps[0]);
                }
            }

            while (stamp != long.MaxValue)
            {
                double t = _grid.ToMs(stamp);
                long next = long.MaxValue;
                for (int q = 0; q < requests.Length; q++)
                {
                    var request = requests[q];
                    int index = cursor[q];
                    if (index < request.Stamps.Count && request.Stamps[index] == stamp)
                    {
                        for (int k = 0; k < values.Length; k++)
                        {
                            values[k] = request.Values[index * values.Length + k];
                        }

                        Emit(m, request.SenderId, t, values);
                        cursor[q] = ++index;
                    }

                    if (index < request.Stamps.Count)
                    {
                        next = Math.Min(next, request.Stamps[index]);
                    }
                }

                stamp = next;
            }

            foreach (var r in m.Requests)
            {
                r.Stamps.Clear();
                r.Values.Clear();
            }

            m.Writer?.Flush();
        }
    }

    /// <summary>One event of a meter: counted, and kept in memory, printed or written as record_to says.</summary>
    private static void Emit(Meter m, int sender, double t, double[] values)
    {
        m.NEvents++;
        if (m.Parameters.RecordTo == "memory")
        {
            m.Senders.Add(sender);
            m.Times.Add(t);
            for (int k = 0; k < values.Length; k++)
            {
                m.Values[k].Add(values[k]);
            }
        }
        else if (m.Parameters.RecordTo == "screen")
        {
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sender}\t{t:F3}\t{string.Join('\t', values)}"));
        }

        m.Writer?.Write(sender, t, values);
    }

    public override long RecordedBytes =>
        _meters.Sum(m => 4L * m.Senders.Capacity + 8L * m.Times.Capacity + m.Values.Sum(v => 8L * v.Capacity));

    public override void Close()
    {
        foreach (var m in _meters)
        {
            m.Writer?.Dispose();
            m.Writer = null;
        }
    }

    private sealed class Meter(MultimeterParameters p)
    {
        public MultimeterParameters Parameters { get; set; } = p;

        public string[] Names { get; private set; } = [];

        public List<int> Senders { get; } = [];

        public List<double> Times { get; } = [];

        public List<double>[] Values { get; private set; } = [];

        public bool Connected { get; set; }

        /// <summary>Samples taken, whatever the backend (as spike_recorder counts events).</summary>
        public long NEvents { get; set; }

        public long IntervalSteps { get; set; } = 1;

        public (long First, long Last) Window { get; set; }

        public List<SampleRequest> Requests { get; } = [];

        public RecordingFileWriter? Writer { get; set; }

        /// <summary>Clears the events and fixes their columns to the current record_from.</summary>
        public void Reset()
        {
            Names = Parameters.RecordFrom;
            NEvents = 0;
            Senders.Clear();
            Times.Clear();
            Values = [.. Names.Select(_ => new List<double>())];
        }
    }
}
