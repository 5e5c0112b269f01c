using System.Globalization;

namespace NeuroKernel.Plotting;

/// <summary>
/// Reads the spike files that NEST and NeuroKernel write: NEST 2's <c>.gdf</c> (<c>gid&lt;TAB&gt;time</c> lines, no
/// header) and NEST 3's <c>.dat</c> from the <c>ascii</c> backend (comment lines starting with <c>#</c>, the column
/// line <c>sender&lt;TAB&gt;time_ms</c>, then <c>sender&lt;TAB&gt;time</c> lines).
/// </summary>
/// <remarks>
/// The layout is taken from the content, not from the extension: comment lines are skipped, a column line
/// names where the sender and the time are, and without one the first column is the sender and the second the
/// time in ms. Columns are separated by tabs or spaces, and numbers use the invariant culture.
/// </remarks>
public static class SpikeFile
{
    /// <summary>Reads one spike file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The spikes in file order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">A line is neither a comment, a column line nor a sender and a time; or the times are in steps (<c>time_in_steps</c>), which need the resolution.</exception>
    public static SpikeEvents Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var senders = new List<int>();
        var times = new List<double>();
        ReadInto(path, senders, times);
        return new SpikeEvents(senders, times);
    }

    /// <summary>
    /// Reads several spike files into one list of events, in the order given (NEST writes one file per virtual
    /// process; <c>raster_plot.from_file</c> reads them together).
    /// </summary>
    /// <param name="paths">The files.</param>
    /// <returns>The spikes of all files.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="paths"/> or one of its elements is null.</exception>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="FormatException">A line of a file cannot be read (see <see cref="Read(string)"/>).</exception>
    public static SpikeEvents Read(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var senders = new List<int>();
        var times = new List<double>();
        foreach (string path in paths)
        {
            ArgumentNullException.ThrowIfNull(path, nameof(paths));
            ReadInto(path, senders, times);
        }

        return new SpikeEvents(senders, times);
    }

    private static void ReadInto(string path, List<int> senders, List<double> times)
    {
        int senderColumn = 0;
        int timeColumn = 1;
        int lineNumber = 0;
        foreach (string raw in File.ReadLines(path))
        {
            lineNumber++;
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            string[] fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (!char.IsAsciiDigit(fields[0][0]) && fields[0][0] is not ('-' or '+' or '.'))
            {
                // NEST 3's column line, e.g. "sender\ttime_ms" or "sender\ttime_step\toffset".
                (senderColumn, timeColumn) = Columns(fields, path, lineNumber);
                continue;
            }

            if (fields.Length <= Math.Max(senderColumn, timeColumn)
                || !int.TryParse(fields[senderColumn], NumberStyles.Integer, CultureInfo.InvariantCulture, out int sender)
                || !double.TryParse(fields[timeColumn], NumberStyles.Float, CultureInfo.InvariantCulture, out double time))
            {
                throw new FormatException(
                    $"{path}, line {lineNumber}: expected a sender id and a time in ms, found '{line}'.");
            }

            senders.Add(sender);
            times.Add(time);
        }
    }

    private static (int Sender, int Time) Columns(string[] names, string path, int lineNumber)
    {
        int sender = Array.FindIndex(names, n => n is "sender" or "senders" or "gid");
        int time = Array.FindIndex(names, n => n is "time_ms" or "times" or "time");
        if (sender < 0 || time < 0)
        {
            string hint = Array.IndexOf(names, "time_step") >= 0
                ? " Times in steps (time_in_steps) need the resolution; record them in ms."
                : "";
            throw new FormatException(
                $"{path}, line {lineNumber}: the column line '{string.Join(' ', names)}' names no sender and time_ms columns.{hint}");
        }

        return (sender, time);
    }
}
