using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmSecOps.Server.Gateway.Http;

/// <summary>
/// Null-safe navigation over <see cref="JsonNode"/> trees built from untrusted bodies. The
/// indexers of <see cref="JsonNode"/> throw when a value has an unexpected kind; these return null.
/// </summary>
internal static class JsonNav
{
    /// <summary>The property of an object, or null when the node is not an object or lacks it.</summary>
    public static JsonNode? Prop(this JsonNode? node, string name) =>
        node is JsonObject o && o.TryGetPropertyValue(name, out var v) ? v : null;

    /// <summary>
    /// The string value of a node, or null. A string with an escaped lone surrogate, which the
    /// reader refuses to materialise, is decoded leniently with U+FFFD in its place.
    /// </summary>
    public static string? Str(this JsonNode? node)
    {
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return v.GetValue<string>();
        }
        catch (InvalidOperationException) when (v.TryGetValue<JsonElement>(out var element))
        {
            return JsonText.DecodeLenient(element.GetRawText());
        }
    }

    /// <summary>The boolean value of a node, or null.</summary>
    public static bool? Bool(this JsonNode? node) =>
        node is JsonValue v ? v.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        } : null;

    /// <summary>The integer value of a node, or null.</summary>
    public static long? Int(this JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var l) ? l :
        node is JsonValue d && d.GetValueKind() == JsonValueKind.Number && d.TryGetValue<double>(out var x) && Math.Floor(x) == x && Math.Abs(x) < 1e15 ? (long)x : null;

    /// <summary>The floating-point value of a node, or null.</summary>
    public static double? Num(this JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var d) ? d : null;
}
