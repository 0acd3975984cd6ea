using LlmSecOps.Lint.Code;
using LlmSecOps.Lint.Data;
using LlmSecOps.Lint.Diagnostics;
using LlmSecOps.Lint.Discovery;
using LlmSecOps.Lint.Templates;
using LlmSecOps.Lint.Text;

namespace LlmSecOps.Lint.Documents;

/// <summary>Reads one file into a <see cref="LintDocument"/> with the reader its kind calls for.</summary>
internal static class DocumentReader
{
    private static readonly string[] LlmWords =
    [
        "prompt", "template", "model", "messages", "tools", "functions", "instructions", "chat_template", "llm", "openai", "anthropic",
        "temperature", "input_variables", "_type", "completion", "system", "assistant",
    ];

    public static LintDocument Read(DiscoveredFile file, string text)
    {
        var doc = new LintDocument
        {
            FullPath = file.FullPath,
            RelativePath = file.RelativePath,
            Source = new SourceText(text),
            Kind = file.Kind,
        };

        switch (file.Kind)
        {
            case DocumentKind.TextPrompt:
                TextPromptReader.Read(doc);
                break;
            case DocumentKind.Prompty:
                PromptyReader.Read(doc, prompty: true);
                break;
            case DocumentKind.Jinja:
                TextPromptReader.ReadBody(doc, 0, TemplateSyntax.Jinja, null, null, chatRoles: false);
                break;
            case DocumentKind.ViewTemplate:
                ReadView(doc);
                break;
            case DocumentKind.Yaml or DocumentKind.Json:
                ReadStructured(doc, file.Kind == DocumentKind.Json);
                break;
            case DocumentKind.Code:
                CodeReader.Read(doc, file.Language ?? CodeLanguage.Python);
                break;
        }

        return doc;
    }

    private static void ReadView(LintDocument doc)
    {
        var text = doc.Source.Text;
        if (!text.Contains("{{", StringComparison.Ordinal) && !text.Contains("{%", StringComparison.Ordinal))
        {
            return;
        }

        var syntax = TemplateScanner.Detect(text);
        var unit = new PromptUnit { Id = doc.Stem };
        unit.Templates.Add(new PromptTemplate
        {
            Text = text,
            Origin = TextOrigin.Contiguous(0),
            Syntax = syntax is TemplateSyntax.Jinja or TemplateSyntax.Mustache ? syntax : TemplateSyntax.Jinja,
            // A view may be Django, Liquid or Go-flavoured; syntax errors there are not ours to report.
            StrictSyntax = false,
            Kind = TemplateKind.ViewTemplate,
        });
        doc.Units.Add(unit);
    }

    private static void ReadStructured(LintDocument doc, bool json)
    {
        var text = doc.Source.Text;
        if (LooksLikeGoTemplate(text))
        {
            // Helm charts and other Go templates are YAML only after rendering.
            return;
        }

        var mayBeLlm = MentionsLlm(text);
        IReadOnlyList<DataNode> roots;
        ParseError? error;
        if (json)
        {
            var node = JsonTreeParser.Parse(text, out error);
            roots = node is null ? [] : [node];
        }
        else
        {
            roots = YamlTreeParser.Parse(text, 0, text.Length, out error);
        }

        if (error is not null && mayBeLlm)
        {
            doc.Findings.Add(new RawFinding(RuleIds.ParseError, error.Offset, Math.Min(text.Length, error.Offset + 1), error.Message, "syntax"));
            doc.IsLlmRelevant = true;
        }

        if (!mayBeLlm)
        {
            return;
        }

        var reader = new StructuredReader(doc);
        foreach (var root in roots)
        {
            doc.DataRoots.Add(root);
            reader.Read(root, extractTemplates: true);
        }

        doc.IsLlmRelevant |= reader.SawLlmContent;
        if (!doc.IsLlmRelevant)
        {
            // Settings in unrelated YAML (CI files, manifests) are not ours to judge.
            doc.Findings.RemoveAll(static f => f.RuleId != RuleIds.ParseError);
            doc.Units.Clear();
            doc.Tools.Clear();
            doc.Models.Clear();
            doc.Parameters.Clear();
            doc.Endpoints.Clear();
        }
    }

    private static bool MentionsLlm(string text)
    {
        foreach (var w in LlmWords)
        {
            if (text.Contains(w, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool LooksLikeGoTemplate(string text) =>
        text.Contains("{{ .Values", StringComparison.Ordinal) || text.Contains("{{- if ", StringComparison.Ordinal) || text.Contains("{{ include ", StringComparison.Ordinal)
        || text.Contains("{{- include ", StringComparison.Ordinal) || text.Contains("{{ .Release", StringComparison.Ordinal) || text.Contains("{{- toYaml", StringComparison.Ordinal);
}
