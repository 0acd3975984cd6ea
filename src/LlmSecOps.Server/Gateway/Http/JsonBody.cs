using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmSecOps.Server.Gateway.Http;

/// <summary>Parses JSON bodies with depth limits and errors that say where the problem is.</summary>
internal static class JsonBody
{
    /// <summary>Deepest nesting accepted in a body.</summary>
    public const int MaxDepth = 64;

    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };
    // Duplicate keys are refused: otherwise the guard could judge one value while the upstream
    // uses the other, and a tree with duplicates throws when it is first read.
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth, AllowDuplicateProperties = false };

    /// <summary>Parses a JSON object; on failure returns null and a message naming line and byte.</summary>
    public static JsonObject? ParseObject(ReadOnlySpan<byte> utf8, out string? error)
    {
        var lone = LoneSurrogateEscape(utf8);
        if (lone >= 0)
        {
            // Such a string can be parsed but never written out again; refuse it up front.
            error = $"invalid JSON at byte {lone + 1}: an escaped UTF-16 surrogate without its pair";
            return null;
        }

        try
        {
            var node = JsonNode.Parse(utf8, NodeOptions, DocumentOptions);
            if (node is JsonObject o)
            {
                error = null;
                return o;
            }

            error = "the body must be a JSON object";
            return null;
        }
        catch (JsonException ex)
        {
            error = Describe(ex);
            return null;
        }
    }

    /// <summary>
    /// Parses a body into a read-only document over the given bytes (which must outlive it), with
    /// the same limits as <see cref="ParseObject"/>; null for anything that method would refuse.
    /// </summary>
    public static JsonDocument? TryParseDocument(ReadOnlyMemory<byte> utf8)
    {
        if (LoneSurrogateEscape(utf8.Span) >= 0)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(utf8, DocumentOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A message for a parse error: what and where (1-based line, 1-based byte in the line), without the input.</summary>
    public static string Describe(JsonException ex)
    {
        var msg = ex.Message;
        var cut = msg.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = msg.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        if (cut > 0)
        {
            msg = msg[..cut];
        }

        var line = (ex.LineNumber ?? 0) + 1;
        var col = (ex.BytePositionInLine ?? 0) + 1;
        return $"invalid JSON at line {line}, byte {col}: {msg.TrimEnd('.')}";
    }

    /// <summary>Offset of the first <c>\uD800</c>–<c>\uDFFF</c> escape that is not a proper pair, or -1.</summary>
    public static int LoneSurrogateEscape(ReadOnlySpan<byte> utf8)
    {
        var i = utf8.IndexOf((byte)'\\');
        if (i < 0)
        {
            return -1;
        }

        while (i < utf8.Length)
        {
            if (utf8[i] != (byte)'\\')
            {
                i++;
                continue;
            }

            if (i + 1 >= utf8.Length)
            {
                return -1;
            }

            if (utf8[i + 1] != (byte)'u' || !TryHex(utf8, i + 2, out var unit))
            {
                i += 2;
                continue;
            }

            if (unit is >= 0xDC00 and <= 0xDFFF)
            {
                return i;
            }

            if (unit is >= 0xD800 and <= 0xDBFF)
            {
                if (i + 11 < utf8.Length && utf8[i + 6] == (byte)'\\' && utf8[i + 7] == (byte)'u' && TryHex(utf8, i + 8, out var low) && low is >= 0xDC00 and <= 0xDFFF)
                {
                    i += 12;
                    continue;
                }

                return i;
            }

            i += 6;
        }

        return -1;
    }

    private static bool TryHex(ReadOnlySpan<byte> utf8, int start, out int value)
    {
        value = 0;
        if (start + 4 > utf8.Length)
        {
            return false;
        }

        for (var k = start; k < start + 4; k++)
        {
            var b = utf8[k];
            var d = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0',
                >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
                _ => -1,
            };
            if (d < 0)
            {
                return false;
            }

            value = (value << 4) | d;
        }

        return true;
    }
}
