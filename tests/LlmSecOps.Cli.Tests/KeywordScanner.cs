using LlmSecOps.Core.Policy;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard;

namespace LlmSecOps.Cli.Tests;

/// <summary>
/// A test-only scanner with fixed trigger words, so command behaviour (exit codes, output shape,
/// recording) is tested independently of the real detectors.
/// </summary>
internal sealed class KeywordScanner : Scanner
{
    public const string Block = "TRIGGER-BLOCK";
    public const string Redact = "TRIGGER-SECRET";
    public const string Flag = "TRIGGER-FLAG";

    private static readonly (string Word, string Category, string? Entity)[] Rules =
    [
        (Block, FindingCategories.PromptInjection, null),
        (Redact, FindingCategories.Secret, "SECRET"),
        (Flag, FindingCategories.InvisibleText, null),
    ];

    public override string Name => "test-keywords";

    public override IReadOnlyList<string> Categories { get; } = Rules.Select(r => r.Category).ToArray();

    public static GuardEngine Engine(GuardPolicy policy) => new(policy, [new KeywordScanner()]);

    public override ValueTask<ScanResult> ScanAsync(ScanContext context, CancellationToken cancellationToken)
    {
        var findings = new List<Finding>();
        foreach (var (word, category, entity) in Rules)
        {
            var at = context.Text.IndexOf(word, StringComparison.Ordinal);
            if (at >= 0)
            {
                findings.Add(new Finding
                {
                    Category = category,
                    Rule = "test." + word.ToLowerInvariant(),
                    Score = 0.875,
                    Span = new TextSpan(at, word.Length),
                    Entity = entity,
                    Evidence = entity is null ? word : "***",
                });
            }
        }

        return new ScanResult(findings).AsTask();
    }
}
