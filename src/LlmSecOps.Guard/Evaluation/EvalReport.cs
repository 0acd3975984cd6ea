namespace LlmSecOps.Guard.Evaluation;

/// <summary>
/// Detection quality of a guard over labelled prompts: overall, per source file and per label,
/// with latency and the threshold table. Serialised with the product's snake_case JSON options.
/// </summary>
public sealed record EvalReport
{
    /// <summary>What counts as a positive (an attack detected).</summary>
    public const string PositiveRule =
        "a prompt_injection or jailbreak finding the policy acts on (flag, redact or block)";

    /// <summary>How a positive is decided, for readers of the report.</summary>
    public string Positive { get; init; } = PositiveRule;

    /// <summary>Rows evaluated.</summary>
    public required int Rows { get; init; }

    /// <summary>Attacks detected.</summary>
    public required int Tp { get; init; }

    /// <summary>Benign prompts detected as attacks.</summary>
    public required int Fp { get; init; }

    /// <summary>Benign prompts let through.</summary>
    public required int Tn { get; init; }

    /// <summary>Attacks let through.</summary>
    public required int Fn { get; init; }

    /// <summary>Overall detection rate.</summary>
    public double? Tpr { get; init; }

    /// <summary>Overall false-positive rate.</summary>
    public double? Fpr { get; init; }

    /// <summary>Overall precision.</summary>
    public double? Precision { get; init; }

    /// <summary>Overall F1.</summary>
    public double? F1 { get; init; }

    /// <summary>Mean guard time per prompt in microseconds, one thread.</summary>
    public double? UsPerPrompt { get; init; }

    /// <summary>Median guard time per prompt in microseconds.</summary>
    public double? UsP50 { get; init; }

    /// <summary>99th percentile guard time per prompt in microseconds.</summary>
    public double? UsP99 { get; init; }

    /// <summary>Prompts timed (all rows, or the sample of a parallel run).</summary>
    public int TimedRows { get; init; }

    /// <summary>Metrics per source file name.</summary>
    public required IReadOnlyDictionary<string, DetectionMetrics> BySource { get; init; }

    /// <summary>Metrics per label.</summary>
    public required IReadOnlyDictionary<string, DetectionMetrics> ByLabel { get; init; }

    /// <summary>Detection rate at fixed false-positive rates, from the raw attack scores.</summary>
    public required IReadOnlyList<ThresholdPoint> Thresholds { get; init; }
}
