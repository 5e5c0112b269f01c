namespace NeuroKernel.Tests.Docs;

/// <summary>A fenced code block of a Markdown file: where it is, its info string and its text.</summary>
/// <param name="File">The Markdown file, relative to the repository root with '/' separators.</param>
/// <param name="Line">1-based line of the first line of code (the line after the opening fence).</param>
/// <param name="Info">The info string after the opening fence, trimmed (e.g. <c>csharp</c>, <c>csharp fragment</c>).</param>
/// <param name="Code">The lines between the fences, with the fence's indentation removed.</param>
internal sealed record CodeBlock(string File, int Line, string Info, string Code)
{
    /// <summary>The language: the first word of the info string (what GitHub highlights with).</summary>
    public string Language => Info.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";

    /// <summary>The words of the info string after the language.</summary>
    public string[] Attributes => Info.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();

    /// <summary>Where the block is, as a reader finds it: <c>docs/api.md:42</c>.</summary>
    public string Where => $"{File}:{Line}";
}

/// <summary>
/// Finds the fenced code blocks (<c>```</c> or <c>~~~</c>, CommonMark's rules) of the README and the docs, and
/// sorts them by the documented convention (docs/testing.md, "Code blocks in the docs"):
/// <list type="bullet">
/// <item><c>```csharp</c> — compiled: a complete program in top-level statements (<c>using NeuroKernel;</c> may be
/// left out), which must declare no types;</item>
/// <item><c>```csharp fragment</c> — highlighted as C#, not compiled (an excerpt that needs context);</item>
/// <item><c>```csharp file=PATH</c> — an excerpt of a source file of the repository that a project compiles: its lines
/// must appear in that file as they are (parts separated by a line <c>// …</c> each in turn);</item>
/// <item>anything else (<c>text</c>, <c>sh</c>, <c>xml</c>, no language) — not compiled.</item>
/// </list>
/// Other spellings of C# (<c>cs</c>, <c>c#</c>) and other words after <c>csharp</c> are refused, so that no example is
/// skipped by a typo.
/// </summary>
internal static class MarkdownCodeBlocks
{
    /// <summary>The info-string attribute of C# blocks that are not compiled.</summary>
    public const string Fragment = "fragment";

    /// <summary>The Markdown files whose blocks are checked: README.md and docs/**/*.md, relative to the root.</summary>
    public static IReadOnlyList<string> Files(string root)
    {
        var files = new List<string> { "README.md" };
        string docs = Path.Combine(root, "docs");
        if (Directory.Exists(docs))
        {
            files.AddRange(Directory.GetFiles(docs, "*.md", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
                .Order(StringComparer.Ordinal));
        }

        return files;
    }

    /// <summary>All fenced blocks of one Markdown text, in order.</summary>
    /// <param name="file">The file's name as reported in <see cref="CodeBlock.File"/>.</param>
    /// <param name="text">The Markdown.</param>
    public static IEnumerable<CodeBlock> Extract(string file, string text)
    {
        string[] lines = text.ReplaceLineEndings("\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (!IsFence(lines[i], out int indent, out char fenceChar, out int fenceLength, out string info))
            {
                continue;
            }

            var code = new List<string>();
            int j = i + 1;
            for (; j < lines.Length; j++)
            {
                if (IsFence(lines[j], out _, out char c, out int length, out string closingInfo)
                    && c == fenceChar && length >= fenceLength && closingInfo.Length == 0)
                {
                    break;
                }

                code.Add(Unindent(lines[j], indent));
            }

            yield return new CodeBlock(file, i + 2, info, string.Join('\n', code));
            i = j; // an unclosed fence runs to the end of the file, as in CommonMark
        }
    }

    /// <summary>The info-string attribute of C# blocks quoted from a source file: <c>file=</c> and the path from the root.</summary>
    public const string FilePrefix = "file=";

    /// <summary>The line that separates the parts of a file excerpt.</summary>
    public const string Elision = "// …";

    /// <summary>The source file a block quotes (relative to the root), or null when it quotes none.</summary>
    public static string? QuotedFile(CodeBlock block) =>
        block.Language == "csharp" && block.Attributes is [var a] && a.StartsWith(FilePrefix, StringComparison.Ordinal) ? a[FilePrefix.Length..] : null;

    /// <summary>
    /// Why a file excerpt is not the code of its file, or null when each of its parts (separated by <see cref="Elision"/>
    /// lines) appears in <paramref name="source"/> line for line, after the previous part. Trailing spaces are ignored.
    /// </summary>
    public static string? ExcerptProblem(CodeBlock block, string source)
    {
        string[] file = [.. source.ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd())];
        var parts = new List<List<string>> { new() };
        foreach (string line in block.Code.Split('\n').Select(l => l.TrimEnd()))
        {
            if (line.Trim() == Elision)
            {
                parts.Add([]);
            }
            else
            {
                parts[^1].Add(line);
            }
        }

        int from = 0;
        foreach (var part in parts.Where(p => p.Count > 0))
        {
            int at = Find(file, part, from);
            if (at < 0)
            {
                return $"{block.Where}: these lines are not in {QuotedFile(block)} as quoted (after line {from}):\n  {string.Join("\n  ", part)}";
            }

            from = at + part.Count;
        }

        return null;
    }

    private static int Find(string[] file, List<string> part, int from)
    {
        for (int i = from; i + part.Count <= file.Length; i++)
        {
            int k = 0;
            while (k < part.Count && file[i + k] == part[k])
            {
                k++;
            }

            if (k == part.Count)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>True for blocks that the build test compiles.</summary>
    public static bool IsCompiled(CodeBlock block) => block.Language == "csharp" && block.Attributes.Length == 0;

    /// <summary>Why a block's info string breaks the convention, or null when it keeps it.</summary>
    public static string? Problem(CodeBlock block)
    {
        string language = block.Language;
        if (language is "cs" or "c#" or "C#" or "CSharp" or "Csharp")
        {
            return $"{block.Where}: write ```csharp (compiled) or ```csharp {Fragment} (not compiled), not ```{block.Info}";
        }

        if (language == "csharp" && block.Attributes is not ([] or [Fragment]) && QuotedFile(block) is not { Length: > 0 })
        {
            return $"{block.Where}: unknown attribute in ```{block.Info}; the only ones are '{Fragment}' and '{FilePrefix}PATH'";
        }

        return null;
    }

    private static bool IsFence(string line, out int indent, out char fenceChar, out int length, out string info)
    {
        indent = 0;
        while (indent < line.Length && line[indent] == ' ')
        {
            indent++;
        }

        fenceChar = indent < line.Length ? line[indent] : '\0';
        length = 0;
        info = "";
        if (fenceChar is not ('`' or '~'))
        {
            return false;
        }

        while (indent + length < line.Length && line[indent + length] == fenceChar)
        {
            length++;
        }

        if (length < 3)
        {
            return false;
        }

        info = line[(indent + length)..].Trim();
        // A backtick fence's info string cannot contain a backtick (CommonMark), so ``` inline ``` is not a fence.
        return !(fenceChar == '`' && info.Contains('`', StringComparison.Ordinal));
    }

    private static string Unindent(string line, int indent)
    {
        int n = 0;
        while (n < indent && n < line.Length && line[n] == ' ')
        {
            n++;
        }

        return line[n..];
    }
}
