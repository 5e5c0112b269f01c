using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace NeuroKernel.Tests.Packaging;

/// <summary>
/// The NuGet package as a user meets it: <c>dotnet pack</c> makes <c>NeuroKernel.&lt;version&gt;.nupkg</c> and its
/// symbols package with the library, its XML docs and the README; then a new console project outside the
/// repository, with its own <c>nuget.config</c>, references that exact version from the pack folder, builds, runs a
/// neuron that must spike, and prints the count. Slow (two builds and a restore from nuget.org): about a minute.
/// </summary>
[TestFixture]
[Category("Slow")]
[NonParallelizable]
public partial class PackageConsumptionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private const string ConsumerProgram = """
        using NeuroKernel;

        // One neuron driven above threshold by a constant current, and a recorder.
        using var sim = new Simulator();
        NodeCollection neuron = sim.Create("iaf_psc_alpha", 1, new() { ["I_e"] = 1000.0 });
        NodeCollection recorder = sim.Create("spike_recorder");
        sim.Connect(neuron, recorder);
        sim.Simulate(100.0);
        long spikes = sim.GetStatus(recorder).Get<long>("n_events");
        Console.WriteLine($"spikes: {spikes}");
        """;

    private string _work = "";

    [SetUp]
    public void CreateWorkFolder() => _work = Directory.CreateTempSubdirectory("nk-package-").FullName;

    [TearDown]
    public void DeleteWorkFolder()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Passed)
        {
            Directory.Delete(_work, recursive: true);
        }
        else
        {
            TestContext.Out.WriteLine($"Kept {_work} for inspection.");
        }
    }

    [Test]
    public void Packed_library_is_consumed_by_version_from_a_local_feed()
    {
        string root = RepositoryRoot.Find();
        Assert.That(_work, Does.Not.StartWith(root), "the consumer must not inherit the repository's props");
        string feed = Directory.CreateDirectory(Path.Combine(_work, "feed")).FullName;
        string app = Directory.CreateDirectory(Path.Combine(_work, "app")).FullName;
        string packages = Path.Combine(_work, "packages");

        // 1. Pack. Restore was done by the build of this test project; packing must not rewrite its assets file.
        var pack = DotNetCli.Run(root, Timeout, null, "pack", "src/NeuroKernel", "-c", "Release", "-o", feed, "--no-restore", "-nodeReuse:false");
        Assert.That(pack.ExitCode, Is.Zero, pack.Describe());

        string nupkg = Directory.GetFiles(feed, "NeuroKernel.*.nupkg").Single(f => !f.EndsWith(".snupkg", StringComparison.Ordinal));
        Match name = PackageFileName().Match(Path.GetFileName(nupkg));
        Assert.That(name.Success, $"unexpected package file name {nupkg}");
        string version = name.Groups["version"].Value;
        string snupkg = Path.Combine(feed, $"NeuroKernel.{version}.snupkg");
        Assert.That(File.Exists(snupkg), $"no symbols package {snupkg}");
        AssertPackageContents(nupkg, snupkg, version);

        // 2. A console project that knows nothing of the repository.
        WriteConsumer(app, feed, version);
        var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = packages };

        var build = DotNetCli.Run(app, Timeout, env, "build", "--configuration", "Release", "-nodeReuse:false");
        Assert.That(build.ExitCode, Is.Zero, build.Describe());
        string restored = Path.Combine(packages, "neurokernel", version.ToLowerInvariant(), "lib", "net10.0", "NeuroKernel.dll");
        Assert.That(File.Exists(restored), $"NeuroKernel {version} was not restored from the feed into {packages}:\n{build.Output}");

        // 3. Run it: the neuron spikes.
        var run = DotNetCli.Run(app, Timeout, env, "run", "--configuration", "Release", "--no-build");
        Assert.That(run.ExitCode, Is.Zero, run.Describe());
        Match spikes = SpikeLine().Match(run.Output);
        Assert.That(spikes.Success, $"no 'spikes: N' line in the output:\n{run.Output}");
        Assert.That(int.Parse(spikes.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(0), run.Output);
        TestContext.Out.WriteLine(run.Output.Trim());
    }

    private static void AssertPackageContents(string nupkg, string snupkg, string version)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
        XDocument nuspec;
        using (Stream s = zip.GetEntry("NeuroKernel.nuspec")!.Open())
        {
            nuspec = XDocument.Load(s);
        }

        XElement metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Meta(string element) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == element)?.Value;

        using var symbols = ZipFile.OpenRead(snupkg);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(entries, Does.Contain("lib/net10.0/NeuroKernel.dll"));
            Assert.That(entries, Does.Contain("lib/net10.0/NeuroKernel.xml"), "XML docs");
            Assert.That(entries, Does.Contain("README.md"));
            Assert.That(Meta("id"), Is.EqualTo("NeuroKernel"));
            Assert.That(Meta("version"), Is.EqualTo(version));
            Assert.That(Meta("license"), Is.EqualTo("MIT"));
            Assert.That(Meta("readme"), Is.EqualTo("README.md"));
            Assert.That(Meta("description"), Is.Not.Empty);
            Assert.That(Meta("tags"), Does.Contain("spiking"));
            Assert.That(symbols.Entries.Select(e => e.FullName), Does.Contain("lib/net10.0/NeuroKernel.pdb"));
        }

        AssertReadyToRun(zip.GetEntry("lib/net10.0/NeuroKernel.dll")!);
    }

    /// <summary>
    /// The packed assembly holds ReadyToRun code for the machine that built it (src/NeuroKernel/ReadyToRun.targets) and
    /// still its IL and metadata, so that other platforms compile it as before.
    /// </summary>
    private static void AssertReadyToRun(ZipArchiveEntry dll)
    {
        using var buffer = new MemoryStream();
        using (Stream s = dll.Open())
        {
            s.CopyTo(buffer);
        }

        buffer.Position = 0;
        using var pe = new System.Reflection.PortableExecutable.PEReader(buffer);
        var cor = pe.PEHeaders.CorHeader!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(pe.HasMetadata, "the assembly keeps its metadata");
            Assert.That(cor.ManagedNativeHeaderDirectory.Size, Is.GreaterThan(0), "no ReadyToRun header: the Release build did not run crossgen2");
            Assert.That(cor.Flags.HasFlag(System.Reflection.PortableExecutable.CorFlags.ILLibrary), "a ReadyToRun image is flagged ILLibrary");
        }
    }

    private static void WriteConsumer(string app, string feed, string version)
    {
        // Empty props files stop MSBuild's search for the repository's (or any other) central props upward.
        File.WriteAllText(Path.Combine(app, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(app, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(app, "Directory.Packages.props"), """
            <Project>
              <PropertyGroup>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
            </Project>
            """);

        // NeuroKernel only from the fresh feed (source mapping), its dependencies from nuget.org.
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local">
                  <package pattern="NeuroKernel" />
                </packageSource>
                <packageSource key="nuget.org">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="NeuroKernel" Version="[{version}]" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), ConsumerProgram);
    }

    [GeneratedRegex(@"^NeuroKernel\.(?<version>\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.\-]+)?)\.nupkg$")]
    private static partial Regex PackageFileName();

    [GeneratedRegex(@"^spikes: (\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex SpikeLine();
}
