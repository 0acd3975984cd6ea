namespace LlmSecOps.RedTeam.Tests;

/// <summary>Temporary directories and repository paths for tests.</summary>
internal static class TestPaths
{
    /// <summary>A fresh empty directory under the system temp folder.</summary>
    public static string NewTempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "llmsecops-redteam-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>The repository root (the directory holding LlmSecOps.slnx).</summary>
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LlmSecOps.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
