using System.Text.Json;
using LlmSecOps.RedTeam.Conversations;

namespace LlmSecOps.RedTeam.Targets;

/// <summary>Reading and writing the chat-completions wire format.</summary>
internal static class ChatJson
{
    /// <summary>Writes a messages array.</summary>
    public static void WriteMessages(Utf8JsonWriter writer, IReadOnlyList<ChatMessage> messages, bool includeSystem = true)
    {
        writer.WriteStartArray();
        foreach (var m in messages)
        {
            if (!includeSystem && m.Role == ChatRoles.System)
            {
                continue;
            }

            writer.WriteStartObject();
            writer.WriteString("role", m.Role);
            if (m.ToolCalls is { Count: > 0 } calls)
            {
                if (m.Content.Length > 0)
                {
                    writer.WriteString("content", m.Content);
                }
                else
                {
                    writer.WriteNull("content");
                }

                writer.WriteStartArray("tool_calls");
                foreach (var c in calls)
                {
                    writer.WriteStartObject();
                    writer.WriteString("id", c.Id);
                    writer.WriteString("type", "function");
                    writer.WriteStartObject("function");
                    writer.WriteString("name", c.Name);
                    writer.WriteString("arguments", c.Arguments);
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }
            else
            {
                writer.WriteString("content", m.Content);
            }

            if (m.Role == ChatRoles.Tool && m.ToolCallId is not null)
            {
                writer.WriteString("tool_call_id", m.ToolCallId);
            }

            if (m.Name is not null && m.Role == ChatRoles.Tool)
            {
                writer.WriteString("name", m.Name);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a tools array in the function-calling shape.</summary>
    public static void WriteTools(Utf8JsonWriter writer, IReadOnlyList<ToolDefinition> tools)
    {
        writer.WriteStartArray();
        foreach (var t in tools)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "function");
            writer.WriteStartObject("function");
            writer.WriteString("name", t.Name);
            if (t.Description is not null)
            {
                writer.WriteString("description", t.Description);
            }

            writer.WritePropertyName("parameters");
            if (string.IsNullOrWhiteSpace(t.ParametersJson))
            {
                writer.WriteRawValue("""{"type":"object","properties":{}}""");
            }
            else
            {
                writer.WriteRawValue(t.ParametersJson);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Reads tool calls from a message element's <c>tool_calls</c> array.</summary>
    public static IReadOnlyList<ToolCall> ReadToolCalls(JsonElement message)
    {
        if (!message.TryGetProperty("tool_calls", out var calls) || calls.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var list = new List<ToolCall>(calls.GetArrayLength());
        var index = 0;
        foreach (var call in calls.EnumerateArray())
        {
            index++;
            if (call.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var id = call.TryGetProperty("id", out var idEl) && idEl.ValueKind == JsonValueKind.String ? idEl.GetString()! : "call_" + index;
            var fn = call.TryGetProperty("function", out var f) && f.ValueKind == JsonValueKind.Object ? f : call;
            var name = fn.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : string.Empty;
            var args = string.Empty;
            if (fn.TryGetProperty("arguments", out var a))
            {
                args = a.ValueKind == JsonValueKind.String ? a.GetString()! : a.GetRawText();
            }

            list.Add(new ToolCall(id, name, args));
        }

        return list;
    }

    /// <summary>Reads the text of a content element: a string, or an array of text parts.</summary>
    public static string ReadContent(JsonElement content)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                return content.GetString()!;
            case JsonValueKind.Array:
                var sb = new System.Text.StringBuilder();
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind == JsonValueKind.String)
                    {
                        sb.Append(part.GetString());
                    }
                    else if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String)
                    {
                        sb.Append(t.GetString());
                    }
                }

                return sb.ToString();
            default:
                return string.Empty;
        }
    }

    /// <summary>
    /// Whether an error body says a guard refused the request: the OpenAI error shape with code or
    /// type <c>content_filter</c> (what the gateway and hosted providers send), or a guardrail type.
    /// </summary>
    public static bool IsContentFilterError(JsonElement root, out string message)
    {
        message = string.Empty;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var error))
        {
            return false;
        }

        if (error.ValueKind == JsonValueKind.Object)
        {
            if (error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
            {
                message = m.GetString()!;
            }

            return IsFilterWord(error, "code") || IsFilterWord(error, "type");
        }

        return false;
    }

    private static bool IsFilterWord(JsonElement error, string property) =>
        error.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String &&
        v.GetString() is { } s &&
        (s.Equals("content_filter", StringComparison.OrdinalIgnoreCase) ||
         s.Equals("content_policy_violation", StringComparison.OrdinalIgnoreCase) ||
         s.Contains("guardrail", StringComparison.OrdinalIgnoreCase));
}
