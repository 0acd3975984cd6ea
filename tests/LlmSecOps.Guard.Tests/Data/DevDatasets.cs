using System.Text.Json;

namespace LlmSecOps.Guard.Tests.Data;

/// <summary>
/// The shared development datasets (JSONL rows with text, label and source), in the folder
/// <see cref="DatasetsFolder"/> finds.
/// </summary>
internal static class DevDatasets
{
    /// <summary>The <c>dev</c> folder, or null when the datasets are not on this machine.</summary>
    public static string? DevFolder => DatasetsFolder.Dev;

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
}
