namespace LlmSecOps.Guard.Tests;

/// <summary>
/// Finds the shared development datasets: the LLMSECOPS_DATASETS variable, else a
/// <c>shared/datasets</c> folder beside the repository (or beside one of its parents, for
/// checkouts nested a level deeper). Null when absent; tests that need it skip with a message.
/// </summary>
internal static class DatasetsFolder
{
    public static string? Dev { get; } = Locate();

    private static string? Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable("LLMSECOPS_DATASETS");
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            var dev = Path.Combine(fromEnv, "dev");
            return Directory.Exists(dev) ? dev : Directory.Exists(fromEnv) ? fromEnv : null;
        }

        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LlmSecOps.slnx")))
        {
            dir = dir.Parent;
        }

        for (var up = dir?.Parent; up is not null; up = up.Parent)
        {
            var candidate = Path.Combine(up.FullName, "shared", "datasets", "dev");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
