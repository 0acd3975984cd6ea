namespace LlmSecOps.Lint.Templates;

/// <summary>Reads Semantic Kernel's template syntax: <c>{{$var}}</c> and <c>{{plugin.fn $arg "literal"}}</c>.</summary>
internal static class SemanticKernelScanner
{
    public static void Analyze(string text, TemplateAnalysis analysis, bool reportSyntax)
    {
        var pos = 0;
        while (pos < text.Length)
        {
            var open = text.IndexOf("{{", pos, StringComparison.Ordinal);
            if (open < 0)
            {
                break;
            }

            var close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                if (reportSyntax)
                {
                    analysis.Issues.Add(TemplateIssue.Parse(open, open + 2, "unclosed '{{': no matching '}}'"));
                }

                break;
            }

            var end = close + 2;
            var inner = text[(open + 2)..close];
            pos = end;
            var i = 0;
            var quote = '\0';
            while (i < inner.Length)
            {
                var c = inner[i];
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

                    i++;
                    continue;
                }

                if (c is '"' or '\'')
                {
                    quote = c;
                    i++;
                    continue;
                }

                if (c == '$')
                {
                    var s = i + 1;
                    var e = s;
                    while (e < inner.Length && (char.IsLetterOrDigit(inner[e]) || inner[e] == '_'))
                    {
                        e++;
                    }

                    if (e > s)
                    {
                        var name = inner[s..e];
                        analysis.References.Add(new VariableReference(name, open, end));
                        analysis.Placeholders.Add(new Placeholder(name, inner.Trim(), open, end));
                    }

                    i = e;
                    continue;
                }

                i++;
            }

            if (quote != '\0' && reportSyntax)
            {
                analysis.Issues.Add(TemplateIssue.Parse(open, end, "unterminated string literal in '{{ }}'"));
            }
        }
    }
}
