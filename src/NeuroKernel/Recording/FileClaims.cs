namespace NeuroKernel.Recording;

/// <summary>
/// The recording files open in this process, across all kernels: two recorders, even of two Simulator
/// instances, must never write the same file.
/// </summary>
internal static class FileClaims
{
    private static readonly HashSet<string> Claimed = new(StringComparer.Ordinal);

    /// <summary>Claims <paramref name="path"/>; false when another recorder holds it.</summary>
    public static bool TryClaim(string path)
    {
        lock (Claimed)
        {
            return Claimed.Add(path);
        }
    }

    public static void Release(string path)
    {
        lock (Claimed)
        {
            Claimed.Remove(path);
        }
    }
}
