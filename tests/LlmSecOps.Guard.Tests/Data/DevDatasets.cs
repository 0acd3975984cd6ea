using System.Text.Json;

namespace LlmSecOps.Guard.Tests.Data;

/// <summary>
/// The shared development datasets (JSONL rows with text, label and source). Found through the
/// environment variable <c>LLMSECOPS_DATASETS</c>, else <c>../shared/datasets</c> next to the
/// repository (also one level further up, for worktrees kept in a subfolder).
/// </summary>
internal static class DevDatasets
{
    private static readonly Lazy<string?> Root = new(Locate);

    /// <summary>The <c>dev</c> folder, or null when the datasets are not on this machine.</summary>
    public static string? DevFolder => Root.Value;

    public sealed record Row(string Text, string Label, string Source);

    public static IEnumerable<Row> Read(string file)
    {
        foreach (var line in File.ReadLines(Path.Combine(DevFolder!, file)))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            yield return new Row(root.GetProperty("text").GetString() ?? "", root.GetProperty("label").GetString() ?? "", root.GetProperty("source").GetString() ?? "");
        }
    }

    private static string? Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable("LLMSECOPS_DATASETS");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            var dev = Directory.Exists(Path.Combine(fromEnv, "dev")) ? Path.Combine(fromEnv, "dev") : fromEnv;
            return Directory.Exists(dev) ? dev : null;
        }

        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LlmSecOps.slnx")))
        {
            dir = dir.Parent;
        }

        // ../shared/datasets next to the repository; a worktree kept one folder deeper looks one level further up.
        foreach (var up in new[] { dir?.Parent, dir?.Parent?.Parent })
        {
            var candidate = up is null ? null : Path.Combine(up.FullName, "shared", "datasets", "dev");
            if (candidate is not null && Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>A fact that skips, saying why, when the shared datasets are absent.</summary>
internal sealed class DatasetFactAttribute : FactAttribute
{
    public DatasetFactAttribute()
    {
        if (DevDatasets.DevFolder is null)
        {
            Skip = "The shared datasets folder was not found (set LLMSECOPS_DATASETS or place it at ../shared/datasets).";
        }
    }
}
