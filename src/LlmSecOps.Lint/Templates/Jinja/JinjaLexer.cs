using System.Text;

namespace LlmSecOps.Lint.Templates.Jinja;

/// <summary>
/// Splits a Jinja template into text, output, statement and comment segments, and tokenizes the
/// inside of outputs and statements. Unclosed delimiters and bad strings are reported with their
/// offsets; the lexer never throws on any input.
/// </summary>
internal static class JinjaLexer
{
    public static List<JinjaSegment> Segment(string text, List<TemplateIssue> errors)
    {
        var segments = new List<JinjaSegment>();
        var pos = 0;
        var textStart = 0;
        while (pos < text.Length)
        {
            var open = text.IndexOf('{', pos);
            if (open < 0 || open + 1 >= text.Length)
            {
                break;
            }

            var next = text[open + 1];
            if (next is not ('{' or '%' or '#'))
            {
                pos = open + 1;
                continue;
            }

            if (open > textStart)
            {
                segments.Add(new JinjaSegment(JinjaSegmentKind.Text, textStart, open, textStart, open, false, false));
            }

            var innerStart = open + 2;
            var trimBefore = false;
            if (innerStart < text.Length && text[innerStart] is '-' or '+')
            {
                trimBefore = text[innerStart] == '-';
                innerStart++;
            }

            if (next == '#')
            {
                var close = text.IndexOf("#}", innerStart, StringComparison.Ordinal);
                if (close < 0)
                {
                    errors.Add(TemplateIssue.Parse(open, open + 2, "unclosed comment: '{#' has no matching '#}'"));
                    textStart = text.Length;
                    pos = text.Length;
                    break;
                }

                var innerEnd = close;
                var trimAfter = innerEnd > innerStart && text[innerEnd - 1] == '-';
                segments.Add(new JinjaSegment(JinjaSegmentKind.Comment, open, close + 2, innerStart, trimAfter ? innerEnd - 1 : innerEnd, trimBefore, trimAfter));
                pos = textStart = close + 2;
                continue;
            }

            var closer = next == '{' ? "}}" : "%}";
            var closeAt = FindClose(text, innerStart, closer);
            if (closeAt < 0)
            {
                errors.Add(TemplateIssue.Parse(open, open + 2, $"unclosed '{{{next}': no matching '{closer}'"));
                textStart = text.Length;
                pos = text.Length;
                break;
            }

            var end = closeAt;
            var trim = end > innerStart && text[end - 1] is '-' or '+';
            var trimA = trim && text[end - 1] == '-';
            var inner = trim ? end - 1 : end;
            var kind = next == '{' ? JinjaSegmentKind.Output : JinjaSegmentKind.Statement;
            segments.Add(new JinjaSegment(kind, open, closeAt + 2, innerStart, inner, trimBefore, trimA));
            pos = textStart = closeAt + 2;

            if (kind == JinjaSegmentKind.Statement && FirstWord(text, innerStart, inner) == "raw")
            {
                // Everything up to {% endraw %} is literal text.
                var endRaw = FindEndRaw(text, pos, out var endRawStart);
                if (endRaw < 0)
                {
                    errors.Add(TemplateIssue.Parse(open, closeAt + 2, "'{% raw %}' has no matching '{% endraw %}'"));
                    segments.Add(new JinjaSegment(JinjaSegmentKind.Text, pos, text.Length, pos, text.Length, false, false));
                    return segments;
                }

                if (endRawStart > pos)
                {
                    segments.Add(new JinjaSegment(JinjaSegmentKind.Text, pos, endRawStart, pos, endRawStart, false, false));
                }

                pos = textStart = endRaw;
            }
        }

        if (textStart < text.Length)
        {
            segments.Add(new JinjaSegment(JinjaSegmentKind.Text, textStart, text.Length, textStart, text.Length, false, false));
        }

        return segments;
    }

    /// <summary>Finds <paramref name="closer"/> outside string literals; -1 when absent.</summary>
    private static int FindClose(string text, int from, string closer)
    {
        var quote = '\0';
        for (var i = from; i < text.Length - 1; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }
                else if (c == '\n')
                {
                    // Strings do not span lines in practice; a stray quote must not hide the closer.
                    quote = '\0';
                }

                continue;
            }

            if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == closer[0] && text[i + 1] == closer[1])
            {
                return i;
            }
        }

        return quote != '\0' ? text.IndexOf(closer, from, StringComparison.Ordinal) : -1;
    }

    private static int FindEndRaw(string text, int from, out int tagStart)
    {
        var pos = from;
        while (true)
        {
            var open = text.IndexOf("{%", pos, StringComparison.Ordinal);
            if (open < 0)
            {
                tagStart = -1;
                return -1;
            }

            var inner = open + 2;
            if (inner < text.Length && text[inner] is '-' or '+')
            {
                inner++;
            }

            var close = text.IndexOf("%}", inner, StringComparison.Ordinal);
            if (close < 0)
            {
                tagStart = -1;
                return -1;
            }

            var innerEnd = close > inner && text[close - 1] is '-' or '+' ? close - 1 : close;
            if (FirstWord(text, inner, innerEnd) == "endraw")
            {
                tagStart = open;
                return close + 2;
            }

            pos = close + 2;
        }
    }

    public static string FirstWord(string text, int start, int end)
    {
        var i = start;
        while (i < end && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        var s = i;
        while (i < end && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
        {
            i++;
        }

        return text[s..i];
    }

    private static readonly string[] Operators =
    [
        "**", "//", "==", "!=", "<=", ">=", "+", "-", "*", "/", "%", "<", ">", "=", "(", ")", "[", "]", "{", "}",
        ",", ".", ":", "|", "~", "!",
    ];

    /// <summary>Tokenizes <c>text[start..end]</c>.</summary>
    public static List<JinjaToken> Tokenize(string text, int start, int end, List<TemplateIssue> errors)
    {
        var tokens = new List<JinjaToken>();
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (char.IsLetter(c) || c == '_')
            {
                var s = i;
                while (i < end && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new JinjaToken(JinjaTokenKind.Name, text[s..i], s, i));
                continue;
            }

            if (char.IsAsciiDigit(c))
            {
                var s = i;
                while (i < end && (char.IsAsciiDigit(text[i]) || text[i] == '_' || (text[i] == '.' && i + 1 < end && char.IsAsciiDigit(text[i + 1]))))
                {
                    i++;
                }

                tokens.Add(new JinjaToken(JinjaTokenKind.Number, text[s..i], s, i));
                continue;
            }

            if (c is '"' or '\'')
            {
                var s = i;
                var sb = new StringBuilder();
                i++;
                var closed = false;
                while (i < end)
                {
                    var d = text[i];
                    if (d == '\\' && i + 1 < end)
                    {
                        sb.Append(Unescape(text, ref i, end));
                        continue;
                    }

                    if (d == c)
                    {
                        closed = true;
                        i++;
                        break;
                    }

                    sb.Append(d);
                    i++;
                }

                if (!closed)
                {
                    errors.Add(TemplateIssue.Parse(s, end, "unterminated string literal"));
                }

                tokens.Add(new JinjaToken(JinjaTokenKind.String, sb.ToString(), s, i));
                continue;
            }

            var matched = false;
            foreach (var op in Operators)
            {
                if (i + op.Length <= end && string.CompareOrdinal(text, i, op, 0, op.Length) == 0)
                {
                    tokens.Add(new JinjaToken(JinjaTokenKind.Operator, op, i, i + op.Length));
                    i += op.Length;
                    matched = true;
                    break;
                }
            }

            if (!matched)
            {
                errors.Add(TemplateIssue.Parse(i, i + 1, $"unexpected character '{c}' in expression"));
                i++;
            }
        }

        return tokens;
    }

    private static string Unescape(string text, ref int i, int end)
    {
        // Python string escapes; \x5f\x5f is how dunder names are hidden from naive filters.
        var e = text[i + 1];
        switch (e)
        {
            case 'n': i += 2; return "\n";
            case 't': i += 2; return "\t";
            case 'r': i += 2; return "\r";
            case '0': i += 2; return "\0";
            case 'x' when i + 4 <= end && IsHex(text, i + 2, 2):
                var x = (char)Convert.ToInt32(text.Substring(i + 2, 2), 16);
                i += 4;
                return x.ToString();
            case 'u' when i + 6 <= end && IsHex(text, i + 2, 4):
                var u = (char)Convert.ToInt32(text.Substring(i + 2, 4), 16);
                i += 6;
                return u.ToString();
            default:
                i += 2;
                return e.ToString();
        }
    }

    private static bool IsHex(string text, int start, int count)
    {
        for (var k = start; k < start + count; k++)
        {
            if (!char.IsAsciiHexDigit(text[k]))
            {
                return false;
            }
        }

        return true;
    }
}
