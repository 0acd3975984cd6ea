using System.Text.RegularExpressions;
using LlmSecOps.Core.Policy;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard;
using LlmSecOps.Lint.Code;
using LlmSecOps.Lint.Diagnostics;
using LlmSecOps.Lint.Documents;
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
                if (f.Category == FindingCategories.Secret && f.Span is { } span && (doc.Code is null || IsCredentialUse(doc, span.Start)))
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

    /// <summary>
    /// In source code a secret-shaped string is reported where it acts as a secret: outside a
    /// string literal (a comment), in a prompt, in a literal assigned or passed to a credential-like
    /// name (<c>api_key=</c>, <c>"Authorization":</c>, <c>new ApiKeyCredential(…)</c>), or in a
    /// literal that is itself a credential (a bearer header, a connection string). A key that is
    /// plain data handed to a function (sample traffic, a scanner's input) is not.
    /// </summary>
    internal static bool IsCredentialUse(LintDocument doc, int offset)
    {
        var code = doc.Code!;
        var index = -1;
        for (var i = 0; i < code.Tokens.Count; i++)
        {
            var t = code.Tokens[i];
            if (t.Start <= offset && offset < t.End)
            {
                index = i;
                break;
            }

            if (t.Start > offset)
            {
                break;
            }
        }

        if (index < 0 || code.Tokens[index].Kind != CodeTokenKind.String)
        {
            return true;
        }

        foreach (var unit in doc.Units)
        {
            foreach (var t in unit.Templates)
            {
                var (s, e) = t.Origin.ToFile(0, t.Text.Length);
                if (offset >= s && offset < e)
                {
                    return true;
                }
            }
        }

        var literal = code.Tokens[index].Text;
        if (CredentialLiteralRegex().IsMatch(literal))
        {
            return true;
        }

        // Walk back over the pieces of a concatenation or interpolation to the operator before it.
        var j = index - 1;
        while (code.At(j) is { } prev && (prev.Kind == CodeTokenKind.String || prev.IsPunct("+") || prev.IsPunct("$")))
        {
            j--;
        }

        var op = code.At(j);
        var name = code.At(j - 1);
        if (op is null || name is null)
        {
            return false;
        }

        if (op.IsPunct("=") || op.IsPunct(":") || op.IsPunct(":=") || op.IsPunct("=>"))
        {
            if (name.IsPunct("]") && code.At(j - 2) is { Kind: CodeTokenKind.String } indexKey)
            {
                name = indexKey;
            }

            return name.Kind is CodeTokenKind.Identifier or CodeTokenKind.String && IsCredentialName(name.Text);
        }

        if (op.IsPunct("(") || op.IsPunct(","))
        {
            var open = op.IsPunct("(") ? j : code.Parent(j);
            return code.At(open - 1) is { Kind: CodeTokenKind.Identifier } callee && IsCredentialName(callee.Text)
                && !callee.Text.Contains("Scan", StringComparison.Ordinal);
        }

        return false;
    }

    private static bool IsCredentialName(string name) =>
        TrustClassifier.Words(name).Any(static w => w is "key" or "apikey" or "token" or "secret" or "password" or "passwd" or "pwd" or "credential" or "credentials"
            or "auth" or "authorization" or "bearer" or "connectionstring" or "dsn")
        || name.Contains("ConnectionString", StringComparison.Ordinal);

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

    [GeneratedRegex(@"^(?:Bearer|Basic|token)\s|(?i:password|pwd)\s*=|^\w+://[^/\s:@]+:[^/\s@]+@", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex CredentialLiteralRegex();

    [GeneratedRegex(@"(?i)(?:@|\.)(?:example|test|invalid|localhost)(?:\.(?:com|org|net))?\b|\bexample\.(?:com|org|net)\b|555[-.\s]?01\d\d|\b0{6,}\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex ReservedRegex();
}
