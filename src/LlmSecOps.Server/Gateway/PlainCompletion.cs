using System.Text.Json;
using System.Text.Json.Nodes;
using LlmSecOps.Server.Gateway.Events;
using LlmSecOps.Server.Gateway.Http;

namespace LlmSecOps.Server.Gateway;

/// <summary>
/// The common non-streamed completion — choices whose messages carry only text — judged over a
/// read-only <see cref="JsonDocument"/> on the pooled response bytes instead of a mutable tree.
/// Anything richer (content parts, a refusal, tool or function calls, log-probabilities,
/// placeholders to restore, log-probabilities to trim) takes the tree path, which handles all of it.
/// Findings, events and the bytes sent are the same either way.
/// </summary>
internal static class PlainCompletion
{
    /// <summary>
    /// Whether the exchange allows this path at all (no placeholders to restore, no
    /// log-probabilities to trim): checked before the answer is parsed.
    /// </summary>
    public static bool Possible(ChatContext c) => c.Restorer is null && !c.LogprobsInjected;

    /// <summary>Whether the completion is plain enough for <see cref="ScanAsync"/>: no side effects, nothing recorded.</summary>
    public static bool Applies(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (!root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        foreach (var choice in choices.EnumerateArray())
        {
            if (choice.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            if (Prop(choice, "logprobs") is { ValueKind: JsonValueKind.Object } logprobs && Prop(logprobs, "content") is { ValueKind: JsonValueKind.Array })
            {
                return false;
            }

            if (Prop(choice, "message") is not { ValueKind: JsonValueKind.Object } message)
            {
                continue;
            }

            if (Prop(message, "content") is { ValueKind: JsonValueKind.Array } ||
                Prop(message, "refusal") is { ValueKind: JsonValueKind.String } refusal && refusal.GetString() is { Length: > 0 } ||
                Prop(message, "tool_calls") is { ValueKind: JsonValueKind.Array } ||
                Prop(message, "function_call") is { ValueKind: JsonValueKind.Object })
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Scans every choice's text and records finish reasons, as the tree path does. Returns the tree
    /// with redactions applied when any text changed, or null when the bytes can go out as they are.
    /// </summary>
    public static async ValueTask<JsonObject?> ScanAsync(ChatContext c, JsonElement root, ReadOnlyMemory<byte> raw)
    {
        var ex = c.Exchange;
        List<(int Position, string Text)>? edits = null;
        if (Prop(root, "choices") is { ValueKind: JsonValueKind.Array } choices)
        {
            var position = 0;
            foreach (var choice in choices.EnumerateArray())
            {
                var at = position++;
                if (choice.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var index = (int)(Int(Prop(choice, "index")) ?? at);
                if (Str(Prop(choice, "finish_reason")) is { } fr)
                {
                    (ex.FinishReasons ??= []).Add(JsonText.Clean(ChatCompletionsHandler.Truncate(fr, 32)));
                }

                if (Prop(choice, "message") is { ValueKind: JsonValueKind.Object } message && Str(Prop(message, "content")) is { } rawText)
                {
                    var text = JsonText.Clean(rawText);
                    var r = await OutputGuard.ScanTextAsync(c, text, index).ConfigureAwait(false);
                    if (r.Redacted || !ReferenceEquals(text, rawText))
                    {
                        (edits ??= []).Add((at, JsonText.Clean(r.Text)));
                    }
                }
            }
        }

        if (edits is null)
        {
            return null;
        }

        // Something was redacted: only now is the answer built as a tree, to be written out changed.
        var doc = JsonBody.ParseObject(raw.Span, out _)!;
        var array = (JsonArray)doc["choices"]!;
        foreach (var (position, text) in edits)
        {
            array[position]!["message"]!["content"] = text;
        }

        return doc;
    }

    /// <summary>Id, model and usage, as <see cref="ChatCompletionsHandler.ReadMeta"/> reads them from a tree.</summary>
    public static void ReadMeta(JsonElement root, Exchange ex)
    {
        if (Str(Prop(root, "id")) is { } id)
        {
            ex.ResponseId = JsonText.Clean(ChatCompletionsHandler.Truncate(id, 128));
        }

        if (Str(Prop(root, "model")) is { } m)
        {
            ex.ResponseModel = JsonText.Clean(ChatCompletionsHandler.Truncate(m, 128));
        }

        if (Prop(root, "usage") is { ValueKind: JsonValueKind.Object } usage && Int(Prop(usage, "prompt_tokens")) is { } pt)
        {
            ex.Usage = new Core.Events.TokenUsage((int)Math.Clamp(pt, 0, int.MaxValue), (int)Math.Clamp(Int(Prop(usage, "completion_tokens")) ?? 0, 0, int.MaxValue));
        }
    }

    private static JsonElement? Prop(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;

    private static string? Str(JsonElement? element) =>
        element is { ValueKind: JsonValueKind.String } e ? e.GetString() : null;

    // The same reading as JsonNav.Int: an integer, or a whole number written with a fraction or exponent.
    private static long? Int(JsonElement? element) =>
        element is not { ValueKind: JsonValueKind.Number } e ? null :
        e.TryGetInt64(out var l) ? l :
        e.TryGetDouble(out var x) && Math.Floor(x) == x && Math.Abs(x) < 1e15 ? (long)x : null;
}
