using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsvHelper;
using LlmSecOps.RedTeam.Configuration;
using LlmSecOps.RedTeam.Conversations;
using LlmSecOps.RedTeam.Probes;

namespace LlmSecOps.RedTeam.Replay;

/// <summary>
/// Reads a corpus to replay: JSONL with a text field per line (<c>text</c>, <c>prompt</c>,
/// <c>input</c>, <c>content</c>, <c>attack</c> or <c>goal</c>), CSV with a header naming such a
/// column, or a red-team session log (JSONL; see docs/probe.md): lines with <c>session_id</c>,
/// <c>role</c> and <c>content</c>, grouped into one multi-turn attempt per session.
/// </summary>
internal static partial class CorpusReader
{
    /// <summary>Largest corpus file read.</summary>
    public const long MaxBytes = 256L << 20;

    /// <summary>Most entries read.</summary>
    public const int MaxEntries = 200_000;

    /// <summary>Longest text of one entry.</summary>
    public const int MaxChars = 64 * 1024;

    private static readonly string[] TextFields = ["text", "prompt", "input", "content", "attack", "goal", "jailbreak", "question"];
    private static readonly string[] FamilyFields = ["family", "technique", "category", "type", "attack_type"];

    public static IReadOnlyList<CorpusEntry> LoadFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new RedTeamFormatException(path, "file not found");
        }

        if (info.Length > MaxBytes)
        {
            throw new RedTeamFormatException(path, $"file is {info.Length} bytes; the limit is {MaxBytes}");
        }

        var text = Encoding.UTF8.GetString(File.ReadAllBytes(path));
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        return path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase)
            ? ParseCsv(text, path, path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? "\t" : ",")
            : ParseJsonl(text, path);
    }

    public static IReadOnlyList<CorpusEntry> ParseJsonl(string text, string source)
    {
        var errors = new List<SourceError>();
        var entries = new List<CorpusEntry>();
        var sessions = new Dictionary<string, SessionBuilder>(StringComparer.Ordinal);
        var sessionOrder = new List<string>();
        var lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (entries.Count + sessions.Count > MaxEntries)
            {
                errors.Add(new SourceError(source, lineNo, 1, $"more than {MaxEntries} entries"));
                break;
            }

            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 32 });
            }
            catch (JsonException ex)
            {
                errors.Add(new SourceError(source, lineNo, (int)(ex.BytePositionInLine ?? 0) + 1, "invalid JSON: " + FirstSentence(ex.Message)));
                if (errors.Count > 50)
                {
                    break;
                }

                continue;
            }
            catch (ArgumentException)
            {
                errors.Add(new SourceError(source, lineNo, 1, "invalid text: unpaired UTF-16 surrogate"));
                continue;
            }

            using (doc)
            {
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new SourceError(source, lineNo, 1, "expected a JSON object"));
                    continue;
                }

                if (Str(root, "format") is { } format)
                {
                    if (!format.StartsWith("llmsecops-session-log", StringComparison.Ordinal))
                    {
                        errors.Add(new SourceError(source, lineNo, 1, $"unknown format '{format}'"));
                    }

                    continue;
                }

                if (Str(root, "session_id") is { } sessionId)
                {
                    if (!sessions.TryGetValue(sessionId, out var builder))
                    {
                        builder = new SessionBuilder(sessionId, lineNo);
                        sessions[sessionId] = builder;
                        sessionOrder.Add(sessionId);
                    }

                    ReadSessionLine(root, builder, source, lineNo, errors);
                    continue;
                }

                var content = TextFields.Select(f => Str(root, f)).FirstOrDefault(v => v is not null);
                if (content is null)
                {
                    errors.Add(new SourceError(source, lineNo, 1, $"no text field; expected one of: {string.Join(", ", TextFields)} (or a session log line with session_id, role, content)"));
                    continue;
                }

                if (!Check(content, source, lineNo, errors))
                {
                    continue;
                }

                var id = IdOf(root) ?? "l" + lineNo.ToString(CultureInfo.InvariantCulture);
                entries.Add(new CorpusEntry(id, FamilyOf(root), [ProbeMessage.User(content)], lineNo) { Label = Str(root, "label") ?? Bool(root, "label") });
            }
        }

        foreach (var id in sessionOrder)
        {
            var s = sessions[id];
            if (!s.Messages.Any(m => m.Message.Role is ChatRoles.User or ChatRoles.Tool))
            {
                errors.Add(new SourceError(source, s.Line, 1, $"session '{id}' has no user or tool turn to replay"));
                continue;
            }

            var ordered = s.Messages.OrderBy(m => m.Seq).ThenBy(m => m.Line).Select(m => m.Message).ToList();
            entries.Add(new CorpusEntry("s:" + id, s.Family ?? "replay", ordered, s.Line) { Label = s.Label });
        }

        if (errors.Count > 0)
        {
            throw new RedTeamFormatException(errors);
        }

        if (entries.Count == 0)
        {
            throw new RedTeamFormatException(source, "the corpus is empty");
        }

        return entries.OrderBy(e => e.Line).ToList();
    }

    public static IReadOnlyList<CorpusEntry> ParseCsv(string text, string source, string delimiter)
    {
        var errors = new List<SourceError>();
        var entries = new List<CorpusEntry>();
        var options = CsvReaderOptions.Default with
        {
            Separator = delimiter[0],
            HasHeader = true,
            TrackLineNumbers = true,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
        };
        try
        {
            using var csv = CsvReader.FromText(text, options);
            var header = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToArray();
            if (header.Length == 0)
            {
                throw new RedTeamFormatException(source, "no header row");
            }

            var textColumn = Array.FindIndex(header, h => TextFields.Contains(h, StringComparer.Ordinal));
            if (textColumn < 0)
            {
                throw new RedTeamFormatException([new SourceError(source, 1, 1, $"no text column in the header; expected one of: {string.Join(", ", TextFields)}")]);
            }

            var idColumn = Array.IndexOf(header, "id");
            var familyColumn = Array.FindIndex(header, h => FamilyFields.Contains(h, StringComparer.Ordinal));
            var labelColumn = Array.IndexOf(header, "label");
            while (csv.Read())
            {
                var line = (int)csv.LineNumber;
                if (entries.Count >= MaxEntries)
                {
                    errors.Add(new SourceError(source, line, 1, $"more than {MaxEntries} rows"));
                    break;
                }

                var content = csv.GetString(textColumn);
                if (string.IsNullOrWhiteSpace(content))
                {
                    errors.Add(new SourceError(source, line, 1, $"empty text in column '{header[textColumn]}'"));
                    continue;
                }

                if (!Check(content, source, line, errors))
                {
                    continue;
                }

                var id = idColumn >= 0 && csv.GetString(idColumn) is { Length: > 0 } i ? i : "r" + line.ToString(CultureInfo.InvariantCulture);
                var family = familyColumn >= 0 && csv.GetString(familyColumn) is { Length: > 0 } f ? Family(f) : "replay";
                var label = labelColumn >= 0 ? csv.GetString(labelColumn) : null;
                entries.Add(new CorpusEntry(id, family, [ProbeMessage.User(content)], line) { Label = label });
            }
        }
        catch (CsvFormatException ex)
        {
            errors.Add(new SourceError(source, (int)Math.Max(0, ex.LineNumber), 1, "invalid CSV: " + FirstSentence(ex.Message)));
        }

        if (errors.Count > 0)
        {
            throw new RedTeamFormatException(errors);
        }

        if (entries.Count == 0)
        {
            throw new RedTeamFormatException(source, "the corpus has no rows");
        }

        return entries;
    }

    private static void ReadSessionLine(JsonElement root, SessionBuilder builder, string source, int lineNo, List<SourceError> errors)
    {
        if (Str(root, "type") is "session")
        {
            builder.Family ??= Str(root, "technique") is { } t ? Family(t) : null;
            builder.Label ??= Str(root, "label");
            return;
        }

        if (Str(root, "type") is "verdict" or "note")
        {
            return;
        }

        var role = Str(root, "role")?.ToLowerInvariant();
        if (role is null || !ChatRoles.IsKnown(role))
        {
            errors.Add(new SourceError(source, lineNo, 1, "session line needs a role: user, assistant, tool or system"));
            return;
        }

        var content = Str(root, "content") ?? string.Empty;
        if (role is ChatRoles.User or ChatRoles.Tool && !Check(content, source, lineNo, errors))
        {
            return;
        }

        builder.Family ??= Str(root, "technique") is { } technique ? Family(technique) : null;
        builder.Label ??= Str(root, "label");
        var seq = root.TryGetProperty("turn", out var t2) && t2.TryGetInt32(out var n) ? n : builder.Messages.Count + 1;
        switch (role)
        {
            case ChatRoles.User:
                builder.Messages.Add((seq, lineNo, ProbeMessage.User(content)));
                break;
            case ChatRoles.Tool:
                // Replayed tool output is sent as part of the next user turn: the recorded call
                // ids mean nothing to a new conversation.
                builder.Messages.Add((seq, lineNo, new ProbeMessage(ChatRoles.User, $"[result of tool {Str(root, "name") ?? "call"}]\n{content}") { Mutate = false }));
                break;
            default:
                // Recorded assistant replies and system prompts are not replayed: the target answers afresh.
                break;
        }
    }

    private static bool Check(string content, string source, int line, List<SourceError> errors)
    {
        if (content.Trim().Length == 0)
        {
            errors.Add(new SourceError(source, line, 1, "empty text"));
            return false;
        }

        if (content.Length > MaxChars)
        {
            errors.Add(new SourceError(source, line, 1, $"text longer than {MaxChars} characters"));
            return false;
        }

        return true;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string? Bool(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.True => "attack",
            JsonValueKind.False => "benign",
            JsonValueKind.Number => v.GetRawText() == "0" ? "benign" : "attack",
            _ => null,
        } : null;

    private static string? IdOf(JsonElement e) =>
        e.TryGetProperty("id", out var v) && v.ValueKind is JsonValueKind.String or JsonValueKind.Number ? v.ToString() : null;

    private static string FamilyOf(JsonElement e)
    {
        foreach (var f in FamilyFields)
        {
            if (Str(e, f) is { Length: > 0 } v)
            {
                return Family(v);
            }
        }

        var label = Str(e, "label") ?? Bool(e, "label");
        return label is "benign" or "safe" ? "benign" : "replay";
    }

    /// <summary>A family name from free text: lower case, runs of other characters become '_'.</summary>
    internal static string Family(string text)
    {
        var f = NonWord().Replace(text.Trim().ToLowerInvariant(), "_").Trim('_');
        if (f.Length == 0 || !char.IsAsciiLetter(f[0]))
        {
            f = "r_" + f;
        }

        return f.Length > 48 ? f[..48] : f;
    }

    private static string FirstSentence(string message)
    {
        var i = message.IndexOf(". ", StringComparison.Ordinal);
        return i > 0 ? message[..i] : message;
    }

    [GeneratedRegex("[^a-z0-9]+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex NonWord();

    private sealed class SessionBuilder(string id, int line)
    {
        public string Id { get; } = id;

        public int Line { get; } = line;

        public string? Family { get; set; }

        public string? Label { get; set; }

        public List<(int Seq, int Line, ProbeMessage Message)> Messages { get; } = [];
    }
}
