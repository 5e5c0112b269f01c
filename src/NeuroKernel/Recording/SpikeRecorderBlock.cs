using System.Globalization;
using System.Text;
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
        d[ParameterNames.Events] = new StatusDictionary
        {
            [ParameterNames.Senders] = rec.Senders.ToArray(),
            [ParameterNames.Times] = rec.Times.ToArray(),
        };
        if (rec.FilePath is not null)
        {
            d["filenames"] = new[] { rec.FilePath };
        }

        return d;
    }

    public override Action ValidateStatus(int local, StatusDictionary values)
    {
        var rec = _recorders[local];
        var p = rec.Parameters.Read(values, Model.Name, out bool clear);
        if (rec.Writer is not null && p.Layout != rec.Parameters.Layout | p.Label != rec.Parameters.Label)
        {
            throw new KernelStateErrorException(
                $"{Model.Name} {FirstId + local}: the file output of a recorder cannot change after its file was opened (label = '{p.Label}').");
        }

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
            if (rec.Parameters.Layout != FileLayout.None && rec.Writer is null)
            {
                rec.Open(FileName(context.Settings, FirstId + i, rec.Parameters), context.Settings.OverwriteFiles, context.ClaimedFiles);
            }
        }
    }

    private string FileName(KernelSettings settings, int id, SpikeRecorderParameters p)
    {
        string label = p.Label.Length > 0 ? p.Label : Model.Name;
        string ext = p.Layout == FileLayout.Gdf ? "gdf" : "dat";
        string name = string.Create(CultureInfo.InvariantCulture, $"{settings.DataPrefix}{label}-{id}-0.{ext}");
        return Path.GetFullPath(Path.Combine(settings.DataPath.Length > 0 ? settings.DataPath : ".", name));
    }

    public override void RecordSpike(int local, int senderId, long stampStep, int multiplicity)
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

    public override void Finish()
    {
        foreach (var rec in _recorders)
        {
            rec.Writer?.Flush();
        }
    }

    public override void Close()
    {
        foreach (var rec in _recorders)
        {
            rec.Writer?.Dispose();
            rec.Writer = null;
        }
    }

    private sealed class Recorder(SpikeRecorderParameters p)
    {
        public SpikeRecorderParameters Parameters { get; set; } = p;

        public List<int> Senders { get; } = [];

        public List<double> Times { get; } = [];

        public long NEvents { get; set; }

        public (long First, long Last) Window { get; set; }

        public SpikeFileWriter? Writer { get; set; }

        public string? FilePath => Writer?.Path;

        public void Open(string path, bool overwrite, HashSet<string> claimed)
        {
            if (!claimed.Add(path))
            {
                throw new IOErrorException($"Two recorders cannot write to the same file (file = '{path}'); give them different labels.");
            }

            try
            {
                Writer = new SpikeFileWriter(path, overwrite, Parameters.Layout);
            }
            catch
            {
                claimed.Remove(path);
                throw;
            }
        }
    }
}

/// <summary>Buffered writer of one recorder's spike file.</summary>
internal sealed class SpikeFileWriter : IDisposable
{
    private readonly StreamWriter _writer;

    public SpikeFileWriter(string path, bool overwrite, FileLayout layout)
    {
        Path = path;
        if (File.Exists(path) && !overwrite)
        {
            throw new IOErrorException(
                $"The file '{path}' already exists and overwrite_files is false; set the kernel's overwrite_files to true or choose another label or data_path.");
        }

        string? dir = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(dir) && !Directory.Exists(dir))
        {
            throw new IOErrorException($"The directory of the file '{path}' does not exist (data_path = '{dir}').");
        }

        try
        {
            _writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOErrorException($"The file '{path}' cannot be opened for writing: {ex.Message}", ex);
        }

        if (layout == FileLayout.Dat)
        {
            _writer.WriteLine("# NEST version: 3.9.0 (NeuroKernel)");
            _writer.WriteLine("# RecordingBackendASCII version: 2");
            _writer.WriteLine("sender\ttime_ms");
        }
    }

    public string Path { get; }

    public void Write(int sender, double timeMs)
    {
        Span<char> buffer = stackalloc char[48];
        if (sender.TryFormat(buffer, out int n, provider: CultureInfo.InvariantCulture))
        {
            buffer[n++] = '\t';
            if (timeMs.TryFormat(buffer[n..], out int m, "F3", CultureInfo.InvariantCulture))
            {
                n += m;
                buffer[n++] = '\n';
                _writer.Write(buffer[..n]);
                return;
            }
        }

        _writer.Write(string.Create(CultureInfo.InvariantCulture, $"{sender}\t{timeMs:F3}\n"));
    }

    public void Flush() => _writer.Flush();

    public void Dispose() => _writer.Dispose();
}
