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
    }
}
