using ScottPlot;
using SkiaSharp;

namespace NeuroKernel.Plotting;

/// <summary>The look shared by all figures: a sans-serif font where one is installed, as matplotlib's plots use.</summary>
internal static class FigureStyle
{
    private static readonly string[] SansSerifFamilies = ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Segoe UI", "Noto Sans"];

    // ScottPlot falls back to the first family it finds, which on Linux is often a serif one. Text is drawn with
    // the fonts the system has; where it has none (a bare container), the figure is drawn without text.
    private static readonly Lazy<string?> SansSerif = new(() =>
    {
        var installed = new HashSet<string>(SKFontManager.Default.FontFamilies, StringComparer.OrdinalIgnoreCase);
        return Array.Find(SansSerifFamilies, installed.Contains);
    });

    public static void Apply(Plot plot)
    {
        if (SansSerif.Value is { } family)
        {
            plot.Font.Set(family);
        }

        // Tick labels as numbers are written in the field (1000, 0.5), without thousands separators.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = Label };
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = Label };
    }

    /// <summary>A tick label: the shortest round-trip form, invariant culture, no grouping (1000, not 1,000).</summary>
    internal static string Label(double value) =>
        Math.Round(value, 10).ToString("0.##########", System.Globalization.CultureInfo.InvariantCulture);
}
