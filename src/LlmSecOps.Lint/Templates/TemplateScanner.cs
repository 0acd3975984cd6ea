using LlmSecOps.Lint.Templates.Jinja;

namespace LlmSecOps.Lint.Templates;

/// <summary>Chooses the reader for a template's syntax and runs it.</summary>
internal static class TemplateScanner
{
    public static TemplateAnalysis Analyze(PromptTemplate template)
    {
        var analysis = new TemplateAnalysis();
        if (template.KnownPlaceholders is { } known)
        {
            foreach (var p in known)
            {
                analysis.Placeholders.Add(p);
                analysis.References.Add(new VariableReference(p.Name, p.Start, p.End));
            }

            return analysis;
        }

        Analyze(template.Text, template.Syntax, template.Kind, analysis, template.StrictSyntax);
        return analysis;
    }

    public static void Analyze(string text, TemplateSyntax syntax, TemplateKind kind, TemplateAnalysis analysis, bool strict = true)
    {
        switch (syntax)
        {
            case TemplateSyntax.Jinja or TemplateSyntax.Liquid:
                var jinja = JinjaParser.Parse(text);
                analysis.Jinja = jinja;
                JinjaAnalyzer.Analyze(jinja, analysis, kind, reportSyntax: syntax == TemplateSyntax.Jinja);
                break;
            case TemplateSyntax.Mustache:
                MustacheScanner.Analyze(text, analysis, reportSyntax: true);
                break;
            case TemplateSyntax.SemanticKernel:
                SemanticKernelScanner.Analyze(text, analysis, reportSyntax: true);
                break;
            case TemplateSyntax.FString:
                FStringScanner.Analyze(text, analysis, strict);
                break;
        }
    }

    /// <summary>
    /// Guesses the syntax of a prompt file that does not declare one: Jinja tags or Semantic
    /// Kernel variables win, then Mustache sections, then double braces (read as Jinja, which
    /// also covers plain Mustache variables), then single-brace format fields, else plain text.
    /// </summary>
    public static TemplateSyntax Detect(string text)
    {
        if (text.Contains("{%", StringComparison.Ordinal))
        {
            return TemplateSyntax.Jinja;
        }

        if (text.Contains("{{$", StringComparison.Ordinal) || text.Contains("{{ $", StringComparison.Ordinal))
        {
            return TemplateSyntax.SemanticKernel;
        }

        if (text.Contains("{{#", StringComparison.Ordinal) || text.Contains("{{/", StringComparison.Ordinal) || text.Contains("{{{", StringComparison.Ordinal) || text.Contains("{{^", StringComparison.Ordinal))
        {
            return TemplateSyntax.Mustache;
        }

        if (text.Contains("{{", StringComparison.Ordinal) || HasJinjaComment(text))
        {
            return TemplateSyntax.Jinja;
        }

        return text.Contains('{', StringComparison.Ordinal) ? TemplateSyntax.FString : TemplateSyntax.Plain;
    }

    private static bool HasJinjaComment(string text)
    {
        for (var i = text.IndexOf("{#", StringComparison.Ordinal); i >= 0; i = text.IndexOf("{#", i + 1, StringComparison.Ordinal))
        {
            if ((i == 0 || text[i - 1] != '{') && text.IndexOf("#}", i + 2, StringComparison.Ordinal) > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The syntax named by a format field (prompty <c>template</c>, LangChain <c>template_format</c>, SK <c>template_format</c>).</summary>
    public static TemplateSyntax? FromFormatName(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "jinja" or "jinja2" => TemplateSyntax.Jinja,
        "liquid" => TemplateSyntax.Liquid,
        "mustache" or "handlebars" => TemplateSyntax.Mustache,
        "semantic-kernel" or "semantic_kernel" or "semantickernel" => TemplateSyntax.SemanticKernel,
        "f-string" or "fstring" or "python" => TemplateSyntax.FString,
        _ => null,
    };
}
