using System.Text;

namespace NeuroKernel.Tests.Packaging;

/// <summary>A line diff (longest common subsequence) that shows only the changed lines, for failure messages.</summary>
internal static class LineDiff
{
    public static string Format(string expected, string actual, int maxLines)
    {
        string[] a = expected.Split('\n');
        string[] b = actual.Split('\n');

        // lcs[i, j] = length of the longest common subsequence of a[i..] and b[j..].
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (int i = a.Length - 1; i >= 0; i--)
        {
            for (int j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var sb = new StringBuilder();
        int shown = 0, total = 0;
        void Line(char sign, string text)
        {
            total++;
            if (shown < maxLines)
            {
                sb.Append(sign).Append(' ').Append(text).Append('\n');
                shown++;
            }
        }

        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                x++;
                y++;
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                Line('+', b[y++]);
            }
            else
            {
                Line('-', a[x++]);
            }
        }

        if (total > shown)
        {
            sb.Append($"… and {total - shown} more changed lines\n");
        }

        return sb.ToString();
    }
}
