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

    /// <summary>
    /// The OASIS SARIF 2.1.0 schema: <c>LLMSECOPS_SARIF_SCHEMA</c>, else the shared schemas folder.
    /// Tests that need it use <see cref="SarifSchemaFactAttribute"/>, which skips them with a reason when it is absent.
    /// </summary>
    public static string SarifSchema
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("LLMSECOPS_SARIF_SCHEMA");
            if (!string.IsNullOrEmpty(fromEnv))
            {
                return File.Exists(fromEnv) ? fromEnv : throw new FileNotFoundException($"LLMSECOPS_SARIF_SCHEMA points at {fromEnv}, which does not exist");
            }

            return SharedSchemas is { } dir
                ? Path.Combine(dir, "sarif-schema-2.1.0.json")
                : throw new FileNotFoundException($"the SARIF 2.1.0 schema was not found: expected ../shared/schemas/sarif-schema-2.1.0.json next to {RepoRoot} or one of its parents, or a path in LLMSECOPS_SARIF_SCHEMA");
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
