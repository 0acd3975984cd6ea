using System.Text;
using System.Text.Json;

namespace LlmSecOps.Guard.Evaluation;

/// <summary>
/// Reads labelled prompt files: JSON Lines with <c>{"text","label","source"}</c> per row, label
/// <c>benign</c>, <c>injection</c> or <c>jailbreak</c>. A path is one file or a folder whose
/// <c>*.jsonl</c> files are read in name order. Every limit is checked and the first bad row is
/// reported with its file and line.
/// </summary>
public static class LabeledPromptReader
{
    /// <summary>Largest file read.</summary>
    public const long MaxFileBytes = 256L << 20;

    /// <summary>Longest line, in bytes.</summary>
    public const int MaxLineBytes = 1 << 20;

    /// <summary>Most rows read from all files together.</summary>
    public const int MaxRows = 2_000_000;

    /// <summary>Most files read from a folder.</summary>
    public const int MaxFiles = 1_000;

    /// <summary>The JSONL files a path names: itself, or the <c>*.jsonl</c> files of a folder in ordinal name order.</summary>
    public static IReadOnlyList<string> ListFiles(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (File.Exists(path))
        {
            return [path];
        }

        if (!Directory.Exists(path))
        {
            throw new LabeledDataException(path, 0, "no such file or folder");
        }

        string[] files;
        try
        {
            files = Directory.GetFiles(path, "*.jsonl", SearchOption.TopDirectoryOnly);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LabeledDataException(path, 0, ex.Message);
        }

        if (files.Length == 0)
        {
            throw new LabeledDataException(path, 0, "the folder holds no .jsonl files");
        }

        if (files.Length > MaxFiles)
        {
            throw new LabeledDataException(path, 0, $"the folder holds {files.Length} .jsonl files; the limit is {MaxFiles}");
        }

        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    /// <summary>Reads every row of every file a path names.</summary>
    public static IReadOnlyList<LabeledPrompt> Read(string path)
    {
        var rows = new List<LabeledPrompt>();
        foreach (var file in ListFiles(path))
        {
            ReadFile(file, rows);
        }

        return rows;
    }

    /// <summary>Reads the rows of one file into a list.</summary>
    public static void ReadFile(string path, List<LabeledPrompt> into)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(into);
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new LabeledDataException(path, 0, "file not found");
            }

            if (info.Length > MaxFileBytes)
            {
                throw new LabeledDataException(path, 0, $"file is {info.Length} bytes; the limit is {MaxFileBytes}");
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LabeledDataException(path, 0, ex.Message);
        }

        Parse(bytes, path, Path.GetFileName(path), into);
    }

    /// <summary>Parses JSONL content; <paramref name="path"/> names it in errors.</summary>
    public static void Parse(ReadOnlySpan<byte> content, string path, string fileName, List<LabeledPrompt> into)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(into);
        if (content.StartsWith("\uFEFF"u8))
        {
            content = content[3..];
        }

        var lineNo = 0;
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        while (!content.IsEmpty)
        {
            lineNo++;
            var end = content.IndexOf((byte)'\n');
            var line = end < 0 ? content : content[..end];
            content = end < 0 ? [] : content[(end + 1)..];
            if (line.Length > MaxLineBytes)
            {
                throw new LabeledDataException(path, lineNo, $"line is {line.Length} bytes; the limit is {MaxLineBytes}");
            }

            if (line.Trim(" \t\r"u8).IsEmpty)
            {
                continue;
            }

            try
            {
                strict.GetCharCount(line);
            }
            catch (DecoderFallbackException)
            {
                throw new LabeledDataException(path, lineNo, "line is not valid UTF-8");
            }

            if (into.Count >= MaxRows)
            {
                throw new LabeledDataException(path, lineNo, $"more than {MaxRows} rows");
            }

            into.Add(ParseRow(line, path, fileName, lineNo));
        }
    }

    private static LabeledPrompt ParseRow(ReadOnlySpan<byte> line, string path, string fileName, int lineNo)
    {
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 64 });
        string? text = null;
        string? label = null;
        string? source = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new LabeledDataException(path, lineNo, "expected a JSON object with \"text\" and \"label\"");
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "text":
                        text = ReadString(ref reader, "text", path, lineNo);
                        break;
                    case "label":
                        label = ReadString(ref reader, "label", path, lineNo);
                        break;
                    case "source":
                        source = reader.TokenType == JsonTokenType.Null ? null : ReadString(ref reader, "source", path, lineNo);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            // Anything after the object (a second value, a stray bracket) is a broken row.
            if (reader.Read())
            {
                throw new LabeledDataException(path, lineNo, "unexpected content after the JSON object");
            }
        }
        catch (JsonException ex)
        {
            throw new LabeledDataException(path, lineNo, $"invalid JSON: {FirstSentence(ex.Message)}");
        }

        if (text is null)
        {
            throw new LabeledDataException(path, lineNo, "missing \"text\"");
        }

        if (label is null)
        {
            throw new LabeledDataException(path, lineNo, "missing \"label\"");
        }

        var parsed = label.Trim().ToLowerInvariant() switch
        {
            "benign" => PromptLabel.Benign,
            "injection" => PromptLabel.Injection,
            "jailbreak" => PromptLabel.Jailbreak,
            _ => throw new LabeledDataException(path, lineNo, $"label \"{Shorten(label)}\" is not one of benign, injection, jailbreak"),
        };
        return new LabeledPrompt(text, parsed, string.IsNullOrWhiteSpace(source) ? fileName : source, fileName, lineNo);
    }

    private static string ReadString(ref Utf8JsonReader reader, string field, string path, int lineNo)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new LabeledDataException(path, lineNo, $"\"{field}\" must be a string");
        }

        return reader.GetString()!;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
