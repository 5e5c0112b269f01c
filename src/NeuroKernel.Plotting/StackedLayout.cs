using ScottPlot;

namespace NeuroKernel.Plotting;

/// <summary>
/// Subplots stacked top to bottom with fixed shares of the figure's height: NEST's raster plot gives the raster
/// about three quarters and the histogram the rest.
/// </summary>
internal sealed class StackedLayout(params float[] shares) : IMultiplotLayout
{
    public PixelRect[] GetSubplotRectangles(SubplotCollection subplots, PixelRect figureRect)
    {
        int n = subplots.Count;
        var rects = new PixelRect[n];
        float total = 0;
        for (int i = 0; i < n; i++)
        {
            total += Share(i);
        }

        float top = figureRect.Top;
        for (int i = 0; i < n; i++)
        {
            // Whole pixels: subplots that meet on a fractional row leave an anti-aliased seam of the (black, in SVG)
            // cleared canvas between their white backgrounds.
            float bottom = i == n - 1 ? figureRect.Bottom : MathF.Round(top + figureRect.Height * Share(i) / total);
            rects[i] = new PixelRect(left: figureRect.Left, right: figureRect.Right, bottom: bottom, top: top);
            top = bottom;
        }

        return rects;
    }

    private float Share(int i) => i < shares.Length ? shares[i] : 1f;
}
