using System.Text.RegularExpressions;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard;

namespace LlmSecOps.Server.Tests.Infrastructure;

/// <summary>
/// A test-only scanner for gateway mechanics that do not depend on real detection: the word
/// <c>FORBIDDEN</c> is a deny-list hit, <c>tok-</c> followed by twelve letters or digits is a
/// secret, and a planted canary in a completion is a canary leak.
/// </summary>
internal sealed partial class MarkerScanner : Scanner
{
    public override string Name => "marker";

    public override IReadOnlyList<string> Categories { get; } = [FindingCategories.DenyList, FindingCategories.Secret, FindingCategories.CanaryLeak];

    public override ValueTask<ScanResult> ScanAsync(ScanContext context, CancellationToken cancellationToken)
    {
        var findings = new List<Finding>();
        var text = context.Text;
        var i = text.IndexOf("FORBIDDEN", StringComparison.Ordinal);
        if (i >= 0)
        {
            findings.Add(new Finding { Category = FindingCategories.DenyList, Rule = "deny.marker", Span = new TextSpan(i, 9), Entity = "DENIED" });
        }

        foreach (Match m in Token().Matches(text))
        {
            findings.Add(new Finding { Category = FindingCategories.Secret, Rule = "secret.test_token", Span = new TextSpan(m.Index, m.Length), Entity = "TEST_TOKEN", Evidence = "tok-****" });
        }

        if (context.Direction == Direction.Output)
        {
            foreach (var canary in context.Canaries)
            {
                var at = text.IndexOf(canary, StringComparison.Ordinal);
                if (at >= 0)
                {
                    findings.Add(new Finding { Category = FindingCategories.CanaryLeak, Rule = "canary.marker", Span = new TextSpan(at, canary.Length) });
                }
            }
        }

        return ScanResult.From(findings).AsTask();
    }

    [GeneratedRegex("tok-[a-z0-9]{12}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Token();
}
