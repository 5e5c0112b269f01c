using System.Text.RegularExpressions;
using System.Xml.Linq;
using NeuroKernel.Tests.Packaging;

namespace NeuroKernel.Tests.Docs;

/// <summary>
/// Every C# example in README.md and docs/**/*.md compiles against the library as built. The blocks marked
/// <c>```csharp</c> are extracted, each wrapped as the body of its own method (<see cref="DocProgram"/>), and built
/// together in one temporary console project outside the repository that references NeuroKernel.dll and
/// NeuroKernel.Plotting.dll from this test's output folder and the packages they need, at the versions of
/// Directory.Packages.props. The convention for blocks that are not meant to compile is in docs/testing.md.
/// </summary>
[TestFixture]
public partial class CodeBlockTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>The packages the two assemblies depend on (their versions come from Directory.Packages.props).</summary>
    private static readonly string[] Packages = ["MathNet.Numerics", "System.Numerics.Tensors", "ScottPlot"];

    /// <summary>The assemblies the examples use, taken from this test's output folder.</summary>
    private static readonly string[] Assemblies = ["NeuroKernel", "NeuroKernel.Plotting"];

    private string _work = "";

    [Test]
    public void Every_code_block_follows_the_convention()
    {
        string root = RepositoryRoot.Find();
        var problems = AllBlocks(root).Select(MarkdownCodeBlocks.Problem).OfType<string>().ToList();
        Assert.That(problems, Is.Empty, string.Join('\n', problems));
    }

    [Test]
    public void Readme_has_a_compiled_csharp_example()
    {
        string root = RepositoryRoot.Find();
        var readme = AllBlocks(root).Where(b => b.File == "README.md" && MarkdownCodeBlocks.IsCompiled(b)).ToList();
        Assert.That(readme, Is.Not.Empty, "README.md should show the API in a ```csharp block");
    }

    [TestCase("```csharp\nvar x = 1;\n```\n", "csharp", true)]
    [TestCase("```csharp fragment\nx = 1;\n```\n", "csharp fragment", false)]
    [TestCase("~~~~ csharp\n```\nstill code\n~~~~\n", "csharp", true)]
    [TestCase("```text\nBuilding network\n```\n", "text", false)]
    [TestCase("```\nplain\n```\n", "", false)]
    [TestCase("1. item\n\n   ```csharp\n   var x = 1;\n   ```\n", "csharp", true)]
    public void Extractor_reads_the_fence_and_the_info_string(string markdown, string info, bool compiled)
    {
        var block = MarkdownCodeBlocks.Extract("x.md", markdown).Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(block.Info, Is.EqualTo(info));
            Assert.That(MarkdownCodeBlocks.IsCompiled(block), Is.EqualTo(compiled));
            Assert.That(block.Code, Does.Not.StartWith(" "), "the fence's indentation is removed");
        }
    }

    [Test]
    public void Every_file_excerpt_is_the_code_of_its_file()
    {
        string root = RepositoryRoot.Find();
        var excerpts = AllBlocks(root).Where(b => MarkdownCodeBlocks.QuotedFile(b) is not null).ToList();
        var problems = excerpts.Select(b => File.Exists(Path.Combine(root, MarkdownCodeBlocks.QuotedFile(b)!))
                ? MarkdownCodeBlocks.ExcerptProblem(b, File.ReadAllText(Path.Combine(root, MarkdownCodeBlocks.QuotedFile(b)!)))
                : $"{b.Where}: {MarkdownCodeBlocks.QuotedFile(b)} does not exist")
            .OfType<string>().ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(excerpts, Is.Not.Empty, "docs/extending.md quotes the extension tests");
            Assert.That(problems, Is.Empty, string.Join('\n', problems));
        }
    }

    [TestCase("a\nb\nc\nd\n", "b\nc", true)]
    [TestCase("a\nb\nc\nd\n", "a\n// …\nd", true)]
    [TestCase("a\nb\nc\nd\n", "d\n// …\na", false)]
    [TestCase("a\nb\nc\nd\n", "b\nd", false)]
    [TestCase("a  \n    b\n", "a\n    b", true)]
    [TestCase("a\n    b\n", "a\nb", false)]
    public void Excerpt_parts_must_appear_in_order_and_verbatim(string source, string excerpt, bool ok)
    {
        var block = new CodeBlock("docs/x.md", 3, "csharp file=src/X.cs", excerpt);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(MarkdownCodeBlocks.QuotedFile(block), Is.EqualTo("src/X.cs"));
            Assert.That(MarkdownCodeBlocks.IsCompiled(block), Is.False, "the excerpt's own project compiles it");
            Assert.That(MarkdownCodeBlocks.Problem(block), Is.Null);
            Assert.That(MarkdownCodeBlocks.ExcerptProblem(block, source), ok ? Is.Null : Does.StartWith("docs/x.md:3"));
        }
    }

    [TestCase("```cs\nvar x = 1;\n```\n")]
    [TestCase("```c#\nvar x = 1;\n```\n")]
    [TestCase("```csharp fragmnet\nvar x = 1;\n```\n")]
    public void Other_spellings_of_csharp_are_refused(string markdown)
    {
        var block = MarkdownCodeBlocks.Extract("x.md", markdown).Single();
        Assert.That(MarkdownCodeBlocks.Problem(block), Does.StartWith("x.md:2"));
    }

    [Test]
    public void Leading_using_directives_move_to_the_top_and_using_declarations_stay_in_the_body()
    {
        var block = new CodeBlock("docs/x.md", 10,
            "csharp", "using NeuroKernel;\nusing NeuroKernel.Plotting;\n\nusing var sim = new Simulator();\nsim.Simulate(1.0);");
        string source = DocProgram.Source(block, 7, "/repo/docs/x.md");
        string head = source[..source.IndexOf("namespace", StringComparison.Ordinal)];
        string body = source[source.IndexOf("#line", StringComparison.Ordinal)..];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Regex.Matches(source, "using NeuroKernel;"), Has.Count.EqualTo(1));
            Assert.That(head, Does.Contain("using NeuroKernel.Plotting;"));
            Assert.That(body, Does.StartWith("#line 13 \"/repo/docs/x.md\"\n"), "the body starts at line 10 + 3");
            Assert.That(body, Does.Contain("using var sim = new Simulator();"));
            Assert.That(source, Does.Contain("namespace DocBlocks.B007"));
        }
    }

    [Test]
    [Category("Slow")]
    [NonParallelizable]
    public void Every_csharp_block_of_the_readme_and_the_docs_compiles()
    {
        string root = RepositoryRoot.Find();
        var blocks = AllBlocks(root).Where(MarkdownCodeBlocks.IsCompiled).ToList();
        Assert.That(blocks, Is.Not.Empty);
        _work = Directory.CreateTempSubdirectory("nk-codeblocks-").FullName;
        Assert.That(_work + Path.DirectorySeparatorChar, Does.Not.StartWith(root + Path.DirectorySeparatorChar), "the project must not inherit the repository's props");

        WriteProject(root, _work, blocks);
        var build = DotNetCli.Run(_work, Timeout, null, "build", "-nodeReuse:false", "-m:1", "-clp:NoSummary");
        if (build.ExitCode == 0)
        {
            TestContext.Out.WriteLine($"{blocks.Count} blocks compiled: {string.Join(", ", blocks.Select(b => b.Where))}");
            return;
        }

        // error lines carry the Markdown file and line thanks to #line; list them by block.
        var errors = build.Output.Split('\n')
            .Where(l => l.Contains(": error ", StringComparison.Ordinal))
            .Select(l => Regex.Replace(l.Trim(), @"\s*\[[^\]]*\.csproj\]$", ""))
            .Distinct()
            .ToList();
        var failed = blocks.Where(b => errors.Any(e => e.Contains(b.File, StringComparison.Ordinal) && ErrorLine(e) is int line
            && line >= b.Line && line < b.Line + b.Code.Split('\n').Length)).Select(b => b.Where).ToList();
        Assert.Fail($"{failed.Count} of {blocks.Count} ```csharp blocks do not compile: {string.Join(", ", failed)}\n" +
            (errors.Count > 0 ? string.Join('\n', errors) : build.Describe()) +
            "\nBlocks that are not meant to compile are marked ```csharp fragment (see docs/testing.md).");
    }

    [TearDown]
    public void DeleteWorkFolder()
    {
        if (_work.Length == 0)
        {
            return;
        }

        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Passed)
        {
            Directory.Delete(_work, recursive: true);
        }
        else
        {
            TestContext.Out.WriteLine($"Kept {_work} for inspection.");
        }

        _work = "";
    }

    private static List<CodeBlock> AllBlocks(string root) =>
        MarkdownCodeBlocks.Files(root)
            .SelectMany(f => MarkdownCodeBlocks.Extract(f, File.ReadAllText(Path.Combine(root, f))))
            .ToList();

    private static int? ErrorLine(string error)
    {
        var m = ErrorLocation().Match(error);
        return m.Success ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>A console project with one file per block, the built assemblies and the packages they need.</summary>
    private static void WriteProject(string root, string dir, List<CodeBlock> blocks)
    {
        // Empty props files stop MSBuild's search for the repository's (or any other) props upward.
        File.WriteAllText(Path.Combine(dir, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(dir, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(dir, "Directory.Packages.props"),
            "<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>\n");
        File.Copy(Path.Combine(root, "nuget.config"), Path.Combine(dir, "nuget.config"));

        var versions = XDocument.Load(Path.Combine(root, "Directory.Packages.props")).Descendants()
            .Where(e => e.Name.LocalName == "PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!);
        string bin = TestContext.CurrentContext.TestDirectory;
        var project = new XElement("Project", new XAttribute("Sdk", "Microsoft.NET.Sdk"),
            new XElement("PropertyGroup",
                new XElement("OutputType", "Exe"),
                new XElement("TargetFramework", "net10.0"),
                new XElement("Nullable", "enable"),
                new XElement("ImplicitUsings", "enable"),
                new XElement("NuGetAudit", "false"),
                // Examples may leave a variable unused; only errors fail the test.
                new XElement("TreatWarningsAsErrors", "false")),
            new XElement("ItemGroup",
                Assemblies.Select(a => new XElement("Reference", new XAttribute("Include", a),
                    new XElement("HintPath", Path.Combine(bin, a + ".dll"))))),
            new XElement("ItemGroup",
                Packages.Select(p => new XElement("PackageReference", new XAttribute("Include", p),
                    new XAttribute("Version", versions.TryGetValue(p, out string? v) ? v : throw new InvalidOperationException($"{p} has no version in Directory.Packages.props."))))));
        project.Save(Path.Combine(dir, "DocBlocks.csproj"));

        File.WriteAllText(Path.Combine(dir, "EntryPoint.cs"), "internal static class EntryPoint\n{\n    private static void Main() { }\n}\n");
        for (int i = 0; i < blocks.Count; i++)
        {
            string name = Regex.Replace(blocks[i].File, @"[^A-Za-z0-9]+", "_");
            File.WriteAllText(Path.Combine(dir, $"B{i:D3}_{name}_{blocks[i].Line}.cs"),
                DocProgram.Source(blocks[i], i, Path.Combine(root, blocks[i].File)));
        }
    }

    [GeneratedRegex(@"\((\d+),\d+\): error ")]
    private static partial Regex ErrorLocation();
}
