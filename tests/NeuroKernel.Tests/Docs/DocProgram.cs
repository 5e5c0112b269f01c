using System.Text;
using System.Text.RegularExpressions;

namespace NeuroKernel.Tests.Docs;

/// <summary>
/// Turns a compiled code block (a program in top-level statements) into a source file that can share one project
/// with every other block: the block's leading <c>using</c> directives move to the top of the file, after an
/// implicit <c>using NeuroKernel;</c>, and its statements become the body of <c>DocBlocks.B&lt;n&gt;.Block.Run()</c>,
/// so that blocks declaring the same variables do not collide. A <c>#line</c> directive maps the body back to the
/// Markdown file, so compiler errors name the file and line of the documentation.
/// </summary>
internal static partial class DocProgram
{
    /// <summary>The C# source of block number <paramref name="index"/>.</summary>
    /// <param name="block">A block for which <see cref="MarkdownCodeBlocks.IsCompiled"/> is true.</param>
    /// <param name="index">A number unique in the project.</param>
    /// <param name="markdownPath">The Markdown file's full path, for the <c>#line</c> directive.</param>
    public static string Source(CodeBlock block, int index, string markdownPath)
    {
        string[] lines = block.Code.Split('\n');
        var usings = new List<string> { "using NeuroKernel;" };
        int first = 0;
        for (; first < lines.Length; first++)
        {
            string line = lines[first].Trim();
            if (UsingDirective().IsMatch(line))
            {
                if (!usings.Contains(line))
                {
                    usings.Add(line);
                }
            }
            else if (line.Length > 0 && !line.StartsWith("//", StringComparison.Ordinal))
            {
                break;
            }
        }

        var sb = new StringBuilder();
        sb.Append("// ").Append(block.Where).Append('\n');
        foreach (string u in usings)
        {
            sb.Append(u).Append('\n');
        }

        sb.Append($"\nnamespace DocBlocks.B{index:D3}\n{{\n    internal static class Block\n    {{\n        public static void Run()\n        {{\n");
        // Lines before `first` were using directives or comments: keep the numbering by starting the body there.
        sb.Append($"#line {block.Line + first} \"{markdownPath.Replace("\\", "\\\\", StringComparison.Ordinal)}\"\n");
        for (int i = first; i < lines.Length; i++)
        {
            sb.Append(lines[i]).Append('\n');
        }

        sb.Append("#line default\n        }\n    }\n}\n");
        return sb.ToString();
    }

    /// <summary>
    /// A using directive (<c>using System.Text;</c>, <c>using static System.Math;</c>, <c>using M = System.Math;</c>),
    /// not a using declaration or statement (<c>using var sim = new Simulator();</c>, <c>using (…)</c>).
    /// </summary>
    [GeneratedRegex(@"^(global\s+)?using\s+(static\s+)?([A-Za-z_]\w*\s*=\s*)?[A-Za-z_][\w.]*(<[\w.,\s<>]*>)?\s*;$")]
    private static partial Regex UsingDirective();
}
