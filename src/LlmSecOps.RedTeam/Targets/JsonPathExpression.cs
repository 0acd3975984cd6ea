using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LlmSecOps.RedTeam.Targets;

/// <summary>
/// A small JSON path: member names and array indexes, e.g. <c>$.choices[0].message.content</c>,
/// <c>data.reply</c> or <c>$['odd key'][2]</c>. Enough to find a reply or a session id in a
/// response; filters and wildcards are deliberately absent.
/// </summary>
internal sealed class JsonPathExpression
{
    private readonly object[] _segments;

    private JsonPathExpression(string text, object[] segments)
    {
        Text = text;
        _segments = segments;
    }

    /// <summary>The path as written.</summary>
    public string Text { get; }

    /// <summary>Parses a path; returns null and an error message when it is malformed.</summary>
    public static JsonPathExpression? TryParse(string text, out string? error)
    {
        error = null;
        var segments = new List<object>();
        var s = text.Trim();
        var i = 0;
        if (s.StartsWith('$'))
        {
            i = 1;
        }

        if (s.Length == 0)
        {
            error = "empty path";
            return null;
        }

        while (i < s.Length)
        {
            var c = s[i];
            if (c == '.')
            {
                i++;
                if (i >= s.Length || s[i] is '.' or '[')
                {
                    error = $"expected a member name at position {i + 1}";
                    return null;
                }

                continue;
            }

            if (c == '[')
            {
                var close = s.IndexOf(']', i);
                if (close < 0)
                {
                    error = $"unclosed '[' at position {i + 1}";
                    return null;
                }

                var inner = s[(i + 1)..close].Trim();
                if (inner.Length >= 2 && inner[0] is '\'' or '"' && inner[^1] == inner[0])
                {
                    segments.Add(inner[1..^1]);
                }
                else if (int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    segments.Add(index);
                }
                else
                {
                    error = $"'[{inner}]' is neither an index nor a quoted name";
                    return null;
                }

                i = close + 1;
                continue;
            }

            var sb = new StringBuilder();
            while (i < s.Length && s[i] is not '.' and not '[')
            {
                sb.Append(s[i]);
                i++;
            }

            var name = sb.ToString();
            if (name.Length == 0 || name.Any(char.IsWhiteSpace))
            {
                error = $"bad member name '{name}'";
                return null;
            }

            segments.Add(name);
        }

        return new JsonPathExpression(text, [.. segments]);
    }

    /// <summary>The element the path leads to, or null when any step is missing.</summary>
    public JsonElement? Evaluate(JsonElement root)
    {
        var current = root;
        foreach (var segment in _segments)
        {
            if (segment is int index)
            {
                if (current.ValueKind != JsonValueKind.Array || index >= current.GetArrayLength())
                {
                    return null;
                }

                current = current[index];
            }
            else
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty((string)segment, out var next))
                {
                    return null;
                }

                current = next;
            }
        }

        return current;
    }

    /// <summary>The path's value as text: strings as they are, numbers and other values as JSON.</summary>
    public string? EvaluateText(JsonElement root) => Evaluate(root) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } e => e.GetString(),
        { ValueKind: JsonValueKind.Null } => null,
        { } e => e.GetRawText(),
    };
}
