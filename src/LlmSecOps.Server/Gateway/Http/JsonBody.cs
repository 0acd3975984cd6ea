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
}
