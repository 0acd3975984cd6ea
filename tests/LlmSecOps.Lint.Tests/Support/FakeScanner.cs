using System.Text.RegularExpressions;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard;

namespace LlmSecOps.Lint.Tests.Support;

/// <summary>
/// A test double for a guard scanner: reports every match of a regular expression as a finding of
/// one category. Lets tests check how the linter uses guard findings without depending on the
/// built-in scanners' exact coverage.
/// </summary>
internal sealed class FakeScanner(string category, string rule, Regex pattern) : Scanner
{
    public override string Name => "fake-" + category;

    public override IReadOnlyList<string> Categories => [category];

    public override ValueTask<ScanResult> ScanAsync(ScanContext context, CancellationToken cancellationToken)
    {
        var findings = new List<Finding>();
        foreach (Match m in pattern.Matches(context.Text))
        {
            findings.Add(new Finding
            {
                Category = category,
                Rule = rule,
                Span = new TextSpan(m.Index, m.Length),
                Evidence = m.Value.Length > 4 ? m.Value[..4] + "…" : m.Value,
            });
        }

        return ScanResult.From(findings).AsTask();
    }
}
