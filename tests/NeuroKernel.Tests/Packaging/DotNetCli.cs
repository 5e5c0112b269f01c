using System.Diagnostics;
using System.Text;

namespace NeuroKernel.Tests.Packaging;

/// <summary>Runs the <c>dotnet</c> CLI as a child process with a time limit, capturing its output.</summary>
internal static class DotNetCli
{
    /// <summary>Variables that <c>dotnet test</c> sets for its own MSBuild and that would steer a child build to it.</summary>
    private static readonly string[] InheritedBuildVariables =
        ["MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly"];

    public sealed record Result(int ExitCode, string Output, string Command)
    {
        public string Describe() => $"`{Command}` exited with {ExitCode}:\n{Output}";
    }

    /// <summary>Runs <c>dotnet args…</c> in <paramref name="workingDirectory"/> and returns its exit code and output.</summary>
    public static Result Run(string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (string name in InheritedBuildVariables)
        {
            start.Environment.Remove(name);
        }

        // No build servers or reused MSBuild nodes: they would outlive the command, hold its output pipes open and
        // keep files of the temporary folders busy.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        string command = "dotnet " + string.Join(' ', args);
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new Result(-1, $"timed out after {timeout.TotalSeconds} s\n{Text(output)}", command);
        }

        process.WaitForExit(); // drains the asynchronous readers
        return new Result(process.ExitCode, Text(output), command);
    }

    private static void Append(StringBuilder sb, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (sb)
        {
            sb.AppendLine(line);
        }
    }

    private static string Text(StringBuilder sb)
    {
        lock (sb)
        {
            return sb.ToString();
        }
    }
}
