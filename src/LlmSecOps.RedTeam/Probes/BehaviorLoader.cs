using System.Text.Json;
using LlmSecOps.RedTeam.Configuration;
using LlmSecOps.RedTeam.Resources;

namespace LlmSecOps.RedTeam.Probes;

/// <summary>
/// Reads the behaviour list harmful-intent probes draw from: plain text (one behaviour per line,
/// <c>#</c> comments) or JSONL (<c>{"behavior": "...", "id": "...", "category": "..."}</c>; the
/// text may also be under <c>goal</c>, <c>text</c> or <c>prompt</c>). The product ships only a
/// small list of harmless placeholders; real lists are the user's.
/// </summary>
internal static class BehaviorLoader
{
    /// <summary>Largest number of behaviours read.</summary>
    public const int MaxBehaviors = 10_000;

    /// <summary>Longest behaviour text.</summary>
    public const int MaxChars = 4000;

    /// <summary>The placeholder list shipped with the product.</summary>
    public static IReadOnlyList<Behavior> Sample() =>
        Parse(EmbeddedText.Read("LlmSecOps.RedTeam.Resources.behaviors-sample.txt"), "builtin:behaviors-sample.txt", jsonl: false);

    /// <summary>Reads a behaviour file.</summary>
    public static IReadOnlyList<Behavior> LoadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new RedTeamFormatException(path, "file not found");
        }

        if (new FileInfo(path).Length > 32L << 20)
        {
            throw new RedTeamFormatException(path, "file is over 32 MB");
        }

        var jsonl = path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase);
        return Parse(File.ReadAllText(path), path, jsonl);
    }

    /// <summary>Parses behaviour text.</summary>
    public static IReadOnlyList<Behavior> Parse(string content, string source, bool jsonl)
    {
        var errors = new List<SourceError>();
        var list = new List<Behavior>();
        var lineNo = 0;
        foreach (var raw in content.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0 || (!jsonl && line.StartsWith('#')))
            {
                continue;
            }

            if (list.Count >= MaxBehaviors)
            {
                errors.Add(new SourceError(source, lineNo, 1, $"more than {MaxBehaviors} behaviours"));
                break;
            }

            if (!jsonl)
            {
                if (line.Length > MaxChars)
                {
                    errors.Add(new SourceError(source, lineNo, 1, $"behaviour longer than {MaxChars} characters"));
                    continue;
                }

                list.Add(new Behavior("b" + lineNo.ToString(System.Globalization.CultureInfo.InvariantCulture), line));
                continue;
            }

            try
            {
                using var doc = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 16 });
                var root = doc.RootElement;
                string? text = null;
                foreach (var field in (string[])["behavior", "behaviour", "goal", "text", "prompt"])
                {
                    if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String)
                    {
                        text = v.GetString();
                        break;
                    }
                }

                if (string.IsNullOrWhiteSpace(text))
                {
                    errors.Add(new SourceError(source, lineNo, 1, "expected an object with a string \"behavior\" (or goal, text, prompt) field"));
                    continue;
                }

                if (text.Length > MaxChars)
                {
                    errors.Add(new SourceError(source, lineNo, 1, $"behaviour longer than {MaxChars} characters"));
                    continue;
                }

                var id = root.TryGetProperty("id", out var idEl) && idEl.ValueKind is JsonValueKind.String or JsonValueKind.Number
                    ? idEl.ToString()
                    : "b" + lineNo.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var category = root.TryGetProperty("category", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                list.Add(new Behavior(id, text, category));
            }
            catch (JsonException ex)
            {
                errors.Add(new SourceError(source, lineNo, (int)(ex.BytePositionInLine ?? 0) + 1, "invalid JSON: " + ex.Message));
            }
            catch (ArgumentException)
            {
                errors.Add(new SourceError(source, lineNo, 1, "invalid text: unpaired UTF-16 surrogate"));
            }
        }

        if (errors.Count > 0)
        {
            throw new RedTeamFormatException(errors);
        }

        if (list.Count == 0)
        {
            throw new RedTeamFormatException(source, "no behaviours in the file");
        }

        return list;
    }
}
