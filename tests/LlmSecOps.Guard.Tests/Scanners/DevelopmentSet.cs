using System.Text.Json;

namespace LlmSecOps.Guard.Tests.Scanners;

/// <summary>
/// The shared development datasets (JSON Lines with <c>text</c> and <c>label</c>), found as
/// <c>../shared/datasets</c> beside the repository or through <c>LLMSECOPS_DATASETS</c>.
/// </summary>
internal static class DevelopmentSet
{
    public static string? Directory { get; } = Locate();

    public static IEnumerable<(string File, string Text, string Label)> Rows()
    {
        var dev = Path.Combine(Directory!, "dev");
        foreach (var file in System.IO.Directory.GetFiles(Path.Exists(dev) ? dev : Directory!, "*.jsonl").Order(StringComparer.Ordinal))
        {
            foreach (var line in File.ReadLines(file))
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                using var doc = JsonDocument.Parse(line);
                yield return (Path.GetFileName(file), doc.RootElement.GetProperty("text").GetString() ?? string.Empty,
                    doc.RootElement.GetProperty("label").GetString() ?? string.Empty);
            }
        }
    }

    private static string? Locate()
    {
        if (Environment.GetEnvironmentVariable("LLMSECOPS_DATASETS") is { Length: > 0 } fromEnv && System.IO.Directory.Exists(fromEnv))
        {
            return fromEnv;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LlmSecOps.slnx")))
            {
                var shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "datasets"));
                return System.IO.Directory.Exists(shared) ? shared : null;
            }
        }

        return null;
    }
}

/// <summary>A fact that is skipped, saying why, when the shared datasets folder is absent.</summary>
internal sealed class DevelopmentSetFactAttribute : FactAttribute
{
    public DevelopmentSetFactAttribute()
    {
        if (DevelopmentSet.Directory is null)
        {
            Skip = "shared datasets not found: expected ../shared/datasets beside the repository or LLMSECOPS_DATASETS";
        }
    }
}
