using System.Text;
using System.Text.RegularExpressions;
using LlmSecOps.Lint.Templates.Jinja;

namespace LlmSecOps.Lint.Templates;

/// <summary>Renders a template in its own syntax with plain values (strings, numbers, booleans, lists, mappings).</summary>
internal static partial class TemplateRenderer
{
    public static string Render(PromptTemplate template, IReadOnlyDictionary<string, object?> variables)
    {
        switch (template.Syntax)
        {
            case TemplateSyntax.Jinja or TemplateSyntax.Liquid:
                return JinjaRenderer.Render(template.Analysis.Jinja ?? JinjaParser.Parse(template.Text), variables);
            case TemplateSyntax.Mustache:
                return MustacheRenderer.Render(template.Text, variables);
            case TemplateSyntax.SemanticKernel:
                return RenderSemanticKernel(template.Text, variables);
            case TemplateSyntax.FString:
                return RenderFString(template.Text, variables, template.StrictSyntax);
            case TemplateSyntax.Interpolated:
                throw new TemplateRenderException("prompt strings built in source code are rendered by the application, not by 'llmsecops render'", 0);
            default:
                return template.Text;
        }
    }

    private static string RenderSemanticKernel(string text, IReadOnlyDictionary<string, object?> variables)
    {
        var sb = new StringBuilder();
        var pos = 0;
        foreach (Match m in SkBlockRegex().Matches(text))
        {
            sb.Append(text, pos, m.Index - pos);
            var inner = m.Groups["inner"].Value.Trim();
            if (!inner.StartsWith('$') || inner.Contains(' ', StringComparison.Ordinal))
            {
                throw new TemplateRenderException($"'{{{{{inner}}}}}' calls a function; only variables are rendered", m.Index);
            }

            var name = inner[1..];
            sb.Append(variables.TryGetValue(name, out var v) ? JinjaRenderer.ToText(v) : string.Empty);
            pos = m.Index + m.Length;
        }

        sb.Append(text, pos, text.Length - pos);
        return sb.ToString();
    }

    private static string RenderFString(string text, IReadOnlyDictionary<string, object?> variables, bool strict)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '{' && i + 1 < text.Length && text[i + 1] == '{')
            {
                sb.Append('{');
                i++;
                continue;
            }

            if (c == '}' && i + 1 < text.Length && text[i + 1] == '}')
            {
                sb.Append('}');
                i++;
                continue;
            }

            if (c == '{')
            {
                var close = text.IndexOf('}', i + 1);
                var inner = close > i ? text[(i + 1)..close] : string.Empty;
                if (close > i && FStringScanner.FieldName(inner) is { } name)
                {
                    if (inner.Trim() != name)
                    {
                        throw new TemplateRenderException($"'{{{inner}}}' uses attribute access or a format spec, which is not rendered", i);
                    }

                    sb.Append(variables.TryGetValue(name, out var v) ? JinjaRenderer.ToText(v) : string.Empty);
                    i = close;
                    continue;
                }

                if (strict)
                {
                    throw new TemplateRenderException("'{' starts no placeholder; write '{{' for a literal brace", i);
                }
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    [GeneratedRegex(@"\{\{(?<inner>.*?)\}\}", RegexOptions.Singleline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex SkBlockRegex();
}
