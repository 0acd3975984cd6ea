namespace LlmSecOps.Lint.Templates;

/// <summary>
/// Reads Python format-string placeholders (<c>{name}</c>, <c>{name.attr}</c>, <c>{name:fmt}</c>),
/// with <c>{{</c> and <c>}}</c> as literal braces. In strict mode (a template declared as
/// f-string) a brace that is neither is an error, as <c>str.format</c> would raise; otherwise
/// such braces are text (JSON examples in a Markdown prompt, say).
/// </summary>
internal static class FStringScanner
{
    public static void Analyze(string text, TemplateAnalysis analysis, bool strict)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '{')
            {
                if (i + 1 < text.Length && text[i + 1] == '{')
                {
                    i += 2;
                    continue;
                }

                var close = text.IndexOf('}', i + 1);
                var nextOpen = text.IndexOf('{', i + 1);
                if (close < 0 || (nextOpen >= 0 && nextOpen < close && !IsFormatSpecBrace(text, i, nextOpen)))
                {
                    if (strict)
                    {
                        analysis.Issues.Add(TemplateIssue.Parse(i, i + 1, "'{' starts no placeholder; write '{{' for a literal brace"));
                    }

                    i++;
                    continue;
                }

                // Nested braces only appear in format specs ({x:{width}}); find the matching close.
                if (nextOpen >= 0 && nextOpen < close)
                {
                    close = text.IndexOf('}', close + 1);
                    if (close < 0)
                    {
                        i++;
                        continue;
                    }
                }

                var inner = text[(i + 1)..close];
                var name = FieldName(inner);
                if (name is not null)
                {
                    analysis.References.Add(new VariableReference(name, i, close + 1));
                    analysis.Placeholders.Add(new Placeholder(name, inner.Trim(), i, close + 1));
                }
                else if (strict)
                {
                    analysis.Issues.Add(TemplateIssue.Parse(i, close + 1, $"'{{{Shorten(inner)}}}' is not a valid placeholder; write '{{{{' and '}}}}' for literal braces"));
                }

                i = close + 1;
                continue;
            }

            if (c == '}')
            {
                if (i + 1 < text.Length && text[i + 1] == '}')
                {
                    i += 2;
                    continue;
                }

                if (strict)
                {
                    analysis.Issues.Add(TemplateIssue.Parse(i, i + 1, "single '}' in a format string; write '}}' for a literal brace"));
                }
            }

            i++;
        }
    }

    private static bool IsFormatSpecBrace(string text, int open, int nextOpen)
    {
        var colon = text.IndexOf(':', open + 1, nextOpen - open - 1);
        return colon > open;
    }

    /// <summary>The variable name of a replacement field, or null when the field is not one.</summary>
    public static string? FieldName(string inner)
    {
        var s = inner.AsSpan().Trim();
        var end = 0;
        while (end < s.Length && (char.IsLetterOrDigit(s[end]) || s[end] == '_'))
        {
            end++;
        }

        if (end == 0 || char.IsDigit(s[0]))
        {
            return null;
        }

        // What may follow the name: attribute/index access, a conversion, a format spec.
        var rest = s[end..];
        while (rest.Length > 0)
        {
            if (rest[0] == '.')
            {
                var k = 1;
                while (k < rest.Length && (char.IsLetterOrDigit(rest[k]) || rest[k] == '_'))
                {
                    k++;
                }

                if (k == 1)
                {
                    return null;
                }

                rest = rest[k..];
            }
            else if (rest[0] == '[')
            {
                var k = rest.IndexOf(']');
                if (k < 0)
                {
                    return null;
                }

                rest = rest[(k + 1)..];
            }
            else if (rest[0] == '!' && rest.Length >= 2 && rest[1] is 'r' or 's' or 'a')
            {
                rest = rest[2..];
            }
            else if (rest[0] == ':')
            {
                rest = [];
            }
            else
            {
                return null;
            }
        }

        return s[..end].ToString();
    }

    private static string Shorten(string s) => s.Length <= 30 ? s : s[..30] + "…";
}
