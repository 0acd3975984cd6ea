using System.Globalization;
using System.Text.RegularExpressions;
using LlmSecOps.Lint.Code;
using LlmSecOps.Lint.Data;
using LlmSecOps.Lint.Diagnostics;
using LlmSecOps.Lint.Documents;
using LlmSecOps.Lint.Schema;
using LlmSecOps.Lint.Templates;

namespace LlmSecOps.Lint.Checks;

/// <summary>
/// Rules over prompt templates: how untrusted values are inserted (LLM001–LLM005), confidential
/// system prompts (LLM013), length (LLM025), declarations and the prompt schema (LLM007–LLM009),
/// template syntax (LLM000), sandbox escapes (LLM026) and unescaped model output in views (LLM017).
/// </summary>
internal static partial class TemplateChecks
{
    private static readonly HashSet<string> ViewOutputNames = new(StringComparer.Ordinal)
    {
        "answer", "response", "reply", "output", "completion", "result", "generated", "summary", "message", "content", "assistant_message", "bot_message", "llm_output",
    };

    public static void Run(CheckContext ctx)
    {
        foreach (var unit in ctx.Document.Units)
        {
            var schema = unit.Templates.All(static t => t.Syntax == TemplateSyntax.Interpolated)
                ? ctx.Schema.Find("\0", ctx.Document.FullPath)
                : ctx.Schema.Find(unit.Id, ctx.Document.FullPath);
            foreach (var template in unit.Templates)
            {
                CheckTemplate(ctx, template, schema);
            }

            CheckDeclarations(ctx, unit, schema);
        }
    }

    private static void CheckTemplate(CheckContext ctx, PromptTemplate t, TemplateSchema? schema)
    {
        var analysis = t.Analysis;
        foreach (var issue in analysis.Issues)
        {
            var (s, e) = t.Origin.ToFile(issue.Start, issue.End);
            ctx.Add(issue.RuleId, s, e, issue.Message, issue.RuleId == RuleIds.ParseError ? "syntax" : issue.Message);
        }

        if (t.Kind == TemplateKind.ViewTemplate)
        {
            CheckView(ctx, t);
            return;
        }

        if (t.Kind == TemplateKind.ChatTemplate)
        {
            return;
        }

        if (t.Text.Length > ctx.Config.MaxPromptChars)
        {
            var s = t.Origin.ToFile(0);
            ctx.Add(RuleIds.PromptTooLong, s, s + 1, string.Create(CultureInfo.InvariantCulture, $"prompt template is {t.Text.Length:N0} characters; the limit is {ctx.Config.MaxPromptChars:N0} (max_prompt_chars)"), "length");
        }

        if (t.IsSystem)
        {
            CheckConfidential(ctx, t);
        }

        if (t.Role is "assistant" or "example" or "tool")
        {
            return;
        }

        var untrusted = new List<(Placeholder P, TrustLevel Trust)>();
        foreach (var p in analysis.Placeholders)
        {
            var trust = TrustClassifier.Classify(p, schema);
            if (trust != TrustLevel.Trusted)
            {
                untrusted.Add((p, trust));
            }
        }

        foreach (var (p, trust) in untrusted)
        {
            var (s, e) = t.Origin.ToFile(p.Start, p.End);
            var props = new Dictionary<string, string>(StringComparer.Ordinal) { ["variable"] = p.Name, ["trust"] = trust.ToString().ToLowerInvariant() };
            var what = trust == TrustLevel.Retrieved ? $"retrieved content '{p.Name}'" : $"untrusted variable '{p.Name}'";
            if (t.IsSystem)
            {
                ctx.Add(RuleIds.UntrustedInSystemPrompt, s, e, $"{what} is interpolated into the system prompt", p.Name, props);
            }
            else if (!Delimiters.IsDelimited(t, p))
            {
                ctx.Add(
                    trust == TrustLevel.Retrieved ? RuleIds.RetrievedUnquoted : RuleIds.UntrustedUndelimited,
                    s,
                    e,
                    $"{what} is inserted without delimiters or quoting",
                    p.Name,
                    props);
            }
        }

        if (!t.IsSystem && untrusted.Count > 0)
        {
            CheckRestatement(ctx, t, untrusted);
            CheckRoleMarkers(ctx, t, untrusted);
        }
    }

    private static void CheckRestatement(CheckContext ctx, PromptTemplate t, List<(Placeholder P, TrustLevel Trust)> untrusted)
    {
        var text = t.Text;
        var first = untrusted.Min(static u => u.P.Start);
        var lastP = untrusted.MaxBy(static u => u.P.End).P;
        if (text.AsSpan().Trim().SequenceEqual(text.AsSpan(lastP.Start, lastP.End - lastP.Start).Trim()))
        {
            return;
        }

        var before = CountWords(text[..first]);
        var after = CountWords(text[lastP.End..]);
        if (before >= 6 && after < 3)
        {
            var (s, e) = t.Origin.ToFile(lastP.Start, lastP.End);
            ctx.Add(RuleIds.NoRestatement, s, e, $"untrusted variable '{lastP.Name}' ends the prompt; restate the task after it", lastP.Name);
        }
    }

    private static int CountWords(string s)
    {
        var cleaned = MarkupRegex().Replace(s, " ");
        return WordRegex().Count(cleaned);
    }

    private static void CheckRoleMarkers(CheckContext ctx, PromptTemplate t, List<(Placeholder P, TrustLevel Trust)> untrusted)
    {
        var matches = RoleMarkerRegex().Matches(t.Text)
            .Where(m => !t.Analysis.Placeholders.Any(p => m.Index >= p.Start && m.Index < p.End))
            .ToList();
        if (matches.Count == 0)
        {
            return;
        }

        var m = matches[0];
        var (s, e) = t.Origin.ToFile(m.Index, m.Index + m.Length);
        var more = matches.Count > 1 ? $" (and {matches.Count - 1} more)" : string.Empty;
        ctx.Add(RuleIds.RoleMarkerInContent, s, e, $"role marker '{m.Value.Trim()}' in a prompt that carries untrusted input '{untrusted[0].P.Name}'{more}", m.Value.Trim());
    }

    private static void CheckConfidential(CheckContext ctx, PromptTemplate t)
    {
        foreach (var (regex, message) in new (Regex, string)[]
        {
            (CredentialRegex(), "states a credential the model can be made to repeat"),
            (AuthorizationRegex(), "leaves an authorisation decision to the model"),
            (OnlyRoleRegex(), "leaves an authorisation decision to the model"),
        })
        {
            var m = regex.Match(t.Text);
            if (m.Success)
            {
                var (s, e) = t.Origin.ToFile(m.Index, m.Index + m.Length);
                ctx.Add(RuleIds.ConfidentialSystemPrompt, s, e, $"system prompt {message}: '{Shorten(m.Value)}'", message);
            }
        }
    }

    private static void CheckView(CheckContext ctx, PromptTemplate t)
    {
        foreach (var p in t.Analysis.Placeholders)
        {
            if (!(p.Filters.Contains("safe") || p.Unescaped))
            {
                continue;
            }

            if (!ViewOutputNames.Contains(p.Name) && !CodeNames.LooksLikeModelOutput(p.Expression) && !TrustClassifier.Words(p.Name).Any(ViewOutputNames.Contains))
            {
                continue;
            }

            var (s, e) = t.Origin.ToFile(p.Start, p.End);
            var how = p.Unescaped ? "a triple-stash (unescaped) placeholder" : "the '| safe' filter";
            ctx.Add(RuleIds.UnsanitizedHtmlOutput, s, e, $"model output '{p.Name}' is rendered with {how}, bypassing HTML escaping", p.Name);
        }
    }

    private static void CheckDeclarations(CheckContext ctx, PromptUnit unit, TemplateSchema? schema)
    {
        if (unit.Templates.Count == 0 || unit.Templates.Any(static t => t.Kind == TemplateKind.ChatTemplate || t.Syntax == TemplateSyntax.Interpolated))
        {
            return;
        }

        var used = new Dictionary<string, (PromptTemplate Template, VariableReference Ref)>(StringComparer.Ordinal);
        foreach (var t in unit.Templates)
        {
            foreach (var r in t.Analysis.References)
            {
                used.TryAdd(r.Name, (t, r));
            }
        }

        var reported = new HashSet<string>(StringComparer.Ordinal);
        if (unit.Declared is { } declared)
        {
            var names = declared.Select(static d => d.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var (name, (t, r)) in used)
            {
                if (!names.Contains(name) && !unit.Supplied.Contains(name))
                {
                    var (s, e) = t.Origin.ToFile(r.Start, r.End);
                    ctx.Add(RuleIds.UndeclaredVariable, s, e, $"variable '{name}' is used but not declared by the prompt", name);
                    reported.Add(name);
                }
            }

            foreach (var d in declared)
            {
                if (!used.ContainsKey(d.Name))
                {
                    ctx.Add(RuleIds.UnusedVariable, d.Start, d.End, $"declared variable '{d.Name}' is never used by the template", d.Name);
                }
            }
        }

        if (schema is null)
        {
            return;
        }

        var schemaName = Path.GetFileName(ctx.Schema.Source);
        foreach (var (name, (t, r)) in used)
        {
            if (!schema.Variables.ContainsKey(name) && !schema.AllowUndeclared && !reported.Contains(name) && !unit.Supplied.Contains(name))
            {
                var (s, e) = t.Origin.ToFile(r.Start, r.End);
                ctx.Add(RuleIds.UndeclaredVariable, s, e, $"variable '{name}' is not declared for template '{schema.Id}' in the prompt schema", name);
            }
        }

        var anchor = unit.Templates[0].Origin.ToFile(0);
        foreach (var name in schema.Variables.Keys)
        {
            if (!used.ContainsKey(name))
            {
                ctx.Add(RuleIds.UnusedVariable, anchor, anchor + 1, $"the prompt schema declares '{name}' for template '{schema.Id}', but the template never uses it", "schema:" + name);
            }
        }

        foreach (var sample in unit.Samples)
        {
            if (!schema.Variables.TryGetValue(sample.Name, out var spec))
            {
                continue;
            }

            foreach (var (_, message) in spec.Check(ToValue(sample.Value, 0)))
            {
                ctx.Add(RuleIds.SchemaViolation, sample.Value.Start, sample.Value.End, $"sample value for '{sample.Name}' violates the prompt schema: {message}", sample.Name);
            }
        }

        _ = schemaName;
    }

    /// <summary>Converts a data node into the plain values schemas check.</summary>
    public static object? ToValue(DataNode node, int depth) => node switch
    {
        _ when depth > 32 => null,
        DataScalar { Kind: ScalarKind.Null } => null,
        DataScalar { Kind: ScalarKind.Boolean } b => b.AsBoolean(),
        DataScalar { Kind: ScalarKind.Number } n => long.TryParse(n.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : n.AsNumber(),
        DataScalar s => s.Value,
        DataSequence seq => seq.Items.Select(i => ToValue(i, depth + 1)).ToList(),
        DataMap map => map.Entries.GroupBy(e => e.Key.Value, StringComparer.Ordinal).ToDictionary(g => g.Key, g => ToValue(g.First().Value, depth + 1), StringComparer.Ordinal),
        _ => null,
    };

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";

    [GeneratedRegex(@"\{%.*?%\}|\{#.*?#\}|\{\{.*?\}\}|</?[A-Za-z][^<>]*>|[-=#*~`]{3,}", RegexOptions.Singleline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex MarkupRegex();

    [GeneratedRegex(@"\b\p{L}{2,}\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex WordRegex();

    [GeneratedRegex(@"(?im)(?:^[ \t>*#]*(?:assistant|system|ai|bot|human|user|model)[ \t]*:|<\|im_start\|>|<\|im_end\|>|\[/?INST\]|<</?SYS>>|<\|(?:system|user|assistant)\|>|<\|start_header_id\|>|<\|eot_id\|>|<start_of_turn>|<end_of_turn>)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex RoleMarkerRegex();

    [GeneratedRegex(@"(?i)\b(?:(?:admin|administrator|override|access|secret|master|unlock|security|root|api)\s+){0,2}(?:password|passcode|passphrase|(?<=(?:admin|administrator|override|access|secret|master|unlock|security|root|api)\s+)(?:code|key|token|pin|word|phrase))\s+(?:is|=|:)\s*(?:[""'`][^""'`\s]{3,}[""'`]|[A-Za-z!@#$%^&*_\-]*\d[\w!@#$%^&*\-]*|[A-Z]{4,}\b)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex CredentialRegex();

    [GeneratedRegex(@"(?i)\b(?:if|when|unless)\s+the\s+user\s+(?:is|says\s+(?:they\s+are|he\s+is|she\s+is)|claims\s+to\s+be|identifies\s+as|proves\s+they\s+are)\s+(?:an?\s+)?(?:admin|administrator|manager|developer|employee|staff\s+member|owner|moderator|root|superuser|vip|premium)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex AuthorizationRegex();

    [GeneratedRegex(@"(?i)\bonly\s+(?:admins?|administrators?|managers?|staff|employees|premium\s+users)\s+(?:may|can|are\s+allowed\s+to)\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex OnlyRoleRegex();
}
