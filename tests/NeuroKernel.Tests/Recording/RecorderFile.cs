namespace NeuroKernel.Tests.Recording;

/// <summary>Reads the files that recording devices write, while a device may still hold them open.</summary>
internal static class RecorderFile
{
    /// <summary>The lines of a file that a recorder may still hold open.</summary>
    public static string[] ReadLines(string path)
    {
        using var reader = OpenShared(path);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return [.. lines];
    }

    /// <summary>The whole text of a file that a recorder may still hold open.</summary>
    public static string ReadText(string path)
    {
        using var reader = OpenShared(path);
        return reader.ReadToEnd();
    }

    /// <summary>Opens a file for reading, sharing it with a writer (and with a deletion).</summary>
    private static StreamReader OpenShared(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
}
