using System.Globalization;
using System.Text;
using NeuroKernel.Kernel;

namespace NeuroKernel.Recording;

/// <summary>
/// Buffered writer of one recorder's file: NEST 3's ascii backend (<c>.dat</c>: a version header, then
/// <c>sender&lt;TAB&gt;time_ms[&lt;TAB&gt;value…]</c>) or NEST 2's <c>.gdf</c> (<c>gid&lt;TAB&gt;time</c>). Times
/// and values are written with 3 decimals, as NEST's ascii backend does.
/// </summary>
internal sealed class RecordingFileWriter : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly TimeGrid? _steps;

    private RecordingFileWriter(string path, bool overwrite, FileLayout layout, IReadOnlyList<string> columns, TimeGrid? steps)
    {
        Path = path;
        _steps = steps;
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
            var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
            _writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOErrorException($"The file '{path}' cannot be opened for writing: {ex.Message}", ex);
        }

        if (layout == FileLayout.Dat)
        {
            _writer.WriteLine("# NEST version: 3.9.0 (NeuroKernel)");
            _writer.WriteLine("# RecordingBackendASCII version: 2");
            _writer.WriteLine(string.Join('\t', steps is null ? ["sender", "time_ms", .. columns] : ["sender", "time_step", "time_offset", .. columns]));
        }
    }

    public string Path { get; }

    /// <summary>
    /// Opens <c>data_path/data_prefix + label + "-" + id + "-0." + (dat|gdf)</c>, refusing a file another
    /// recorder of this kernel writes and an existing file unless overwrite_files is set.
    /// </summary>
    public static RecordingFileWriter Open(PrepareContext context, string label, int nodeId, FileLayout layout, IReadOnlyList<string> columns, bool timeInSteps = false)
    {
        var settings = context.Settings;
        string ext = layout == FileLayout.Gdf ? "gdf" : "dat";
        string name = string.Create(CultureInfo.InvariantCulture, $"{settings.DataPrefix}{label}-{nodeId}-0.{ext}");
        string path = System.IO.Path.GetFullPath(System.IO.Path.Combine(settings.DataPath.Length > 0 ? settings.DataPath : ".", name));
        if (!FileClaims.TryClaim(path))
        {
            throw new IOErrorException($"Two recorders cannot write to the same file (file = '{path}'); give them different labels.");
        }

        try
        {
            return new RecordingFileWriter(path, settings.OverwriteFiles, layout, columns, timeInSteps ? context.Grid : null);
        }
        catch
        {
            FileClaims.Release(path);
            throw;
        }
    }

    public void Write(int sender, double timeMs) => Write(sender, timeMs, []);

    public void Write(int sender, double timeMs, ReadOnlySpan<double> values) => Write(sender, timeMs, values, []);

    /// <summary>One line: sender, time, the doubles (3 decimals) and then the integers, tab-separated (NEST's ascii backend).</summary>
    public void Write(int sender, double timeMs, ReadOnlySpan<double> values, ReadOnlySpan<long> integers)
    {
        Span<char> buffer = stackalloc char[64];
        _writer.Write(sender.TryFormat(buffer, out int n, provider: CultureInfo.InvariantCulture) ? buffer[..n] : sender.ToString(CultureInfo.InvariantCulture));
        _writer.Write('\t');
        if (_steps is { } grid)
        {
            // time_in_steps: the step and the offset (0 on the grid).
            long step = grid.RoundHalfUp(timeMs);
            _writer.Write(step.TryFormat(buffer, out n, provider: CultureInfo.InvariantCulture) ? buffer[..n] : step.ToString(CultureInfo.InvariantCulture));
            _writer.Write("\t0.000");
        }
        else
        {
            _writer.Write(timeMs.TryFormat(buffer, out n, "F3", CultureInfo.InvariantCulture) ? buffer[..n] : timeMs.ToString("F3", CultureInfo.InvariantCulture));
        }
        foreach (double v in values)
        {
            _writer.Write('\t');
            _writer.Write(v.TryFormat(buffer, out n, "F3", CultureInfo.InvariantCulture) ? buffer[..n] : v.ToString("F3", CultureInfo.InvariantCulture));
        }

        foreach (long v in integers)
        {
            _writer.Write('\t');
            _writer.Write(v.TryFormat(buffer, out n, provider: CultureInfo.InvariantCulture) ? buffer[..n] : v.ToString(CultureInfo.InvariantCulture));
        }

        _writer.Write('\n');
    }

    /// <summary>Writes the buffered lines to the file.</summary>
    /// <exception cref="IOErrorException">The file cannot be written (disk full, …).</exception>
    public void Flush()
    {
        try
        {
            _writer.Flush();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOErrorException($"Writing the recorder file '{Path}' failed: {ex.Message}", ex);
        }
    }

    /// <summary>Opens the file of recorder node <paramref name="nodeId"/> at Prepare if its parameters ask for one and none is open yet.</summary>
    public static void OpenIfAsked(IFileOutput rec, PrepareContext context, string modelName, int nodeId, IReadOnlyList<string> columns)
    {
        if (rec.Layout != FileLayout.None && rec.Writer is null)
        {
            rec.Writer = Open(context, rec.Label.Length > 0 ? rec.Label : modelName, nodeId, rec.Layout, columns, rec.TimeInSteps);
        }
    }

    /// <summary>Refuses new parameters that would change the file of a recorder whose file is open.</summary>
    /// <exception cref="KernelStateErrorException">The layout or the label would change.</exception>
    public static void CheckFileUnchanged(IFileOutput rec, FileLayout layout, string label, string owner)
    {
        if (rec.Writer is not null && layout != rec.Layout | label != rec.Label)
        {
            throw new KernelStateErrorException($"{owner}: the file output of a recorder cannot change after its file was opened (label = '{label}').");
        }
    }

    /// <summary>Adds <c>filenames</c> to a recorder's status when it writes a file.</summary>
    public static void WriteFileNames(IFileOutput rec, StatusDictionary status)
    {
        if (rec.Writer is not null)
        {
            status["filenames"] = new[] { rec.Writer.Path };
        }
    }

    /// <summary>Flushes the files of recorders that write one (a block's Finish).</summary>
    /// <exception cref="IOErrorException">A file cannot be written.</exception>
    public static void FlushAll(IEnumerable<IFileOutput> recorders)
    {
        foreach (var rec in recorders)
        {
            rec.Writer?.Flush();
        }
    }

    /// <summary>Closes the files of recorders that write one and forgets them (a block's Close).</summary>
    public static void CloseAll(IEnumerable<IFileOutput> recorders)
    {
        foreach (var rec in recorders)
        {
            rec.Writer?.Dispose();
            rec.Writer = null;
        }
    }

    /// <summary>Closes the file and releases its name; a failing final write is not reported here.</summary>
    public void Dispose()
    {
        try
        {
            _writer.Dispose();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Close is called by ResetKernel and Dispose, which must not throw; Flush reports write errors.
        }
        finally
        {
            FileClaims.Release(Path);
        }
    }
}

/// <summary>A recorder's file, if it writes one, and the parameters that name it.</summary>
internal interface IFileOutput
{
    /// <summary>The open file, or null.</summary>
    RecordingFileWriter? Writer { get; set; }

    /// <summary>The file layout its parameters ask for (None: no file).</summary>
    FileLayout Layout { get; }

    /// <summary>Its label ("" for the model's name).</summary>
    string Label { get; }

    /// <summary>Whether its times are written as steps and offsets (time_in_steps).</summary>
    bool TimeInSteps { get; }
}
