using NeuroKernel.Tests.Packaging;

namespace NeuroKernel.Tests.Reliability;

/// <summary>
/// A console program, built on the fly in a temporary folder, that references the NeuroKernel.dll under test
/// (and its two dependencies) directly. It builds a 500-neuron network that writes a NEST 2 .gdf spike file and
/// a voltmeter .dat file, prints <c>simulation started</c>, and simulates; on Ctrl-C it prints
/// <c>interrupted at T</c> and exits with 3, otherwise it prints <c>finished at T</c> and exits with 0.
/// Arguments: the data path and the simulation time (ms).
/// </summary>
internal sealed class InterruptibleChild
{
    public const int InterruptedExitCode = 3;

    private const string Program = """
        using System.Globalization;
        using NeuroKernel;

        string dir = args[0];
        double simtime = double.Parse(args[1], CultureInfo.InvariantCulture);
        using var sim = new Simulator();
        sim.SetKernelStatus(new() { ["rng_seed"] = 4711L, ["data_path"] = dir, ["overwrite_files"] = false });
        var neurons = sim.Create("iaf_psc_alpha", 500, new() { ["I_e"] = 100.0 });
        var noise = sim.Create("poisson_generator", 1, new() { ["rate"] = 10000.0 });
        var spikes = sim.Create("spike_recorder", 1, new() { ["to_file"] = true, ["to_memory"] = false, ["label"] = "ctrlc" });
        var vm = sim.Create("voltmeter", 1, new() { ["record_to"] = "ascii", ["label"] = "ctrlc-vm", ["interval"] = 1.0 });
        sim.Connect(noise, neurons, syn: new SynSpec("static_synapse", 15.0, 1.0));
        sim.Connect(neurons, neurons, new StatusDictionary { ["rule"] = "fixed_indegree", ["indegree"] = 10 }, new SynSpec("static_synapse", 5.0, 1.5));
        sim.Connect(neurons, spikes);
        sim.Connect(vm, neurons[..10]);
        Console.WriteLine("simulation started");
        try
        {
            sim.Simulate(simtime);
            Console.WriteLine("finished at " + sim.GetKernelStatus<double>("biological_time").ToString("R", CultureInfo.InvariantCulture));
            return 0;
        }
        catch (SimulationInterruptedException ex)
        {
            Console.WriteLine("interrupted at " + ex.TimeMs.ToString("R", CultureInfo.InvariantCulture));
            return 3;
        }
        """;

    private InterruptibleChild(string dll) => Dll = dll;

    /// <summary>The built program.</summary>
    public string Dll { get; }

    /// <summary>Writes and builds the program in <paramref name="folder"/>; fails the test if the build fails.</summary>
    public static InterruptibleChild Build(string folder)
    {
        string bin = TestContext.CurrentContext.TestDirectory;
        // Empty props files stop MSBuild's upward search for a repository's settings.
        File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(folder, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(folder, "Directory.Packages.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(folder, "nuget.config"), """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
              </packageSources>
            </configuration>
            """);
        string Reference(string name) => $"""    <Reference Include="{name}"><HintPath>{Path.Combine(bin, name + ".dll")}</HintPath></Reference>""";
        File.WriteAllText(Path.Combine(folder, "ctrlc.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
            {Reference("NeuroKernel")}
            {Reference("MathNet.Numerics")}
            {Reference("System.Numerics.Tensors")}
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), Program);
        var build = DotNetCli.Run(folder, TimeSpan.FromMinutes(3), null, "build", "-c", "Release", "-o", Path.Combine(folder, "out"), "-nodeReuse:false");
        Assert.That(build.ExitCode, Is.Zero, build.Describe());
        return new InterruptibleChild(Path.Combine(folder, "out", "ctrlc.dll"));
    }
}
