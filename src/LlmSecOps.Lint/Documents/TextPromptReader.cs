using LlmSecOps.Lint.Templates;
using LlmSecOps.Lint.Text;

namespace LlmSecOps.Lint.Documents;

/// <summary>Reads a plain text or Markdown prompt (the whole file is one template) and prompty bodies.</summary>
internal static class TextPromptReader
{
    public static void Read(LintDocument doc)
    {
        if (FrontMatter.TrySplit(doc.Source.Text, out _, out _, out _))
        {
            PromptyReader.Read(doc, prompty: false);
            return;
        }

        ReadBody(doc, 0, null, null, null, chatRoles: false);
    }

    public static void ReadBody(
        LintDocument doc,
        int bodyStart,
        TemplateSyntax? syntax,
        List<DeclaredVariable>? declared,
        List<SampleValue>? samples,
        bool chatRoles,
        string? id = null)
    {
        var text = doc.Source.Text;
        var unit = new PromptUnit { Id = id ?? doc.Stem, Declared = declared };
        if (samples is not null)
        {
            unit.Samples.AddRange(samples);
        }

        var fileRole = RoleFromName(doc.FullPath);
        var pieces = chatRoles ? PromptyReader.SplitRoles(text, bodyStart) : [(null, bodyStart, text.Length)];
        foreach (var (role, start, end) in pieces)
        {
            if (text.AsSpan(start, end - start).Trim().Length == 0)
            {
                continue;
            }

            var body = text[start..end];
            var detected = syntax ?? TemplateScanner.Detect(body);
            unit.Templates.Add(new PromptTemplate
            {
                Text = body,
                Origin = TextOrigin.Contiguous(start),
                // Prompty treats text before the first role line as the system message.
                Role = TemplateFactory.NormalizeRole(role) ?? (chatRoles ? "system" : fileRole),
                Syntax = detected,
                StrictSyntax = syntax is not null || detected != TemplateSyntax.FString,
                WholeMessage = role is not null,
                Kind = IsChatTemplate(doc, body) ? TemplateKind.ChatTemplate : TemplateKind.Prompt,
            });
        }

        doc.Units.Add(unit);
        doc.IsLlmRelevant = true;
    }

    private static bool IsChatTemplate(LintDocument doc, string body) =>
        doc.Kind == DocumentKind.Jinja
        && (Path.GetFileName(doc.FullPath).Contains("chat_template", StringComparison.OrdinalIgnoreCase)
            || Path.GetFileName(doc.FullPath).Contains("chat-template", StringComparison.OrdinalIgnoreCase)
            || (body.Contains("messages", StringComparison.Ordinal) && (body.Contains("add_generation_prompt", StringComparison.Ordinal) || body.Contains("['role']", StringComparison.Ordinal) || body.Contains(".role", StringComparison.Ordinal))));

    /// <summary>A role implied by the file name (<c>system_prompt.md</c>, <c>user.txt</c>).</summary>
    public static string? RoleFromName(string path)
    {
        var name = Path.GetFileName(path).ToLowerInvariant();
        if (name.Contains("system", StringComparison.Ordinal) || name.Contains("instruction", StringComparison.Ordinal))
        {
            return "system";
        }

        return name.Contains("user", StringComparison.Ordinal) ? "user" : null;
    }
}
