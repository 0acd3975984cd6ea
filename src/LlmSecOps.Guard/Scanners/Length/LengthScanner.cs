using LlmSecOps.Core.Policy;
using LlmSecOps.Core.Scanning;

namespace LlmSecOps.Guard.Scanners.Length;

/// <summary>
/// Checks a text against the policy's character and estimated-token limits for its direction:
/// the output limits for completions, the input limits for everything else. Tokens are estimated
/// by <see cref="TokenEstimator"/>, not counted by the model's tokenizer.
/// </summary>
internal sealed class LengthScanner : Scanner
{
    private static readonly string[] ScannerCategories = [FindingCategories.Length];

    public override string Name => "length";

    public override IReadOnlyList<string> Categories => ScannerCategories;

    public override ValueTask<ScanResult> ScanAsync(ScanContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (maxChars, maxTokens) = LimitsFor(context.Policy.Limits, context.Direction);
        var text = context.Text;
        List<Finding>? findings = null;
        if (maxChars > 0 && text.Length > maxChars)
        {
            (findings ??= []).Add(new Finding
            {
                Category = FindingCategories.Length,
                Rule = "length.chars",
                Score = 1.0,
                Severity = Severity.Medium,
                Message = $"{text.Length} characters, over the limit of {maxChars}",
            });
        }

        if (maxTokens > 0 && TokenEstimator.UpperBound(text.Length) > maxTokens)
        {
            var tokens = TokenEstimator.Estimate(text);
            if (tokens > maxTokens)
            {
                (findings ??= []).Add(new Finding
                {
                    Category = FindingCategories.Length,
                    Rule = "length.tokens",
                    Score = 1.0,
                    Severity = Severity.Medium,
                    Message = $"about {tokens} tokens (estimated), over the limit of {maxTokens}",
                });
            }
        }

        return ScanResult.From(findings).AsTask();
    }

    private static (int Chars, int Tokens) LimitsFor(LimitsPolicy limits, Direction direction) =>
        direction == Direction.Output
            ? (limits.MaxOutputChars, limits.MaxOutputTokens)
            : (limits.MaxInputChars, limits.MaxInputTokens);
}
