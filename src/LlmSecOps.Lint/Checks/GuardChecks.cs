using System.Text.RegularExpressions;
using LlmSecOps.Core.Policy;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard;
using LlmSecOps.Lint.Diagnostics;
using LlmSecOps.Lint.Templates;

namespace LlmSecOps.Lint.Checks;

/// <summary>
/// Secrets (LLM011) and personal data (LLM012) are found by the guard engine's own scanners, so
/// the linter and the gateway agree on what a secret or a phone number is. Secrets are looked
/// for in the whole file; personal data only in prompt text, where it is sent with every request.
/// </summary>
internal static partial class GuardChecks
{
    /// <summary>A policy that switches on only the categories these checks read.</summary>
    public static GuardPolicy Policy { get; } = GuardPolicy.Default with
    {
        Input = new DirectionPolicy(new Dictionary<string, PolicyAction>
        {
            [FindingCategories.Secret] = PolicyAction.Flag,
            [FindingCategories.Pii] = PolicyAction.Flag,
        }),
        Output = new DirectionPolicy(new Dictionary<string, PolicyAction>()),
        PiiEntities = [],
    };

    /// <summary>An engine with the built-in scanners under <see cref="Policy"/>.</summary>
    public static GuardEngine CreateEngine() => GuardEngine.Create(Policy);

    public static async ValueTask RunAsync(CheckContext ctx, GuardEngine engine, CancellationToken ct)
    {
        var doc = ctx.Document;
        if (ctx.Config.IsEnabled(RuleIds.SecretInTemplate) && doc.IsLlmRelevant)
        {
            var result = await engine.ScanAsync(new ScanRequest { Text = doc.Source.Text, Direction = Direction.Input }, ct).ConfigureAwait(false);
            foreach (var f in result.Findings)
            {
                if (f.Category == FindingCategories.Secret && f.Span is { } span)
                {
                    ctx.Add(RuleIds.SecretInTemplate, span.Start, span.End, $"{Describe(f)} is written in the file{Evidence(f)}; remove it and rotate it", f.Rule);
                }
            }
        }

        if (!ctx.Config.IsEnabled(RuleIds.HardcodedPii))
        {
            return;
        }

        foreach (var unit in doc.Units)
        {
            foreach (var t in unit.Templates)
            {
                if (t.Kind != TemplateKind.Prompt || t.Text.Length == 0)
                {
                    continue;
                }

                var result = await engine.ScanAsync(new ScanRequest { Text = t.Text, Direction = Direction.Input, Role = t.Role }, ct).ConfigureAwait(false);
                foreach (var f in result.Findings)
                {
                    if (f.Category != FindingCategories.Pii || f.Span is not { } span || span.End > t.Text.Length)
                    {
                        continue;
                    }

                    var value = t.Text.Substring(span.Start, span.Length);
                    if (IsReservedExample(value) || InsidePlaceholder(t, span.Start))
                    {
                        continue;
                    }

                    var (s, e) = t.Origin.ToFile(span.Start, span.End);
                    ctx.Add(RuleIds.HardcodedPii, s, e, $"{Describe(f)} is hard-coded in a prompt{Evidence(f)}; use fictitious data (example.com, reserved numbers)", f.Rule);
                }
            }
        }
    }

    private static bool InsidePlaceholder(PromptTemplate t, int offset) =>
        t.Analysis.Placeholders.Any(p => offset >= p.Start && offset < p.End);

    /// <summary>Addresses and numbers reserved for documentation (RFC 2606 domains, 555-01xx phone numbers).</summary>
    public static bool IsReservedExample(string value) => ReservedRegex().IsMatch(value);

    private static string Describe(Finding f)
    {
        var name = f.Entity ?? f.Rule;
        var dot = name.LastIndexOf('.');
        if (dot >= 0)
        {
            name = name[(dot + 1)..];
        }

        name = name.Replace('_', ' ').ToLowerInvariant();
        return f.Category == FindingCategories.Secret ? $"a secret ({name})" : $"personal data ({name})";
    }

    private static string Evidence(Finding f) => string.IsNullOrEmpty(f.Evidence) ? string.Empty : $" ('{f.Evidence}')";

    [GeneratedRegex(@"(?i)(?:@|\.)(?:example|test|invalid|localhost)(?:\.(?:com|org|net))?\b|\bexample\.(?:com|org|net)\b|555[-.\s]?01\d\d|\b0{6,}\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex ReservedRegex();
}
