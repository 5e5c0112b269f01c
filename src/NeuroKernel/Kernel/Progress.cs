using System.Diagnostics;
using System.Globalization;

namespace NeuroKernel.Kernel;

/// <summary>
/// NEST's <c>print_time</c> progress, <c>[ NN% ] Model time: X ms, Real-time factor: Y</c>: on a terminal one
/// line rewritten in place at most every 1 %; when the output is redirected to a file or a pipe, a new
/// line only every 10 %, so that logs are not flooded.
/// </summary>
internal sealed class Progress(long start, long end, double resolution)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly bool _redirected = Console.IsOutputRedirected;
    private int _lastPercent = -1;

    public void Report(long step)
    {
        int percent = (int)(100 * (step - start) / Math.Max(1, end - start));
        int granularity = _redirected ? 10 : 1;
        if (percent / granularity == _lastPercent / granularity && _lastPercent >= 0)
        {
            return;
        }

        _lastPercent = percent;
        double modelMs = (step - start) * resolution;
        double factor = _clock.Elapsed.TotalMilliseconds > 0 ? modelMs / _clock.Elapsed.TotalMilliseconds : 0.0;
        string line = string.Create(CultureInfo.InvariantCulture,
            $"[ {percent,3}% ] Model time: {step * resolution:F1} ms, Real-time factor: {factor:F4}");
        if (_redirected)
        {
            Console.Out.WriteLine(line);
        }
        else
        {
            Console.Out.Write("\r" + line);
        }
    }

    public void Done()
    {
        if (!_redirected)
        {
            Console.Out.WriteLine();
        }
    }
}
