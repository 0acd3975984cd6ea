using System.Text.RegularExpressions;
using LlmSecOps.Lint.Templates;

namespace LlmSecOps.Lint.Checks;

/// <summary>
/// Decides whether an inserted value is set apart from the instructions around it: wrapped in a
/// tag pair, quotes or a fenced block, placed between delimiter lines, encoded (<c>| tojson</c>),
/// or alone in its own chat message.
/// </summary>
internal static partial class Delimiters
{
    private static readonly (string Open, string Close)[] Pairs =
    [
        ("\"\"\"", "\"\"\""), ("'''", "'''"), ("```", "```"), ("###", "###"), ("<<<", ">>>"), ("[[", "]]"), ("---", "---"), ("~~~", "~~~"),
        ("\"", "\""), ("'", "'"), ("`", "`"), ("\u201C", "\u201D"), ("\u00AB", "\u00BB"), ("\u2018", "\u2019"),
    ];

    private static readonly string[] EncodingFilters = ["tojson", "e", "escape", "forceescape", "jsonify", "json", "to_json", "urlencode", "xmlattr", "b64encode"];

    public static bool IsDelimited(PromptTemplate template, Placeholder p)
    {
        var text = template.Text;
        if (p.DelimitedAtSource || p.Filters.Any(f => EncodingFilters.Contains(f, StringComparer.Ordinal)))
        {
            return true;
        }

        if (EncodedExpressionRegex().IsMatch(p.Expression) || (p.SourceExpression is { } src && EncodedExpressionRegex().IsMatch(src)))
        {
            return true;
        }

        // Alone in its own chat message: the message boundary is the delimiter.
        if (template.WholeMessage && !template.IsSystem && text.AsSpan().Trim().Length == p.End - p.Start && text.AsSpan().Trim().SequenceEqual(text.AsSpan(p.Start, p.End - p.Start)))
        {
            return true;
        }

        return IsDelimited(text, p.Start, p.End);
    }

    /// <summary>Whether <c>text[start..end]</c> is wrapped in quotes, tags, a fence or delimiter lines.</summary>
    public static bool IsDelimited(string text, int start, int end)
    {
        foreach (var (open, close) in Pairs)
        {
            if (start >= open.Length && end + close.Length <= text.Length
                && string.CompareOrdinal(text, start - open.Length, open, 0, open.Length) == 0
                && string.CompareOrdinal(text, end, close, 0, close.Length) == 0)
            {
                return true;
            }
        }

        return InsideTag(text, start, end) || InsideFence(text, start, end) || BetweenDelimiterLines(text, start, end);
    }

    private static bool InsideTag(string text, int start, int end)
    {
        var stack = new List<string>();
        foreach (Match m in TagRegex().Matches(text[..start]))
        {
            var name = m.Groups["name"].Value.ToLowerInvariant();
            if (m.Groups["slash"].Success && m.Groups["slash"].Length > 0)
            {
                var idx = stack.LastIndexOf(name);
                if (idx >= 0)
                {
                    stack.RemoveRange(idx, stack.Count - idx);
                }
            }
            else if (!m.Value.EndsWith("/>", StringComparison.Ordinal) && !m.Value.EndsWith("/]", StringComparison.Ordinal))
            {
                stack.Add(name);
            }
        }

        if (stack.Count == 0)
        {
            return false;
        }

        var after = text[end..];
        for (var i = stack.Count - 1; i >= 0; i--)
        {
            var name = stack[i];
            if (after.Contains("</" + name, StringComparison.OrdinalIgnoreCase) || after.Contains("[/" + name, StringComparison.OrdinalIgnoreCase)
                || after.Contains("{% end" + name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool InsideFence(string text, int start, int end)
    {
        var before = 0;
        foreach (Match _ in FenceRegex().Matches(text[..start]))
        {
            before++;
        }

        return before % 2 == 1 && FenceRegex().IsMatch(text[end..]);
    }

    private static bool BetweenDelimiterLines(string text, int start, int end)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, start - 1)) + 1;
        var lineEnd = text.IndexOf('\n', end);
        if (lineEnd < 0)
        {
            lineEnd = text.Length;
        }

        // The placeholder's own line: the delimiter may sit on it ("### {{x}} ###" is handled by Pairs).
        var prev = PreviousNonEmptyLine(text, lineStart);
        var next = NextNonEmptyLine(text, lineEnd);
        return prev is not null && next is not null && DelimiterLineRegex().IsMatch(prev) && DelimiterLineRegex().IsMatch(next);
    }

    private static string? PreviousNonEmptyLine(string text, int lineStart)
    {
        var end = lineStart - 1;
        while (end > 0)
        {
            var s = text.LastIndexOf('\n', end - 1) + 1;
            var line = text[s..end].Trim();
            if (line.Length > 0)
            {
                return line;
            }

            end = s - 1;
        }

        return null;
    }

    private static string? NextNonEmptyLine(string text, int lineEnd)
    {
        var s = lineEnd + 1;
        while (s < text.Length)
        {
            var e = text.IndexOf('\n', s);
            if (e < 0)
            {
                e = text.Length;
            }

            var line = text[s..e].Trim();
            if (line.Length > 0)
            {
                return line;
            }

            s = e + 1;
        }

        return null;
    }

    [GeneratedRegex(@"[<\[](?<slash>/?)(?<name>[A-Za-z][\w\-.:]*)(?:\s[^<>\[\]]*)?/?[>\]]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex TagRegex();

    [GeneratedRegex(@"(?m)^[ \t]*(?:```|~~~)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex FenceRegex();

    [GeneratedRegex(@"^(?:[-=#*~_`""'<>|+]{3,}.*|[-=#*~_]{3,}|(?:BEGIN|START|END)\b.*|.*\b(?:BEGIN|START|END)\s*[-=#*~]*)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex DelimiterLineRegex();

    [GeneratedRegex(@"json\.dumps|JSON\.stringify|JsonSerializer\.Serialize|html\.escape|escape\(|quote\(|repr\(", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex EncodedExpressionRegex();
}
