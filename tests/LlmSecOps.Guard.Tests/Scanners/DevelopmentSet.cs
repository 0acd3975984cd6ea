using System.Text.Json;

namespace LlmSecOps.Guard.Tests.Scanners;

/// <summary>
/// The rows of the shared development datasets (JSON Lines with <c>text</c> and <c>label</c>),
/// from the folder <see cref="DatasetsFolder"/> finds.
/// </summary>
internal static class DevelopmentSet
{
    public static IEnumerable<(string File, string Text, string Label)> Rows()
    {
        var dev = DatasetsFolder.Dev ?? throw new InvalidOperationException("shared datasets not found");
        foreach (var file in Directory.GetFiles(dev, "*.jsonl").Order(StringComparer.Ordinal))
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
}
