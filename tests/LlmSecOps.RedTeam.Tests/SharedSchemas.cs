namespace LlmSecOps.RedTeam.Tests;

/// <summary>
/// The shared schemas folder (../shared/schemas from the repository root, or $LLMSECOPS_SCHEMAS).
/// Tests that validate against it are skipped, with this message, only when the folder is absent.
/// </summary>
internal static class SharedSchemas
{
    public const string MissingMessage = "the shared schemas folder (../shared/schemas next to the repository, or $LLMSECOPS_SCHEMAS) is absent; SARIF schema validation cannot run";

    public static string? Directory
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("LLMSECOPS_SCHEMAS");
            if (!string.IsNullOrEmpty(fromEnv) && System.IO.Directory.Exists(fromEnv))
            {
                return fromEnv;
            }

            // ../shared/schemas beside the repository; a worktree sits one level deeper, so look
            // in the parents' shared folders too.
            var dir = new DirectoryInfo(TestPaths.RepoRoot()).Parent;
            for (var i = 0; i < 3 && dir is not null; i++, dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "schemas");
                if (System.IO.Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }
    }

    public static string? SarifSchema => Directory is { } d && File.Exists(Path.Combine(d, "sarif-schema-2.1.0.json")) ? Path.Combine(d, "sarif-schema-2.1.0.json") : null;
}

/// <summary>A fact that is skipped (with a clear reason) when the shared SARIF schema is absent.</summary>
internal sealed class SarifSchemaFactAttribute : FactAttribute
{
    public SarifSchemaFactAttribute()
    {
        if (SharedSchemas.SarifSchema is null)
        {
            Skip = SharedSchemas.MissingMessage;
        }
    }
}
