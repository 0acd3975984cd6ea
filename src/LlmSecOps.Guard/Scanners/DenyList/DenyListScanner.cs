using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using LlmSecOps.Core.Policy;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard.Scanners.Common;
using LlmSecOps.Guard.Text;

namespace LlmSecOps.Guard.Scanners.DenyList;

/// <summary>
/// Refuses what the policy's deny-list names: substrings matched case-insensitively on the
/// normalised text (so homoglyphs and zero-width splits do not hide them), and regular
/// expressions matched on the original and the normalised text. Each regex has a 100 ms match
/// timeout; a timeout is reported as <c>deny_list.regex_timeout</c> without a span, so the guard
/// fails closed instead of letting the text through unjudged.
/// </summary>
internal sealed class DenyListScanner : Scanner
{
    private const int MaxFindings = 256;
    private static readonly string[] ScannerCategories = [FindingCategories.DenyList];

    // Compiled once per deny-list instance; policies are immutable, so the instance is the key.
    private static readonly ConditionalWeakTable<DenyListPolicy, CompiledDenyList> Compiled = new();

    /// <summary>Compiles the policy's deny-list now, so a bad regex fails at start-up.</summary>
    public DenyListScanner(GuardPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _ = GetCompiled(policy.Deny);
    }

    public override string Name => "deny_list";

    public override IReadOnlyList<string> Categories => ScannerCategories;

    public override ValueTask<ScanResult> ScanAsync(ScanContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var deny = context.Policy.Deny;
        if ((deny.Substrings.Count == 0 && deny.Regexes.Count == 0) || context.Text.Length == 0)
        {
            return ScanResult.Empty.AsTask();
        }

        CompiledDenyList list;
        try
        {
            list = GetCompiled(deny);
        }
        catch (PolicyException ex)
        {
            return new ScanResult([Failure("deny_list.regex_invalid", ex.Message)]).AsTask();
        }

        if (list.IsEmpty)
        {
            return ScanResult.Empty.AsTask();
        }

        var analysis = context.Analysis;
        var findings = new List<Finding>();
        MatchSubstrings(list, analysis, findings);
        cancellationToken.ThrowIfCancellationRequested();
        MatchRegexes(list, analysis, findings);
        return ScanResult.From(findings).AsTask();
    }

    private static CompiledDenyList GetCompiled(DenyListPolicy deny) =>
        Compiled.GetValue(deny, static d => CompiledDenyList.Compile(d));

    private static void MatchSubstrings(CompiledDenyList list, TextAnalysis analysis, List<Finding> findings)
    {
        var normalized = analysis.Normalized;
        for (var i = 0; i < list.Substrings.Count; i++)
        {
            var needle = list.Substrings[i];
            var from = 0;
            while (from <= normalized.Length - needle.Length && findings.Count < MaxFindings)
            {
                var at = normalized.IndexOf(needle, from, StringComparison.OrdinalIgnoreCase);
                if (at < 0)
                {
                    break;
                }

                findings.Add(new Finding
                {
                    Category = FindingCategories.DenyList,
                    Rule = "deny_list.substring",
                    Score = 1.0,
                    Severity = Severity.High,
                    Span = analysis.MapToOriginal(at, needle.Length),
                    Message = $"denied substring #{i + 1}",
                    Evidence = Masking.Truncate(list.SubstringSources[i], 40),
                    Entity = "DENIED",
                });
                from = at + needle.Length;
            }
        }
    }

    private static void MatchRegexes(CompiledDenyList list, TextAnalysis analysis, List<Finding> findings)
    {
        var original = analysis.Original;
        var normalized = analysis.Normalized;
        var alsoNormalized = !string.Equals(original, normalized, StringComparison.Ordinal);
        for (var i = 0; i < list.Regexes.Count; i++)
        {
            var regex = list.Regexes[i];
            try
            {
                var before = findings.Count;
                for (var m = regex.Match(original); m.Success && findings.Count < MaxFindings; m = m.NextMatch())
                {
                    if (m.Length > 0)
                    {
                        findings.Add(RegexFinding(i, new TextSpan(m.Index, m.Length)));
                    }
                }

                if (alsoNormalized)
                {
                    for (var m = regex.Match(normalized); m.Success && findings.Count < MaxFindings; m = m.NextMatch())
                    {
                        if (m.Length == 0)
                        {
                            continue;
                        }

                        var span = analysis.MapToOriginal(m.Index, m.Length);
                        if (!OverlapsAny(findings, before, span))
                        {
                            findings.Add(RegexFinding(i, span));
                        }
                    }
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // One timeout decides the text (fail closed); more regexes would only add delay.
                findings.Add(Failure("deny_list.regex_timeout", $"deny regex #{i + 1} timed out after {RegexLimits.PolicyMatchTimeoutMs} ms; treated as a match"));
                return;
            }
        }
    }

    private static bool OverlapsAny(List<Finding> findings, int from, TextSpan span)
    {
        for (var k = from; k < findings.Count; k++)
        {
            if (findings[k].Span is { } s && s.Overlaps(span))
            {
                return true;
            }
        }

        return false;
    }

    private static Finding RegexFinding(int index, TextSpan span) => new()
    {
        Category = FindingCategories.DenyList,
        Rule = "deny_list.regex",
        Score = 1.0,
        Severity = Severity.High,
        Span = span,
        Message = $"matches denied pattern #{index + 1}",
        Entity = "DENIED",
    };

    private static Finding Failure(string rule, string message) => new()
    {
        Category = FindingCategories.DenyList,
        Rule = rule,
        Score = 1.0,
        Severity = Severity.High,
        Message = message,
    };
}
