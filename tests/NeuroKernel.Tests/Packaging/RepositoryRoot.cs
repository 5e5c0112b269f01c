namespace NeuroKernel.Tests.Packaging;

/// <summary>Finds the repository's root: the nearest folder above the test binaries that holds <c>NeuroKernel.sln</c>.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NeuroKernel.sln")))
            {
                return dir.FullName;
            }
        }

        Assert.Fail($"No folder above {TestContext.CurrentContext.TestDirectory} holds NeuroKernel.sln.");
        return "";
    }
}
