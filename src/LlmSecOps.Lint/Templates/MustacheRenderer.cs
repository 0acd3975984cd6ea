using System.Collections;
using System.Text;
using LlmSecOps.Lint.Templates.Jinja;

namespace LlmSecOps.Lint.Templates;

/// <summary>
/// Renders Mustache (and the Handlebars block helpers <c>#if</c>, <c>#unless</c>, <c>#each</c>,
/// <c>#with</c>): variables, dotted names, <c>.</c>/<c>this</c>, sections over lists and truthy
/// values, inverted sections and comments. Values are inserted as text without HTML escaping,
/// because the output is a prompt, not a page.
/// </summary>
internal static class MustacheRenderer
{
    private const int MaxDepth = 64;
    private const int MaxOutput = 4 << 20;

    public static string Render(string template, IReadOnlyDictionary<string, object?> variables)
    {
        var sb = new StringBuilder();
        var context = new List<object?> { variables };
        RenderRange(template, 0, template.Length, context, sb, 0);
        return sb.ToString();
    }

    private static void RenderRange(string t, int start, int end, List<object?> context, StringBuilder sb, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new TemplateRenderException("sections nested too deeply", start);
        }

        var pos = start;
        while (pos < end)
        {
            var open = t.IndexOf("{{", pos, end - pos, StringComparison.Ordinal);
            if (open < 0)
            {
                sb.Append(t, pos, end - pos);
                break;
            }

            sb.Append(t, pos, open - pos);
            var triple = open + 2 < end && t[open + 2] == '{';
            var closer = triple ? "}}}" : "}}";
            var close = t.IndexOf(closer, open + 2, StringComparison.Ordinal);
            if (close < 0 || close >= end)
            {
                throw new TemplateRenderException("unclosed '{{'", open);
            }

            var inner = t[(open + (triple ? 3 : 2))..close].Trim();
            pos = close + closer.Length;
            if (inner.Length == 0 || inner[0] is '!' or '>' or '=')
            {
                continue;
            }

            if (inner[0] is '#' or '^')
            {
                var words = inner[1..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var tag = words.Length > 0 ? words[0] : string.Empty;
                var name = words.Length > 1 && tag is "if" or "unless" or "each" or "with" ? words[1] : tag;
                var (bodyEnd, afterEnd) = FindSectionEnd(t, pos, end, tag, open);
                var value = Lookup(context, name);
                var inverted = inner[0] == '^' || tag == "unless";
                if (inverted)
                {
                    if (!JinjaRenderer.Truthy(value))
                    {
                        RenderRange(t, pos, bodyEnd, context, sb, depth + 1);
                    }
                }
                else if (value is IEnumerable list and not string and not IDictionary and not IReadOnlyDictionary<string, object?>)
                {
                    foreach (var item in list)
                    {
                        context.Add(item);
                        RenderRange(t, pos, bodyEnd, context, sb, depth + 1);
                        context.RemoveAt(context.Count - 1);
                        if (sb.Length > MaxOutput)
                        {
                            throw new TemplateRenderException("rendered text is too large", open);
                        }
                    }
                }
                else if (JinjaRenderer.Truthy(value))
                {
                    context.Add(tag is "if" ? context[^1] : value);
                    RenderRange(t, pos, bodyEnd, context, sb, depth + 1);
                    context.RemoveAt(context.Count - 1);
                }

                pos = afterEnd;
                continue;
            }

            if (inner[0] == '/')
            {
                throw new TemplateRenderException($"'{{{{{inner}}}}}' closes a section that is not open", open);
            }

            var key = inner[0] == '&' ? inner[1..].Trim() : inner;
            if (key == "else")
            {
                continue;
            }

            var v = Lookup(context, key);
            sb.Append(v is null or JinjaUndefined ? string.Empty : JinjaRenderer.ToText(v));
        }
    }

    private static (int BodyEnd, int AfterEnd) FindSectionEnd(string t, int from, int end, string tag, int openAt)
    {
        var depth = 0;
        var pos = from;
        while (pos < end)
        {
            var open = t.IndexOf("{{", pos, end - pos, StringComparison.Ordinal);
            if (open < 0)
            {
                break;
            }

            var close = t.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                break;
            }

            var inner = t[(open + 2)..close].Trim();
            if (inner.Length > 1 && inner[0] is '#' or '^' && FirstWord(inner[1..]) == tag)
            {
                depth++;
            }
            else if (inner.Length > 1 && inner[0] == '/' && inner[1..].Trim() == tag)
            {
                if (depth == 0)
                {
                    return (open, close + 2);
                }

                depth--;
            }

            pos = close + 2;
        }

        throw new TemplateRenderException($"section '{tag}' is never closed", openAt);
    }

    private static string FirstWord(string s)
    {
        var trimmed = s.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? trimmed : trimmed[..space];
    }

    private static object? Lookup(List<object?> context, string name)
    {
        if (name is "." or "this")
        {
            return context[^1];
        }

        var parts = name.StartsWith("this.", StringComparison.Ordinal) ? name[5..].Split('.') : name.Split('.');
        for (var i = context.Count - 1; i >= 0; i--)
        {
            if (Get(context[i], parts[0], out var value))
            {
                for (var p = 1; p < parts.Length; p++)
                {
                    if (!Get(value, parts[p], out value))
                    {
                        return new JinjaUndefined(name);
                    }
                }

                return value;
            }
        }

        return new JinjaUndefined(name);
    }

    private static bool Get(object? target, string key, out object? value)
    {
        switch (target)
        {
            case IReadOnlyDictionary<string, object?> d:
                return d.TryGetValue(key, out value);
            case IDictionary<string, object?> d:
                return d.TryGetValue(key, out value);
            default:
                value = null;
                return false;
        }
    }
}
