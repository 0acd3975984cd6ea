namespace LlmSecOps.Server.Tests.Telemetry;

/// <summary>Locates files of the repository from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LlmSecOps.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find LlmSecOps.slnx above " + AppContext.BaseDirectory);
    }
}
