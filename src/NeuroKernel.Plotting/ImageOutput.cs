using ScottPlot;
using SkiaSharp;

namespace NeuroKernel.Plotting;

/// <summary>Writes a figure as PNG or SVG, chosen by the file name's extension.</summary>
internal static class ImageOutput
{
    /// <summary>The largest width or height accepted, in pixels; far beyond any screen or print use.</summary>
    private const int MaxPixels = 16384;

    public static void ValidateSize(int width, int height)
    {
        if (width is <= 0 or > MaxPixels)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, $"The width must be between 1 and {MaxPixels} pixels.");
        }

        if (height is <= 0 or > MaxPixels)
        {
            throw new ArgumentOutOfRangeException(nameof(height), height, $"The height must be between 1 and {MaxPixels} pixels.");
        }
    }

    /// <summary>Checks the path before any work is done, so that a typo fails fast.</summary>
    /// <returns>True for SVG, false for PNG.</returns>
    public static bool IsSvg(string path, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path, paramName);
        string ext = Path.GetExtension(path);
        if (ext.Equals(".png", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (ext.Equals(".svg", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        throw new ArgumentException($"The image file name must end in .png or .svg (path = '{path}').", paramName);
    }

    public static void Save(Multiplot figure, string path, bool svg, int width, int height)
    {
        if (!svg)
        {
            figure.SavePng(path, width, height);
            return;
        }

        // ScottPlot saves a multiplot only as PNG; an SVG canvas takes the same drawing commands. Disposing the
        // canvas before the stream writes the closing </svg>.
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        using (SKCanvas canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
        {
            figure.Render(canvas, new PixelRect(left: 0, right: width, bottom: height, top: 0));
        }
    }

    public static void Save(Plot plot, string path, bool svg, int width, int height)
    {
        if (svg)
        {
            plot.SaveSvg(path, width, height);
        }
        else
        {
            plot.SavePng(path, width, height);
        }
    }
}
