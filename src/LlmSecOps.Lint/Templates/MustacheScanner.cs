namespace LlmSecOps.Lint.Templates;

/// <summary>Reads Mustache and Handlebars placeholders and sections.</summary>
internal static class MustacheScanner
{
    private static readonly HashSet<string> Helpers = new(StringComparer.Ordinal)
    {
        "if", "unless", "each", "with", "lookup", "log", "else", "this", "raw", "json", "equals", "concat", "set", "message",
    };

    public static void Analyze(string text, TemplateAnalysis analysis, bool reportSyntax)
    {
        var sections = new List<(string Name, string Source, int Start, int End)>();
        var pos = 0;
        while (pos < text.Length)
        {
            var open = text.IndexOf("{{", pos, StringComparison.Ordinal);
            if (open < 0)
            {
                break;
            }

            var triple = open + 2 < text.Length && text[open + 2] == '{';
            var closer = triple ? "}}}" : "}}";
            var close = text.IndexOf(closer, open + (triple ? 3 : 2), StringComparison.Ordinal);
            if (close < 0)
            {
                if (reportSyntax)
                {
                    analysis.Issues.Add(TemplateIssue.Parse(open, open + 2, $"unclosed '{(triple ? "{{{" : "{{")}': no matching '{closer}'"));
                }

                break;
            }

            var end = close + closer.Length;
            var inner = text[(open + (triple ? 3 : 2))..close].Trim();
            pos = end;
            if (inner.Length == 0)
            {
                continue;
            }

            var sigil = inner[0];
            var unescaped = triple || sigil == '&';
            if (sigil is '!' or '>' or '=')
            {
                continue;
            }

            if (sigil is '#' or '^')
            {
                var words = Words(inner[1..]);
                if (words.Count == 0)
                {
                    continue;
                }

                // Handlebars block helpers name the helper first ({{#each items}}); Mustache names the variable.
                var helper = words[0];
                var variable = Helpers.Contains(helper) ? (words.Count > 1 ? words[1] : null) : helper;
                string? root = variable is null ? null : Root(variable, sections);
                if (root is not null)
                {
                    analysis.References.Add(new VariableReference(root, open, end));
                }

                sections.Add((helper, root ?? string.Empty, open, end));
                continue;
            }

            if (sigil == '/')
            {
                var name = inner[1..].Trim();
                if (sections.Count > 0 && string.Equals(sections[^1].Name, name, StringComparison.Ordinal))
                {
                    sections.RemoveAt(sections.Count - 1);
                }
                else if (reportSyntax)
                {
                    analysis.Issues.Add(TemplateIssue.Parse(open, end, sections.Count == 0
                        ? $"'{{{{/{name}}}}}' closes a section that was never opened"
                        : $"'{{{{/{name}}}}}' does not match the open section '{sections[^1].Name}'"));
                }

                continue;
            }

            var body = sigil == '&' ? inner[1..].Trim() : inner;
            if (body == "else")
            {
                continue;
            }

            var parts = Words(body);
            if (parts.Count == 0)
            {
                continue;
            }

            // A helper call ({{helper a b}}) inserts its arguments' values; a plain name inserts itself.
            var names = parts.Count > 1 && !parts[0].Contains('.', StringComparison.Ordinal) ? parts.Skip(1) : parts.Take(1);
            foreach (var n in names)
            {
                if (n.StartsWith('"') || n.StartsWith('\'') || char.IsAsciiDigit(n[0]) || n.Contains('=', StringComparison.Ordinal))
                {
                    continue;
                }

                var root = Root(n, sections);
                if (root is null)
                {
                    continue;
                }

                analysis.References.Add(new VariableReference(root, open, end));
                analysis.Placeholders.Add(new Placeholder(root, body, open, end) { Unescaped = unescaped });
            }
        }

        if (reportSyntax)
        {
            foreach (var s in sections)
            {
                analysis.Issues.Add(TemplateIssue.Parse(s.Start, s.End, $"section '{s.Name}' is never closed"));
            }
        }
    }

    /// <summary>The root variable of a name: <c>user.name</c> → <c>user</c>; <c>.</c> or <c>this</c> → the enclosing section's variable.</summary>
    private static string? Root(string name, List<(string Name, string Source, int Start, int End)> sections)
    {
        if (name is "." or "this" || name.StartsWith("this.", StringComparison.Ordinal) || name.StartsWith("@", StringComparison.Ordinal) || name.StartsWith("../", StringComparison.Ordinal))
        {
            for (var i = sections.Count - 1; i >= 0; i--)
            {
                if (sections[i].Source.Length > 0)
                {
                    return sections[i].Source;
                }
            }

            return null;
        }

        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var root = dot > 0 ? name[..dot] : name;
        return root.Length == 0 || !(char.IsLetter(root[0]) || root[0] == '_' || root[0] == '$') ? null : root.TrimStart('$');
    }

    private static List<string> Words(string s)
    {
        var list = new List<string>();
        var i = 0;
        while (i < s.Length)
        {
            while (i < s.Length && char.IsWhiteSpace(s[i]))
            {
                i++;
            }

            if (i >= s.Length)
            {
                break;
            }

            var start = i;
            if (s[i] is '"' or '\'')
            {
                var q = s[i++];
                while (i < s.Length && s[i] != q)
                {
                    i++;
                }

                i = Math.Min(s.Length, i + 1);
            }
            else
            {
                while (i < s.Length && !char.IsWhiteSpace(s[i]))
                {
                    i++;
                }
            }

            list.Add(s[start..i]);
        }

        return list;
    }
}
