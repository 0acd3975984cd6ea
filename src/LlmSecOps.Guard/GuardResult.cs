using LlmSecOps.Core.Scanning;

namespace LlmSecOps.Guard;

/// <summary>The engine's judgement of one piece of text.</summary>
public sealed record GuardResult
{
    /// <summary>The verdict: the strongest action among the findings.</summary>
    public required Verdict Verdict { get; init; }

    /// <summary>Findings the policy acts on (action is not off, score at or over the threshold).</summary>
    public required IReadOnlyList<Finding> Findings { get; init; }

    /// <summary>The text after redaction; the original text when nothing was redacted.</summary>
    public required string Text { get; init; }

    /// <summary>Whether any span was replaced.</summary>
    public bool Redacted { get; init; }

    /// <summary>
    /// Highest raw score seen per category, including findings under the threshold. Evaluation
    /// uses these to draw threshold curves.
    /// </summary>
    public IReadOnlyDictionary<string, double> Scores { get; init; } = new Dictionary<string, double>();

    /// <summary>Time the engine spent, in microseconds.</summary>
    public double ElapsedMicroseconds { get; init; }

    /// <summary>Categories of the findings whose action is block.</summary>
    public IEnumerable<string> BlockingCategories =>
        Findings.Where(f => f.Action == PolicyAction.Block).Select(f => f.Category).Distinct(StringComparer.Ordinal);

    /// <summary>Highest raw score for a category, 0 when none.</summary>
    public double ScoreOf(string category) => Scores.TryGetValue(category, out var s) ? s : 0;
}
