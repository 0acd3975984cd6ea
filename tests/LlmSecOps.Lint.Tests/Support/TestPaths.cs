namespace LlmSecOps.Lint.Tests.Support;

/// <summary>Locates the repository, the sample folders and the shared schemas from the test binaries.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Samples => Path.Combine(RepoRoot, "tests", "LlmSecOps.Lint.Tests", "Samples");

    public static string BadSamples => Path.Combine(Samples, "bad");

    public static string GoodSamples => Path.Combine(Samples, "good");

    /// <summary>
    /// The shared schemas folder: ../shared/schemas next to the repository (or next to one of its
    /// parents, for a git worktree checked out below the main clone), or null when absent.
    /// </summary>
    public static string? SharedSchemas
    {
        get
        {
            for (var dir = Directory.GetParent(RepoRoot); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "schemas");
                if (File.Exists(Path.Combine(candidate, "sarif-schema-2.1.0.json")))
                {
                    return candidate;
                }
            }

            return null;
        }
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LlmSecOps.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("LlmSecOps.slnx not found above " + AppContext.BaseDirectory);
    }
}
