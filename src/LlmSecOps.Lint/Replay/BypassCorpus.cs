using System.Text.Json;

namespace LlmSecOps.Lint.Replay;

/// <summary>
/// Bypass strings to replay through templates: JSON Lines (a string, or an object with
/// <c>text</c>, <c>prompt</c>, <c>bypass</c>, <c>payload</c> or <c>input</c>), CSV (a column with
/// one of those names, else the first column) or plain text (one per line; blank lines and lines
/// starting with <c>#</c> are skipped).
/// </summary>
public sealed class BypassCorpus
{
    /// <summary>Largest corpus file read.</summary>
    public const long MaxBytes = 16L << 20;

    /// <summary>Most entries read.</summary>
    public const int MaxEntries = 20_000;

    /// <summary>Longest entry kept (longer ones are cut).</summary>
    public const int MaxEntryChars = 16_000;

    private static readonly string[] Fields = ["text", "prompt", "bypass", "payload", "input", "attack"];

    /// <summary>Creates a corpus from strings.</summary>
    public BypassCorpus(IReadOnlyList<string> entries, string source = "corpus")
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = entries;
        Source = source;
    }

    /// <summary>The bypass strings.</summary>
    public IReadOnlyList<string> Entries { get; }

    /// <summary>Where they came from.</summary>
    public string Source { get; }

    /// <summary>Loads a corpus file; throws <see cref="BypassCorpusException"/> naming the file and line on bad input.</summary>
    public static BypassCorpus Load(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new BypassCorpusException($"{path}: file not found");
        }

        if (info.Length > MaxBytes)
        {
            throw new BypassCorpusException($"{path}: {info.Length} bytes is over the {MaxBytes} byte limit");
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BypassCorpusException($"{path}: {ex.Message}", ex);
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new BypassCorpusException($"{path}: contains NUL bytes; is it a binary file?");
        }

        var ext = Path.GetExtension(path).ToLowerInvariant();
        var entries = ext switch
        {
            ".jsonl" or ".ndjson" => ParseJsonLines(text, path),
            ".csv" => ParseCsv(text, path),
            _ => ParseLines(text),
        };
        if (entries.Count == 0)
        {
            throw new BypassCorpusException($"{path}: no bypass strings found");
        }

        return new BypassCorpus(entries, path);
    }

    private static List<string> ParseLines(string text)
    {
        var list = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            Add(list, line);
        }

        return list;
    }

    private static List<string> ParseJsonLines(string text, string path)
    {
        var list = new List<string>();
        var lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                using var doc = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 16 });
                var root = doc.RootElement;
                string? value = root.ValueKind == JsonValueKind.String ? root.GetString() : null;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    foreach (var f in Fields)
                    {
                        if (root.TryGetProperty(f, out var p) && p.ValueKind == JsonValueKind.String)
                        {
                            value = p.GetString();
                            break;
                        }
                    }
                }

                if (value is null)
                {
                    throw new BypassCorpusException($"{path}:{lineNo}: expected a JSON string or an object with one of: {string.Join(", ", Fields)}");
                }

                Add(list, value);
            }
            catch (JsonException ex)
            {
                throw new BypassCorpusException($"{path}:{lineNo}: invalid JSON: {ex.Message}", ex);
            }
        }

        return list;
    }

    private static List<string> ParseCsv(string text, string path)
    {
        var list = new List<string>();
        var rows = CsvRows.Parse(text, path);
        if (rows.Count == 0)
        {
            return list;
        }

        var header = rows[0];
        var column = header.FindIndex(h => Fields.Contains(h.Trim().ToLowerInvariant(), StringComparer.Ordinal));
        var first = 1;
        if (column < 0)
        {
            // No recognised header: the first column of every row is a bypass string.
            column = 0;
            first = 0;
        }

        for (var i = first; i < rows.Count; i++)
        {
            if (column < rows[i].Count && !string.IsNullOrWhiteSpace(rows[i][column]))
            {
                Add(list, rows[i][column]);
            }
        }

        return list;
    }

    private static void Add(List<string> list, string value)
    {
        if (list.Count >= MaxEntries)
        {
            return;
        }

        list.Add(value.Length > MaxEntryChars ? value[..MaxEntryChars] : value);
    }
}
