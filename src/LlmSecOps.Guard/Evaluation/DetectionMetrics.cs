namespace LlmSecOps.Guard.Evaluation;

/// <summary>
/// Confusion counts of a detector over a set of prompts, and the rates derived from them. A rate
/// whose denominator is zero is null (a benign-only set has no TPR).
/// </summary>
public sealed record DetectionMetrics
{
    /// <summary>Rows evaluated.</summary>
    public int Rows => Tp + Fp + Tn + Fn;

    /// <summary>Attacks detected.</summary>
    public required int Tp { get; init; }

    /// <summary>Benign prompts detected as attacks.</summary>
    public required int Fp { get; init; }

    /// <summary>Benign prompts let through.</summary>
    public required int Tn { get; init; }

    /// <summary>Attacks let through.</summary>
    public required int Fn { get; init; }

    /// <summary>Recall: TP / (TP + FN).</summary>
    public double? Tpr => Ratio(Tp, Tp + Fn);

    /// <summary>FP / (FP + TN).</summary>
    public double? Fpr => Ratio(Fp, Fp + Tn);

    /// <summary>TP / (TP + FP).</summary>
    public double? Precision => Ratio(Tp, Tp + Fp);

    /// <summary>Harmonic mean of precision and recall: 2TP / (2TP + FP + FN).</summary>
    public double? F1 => Ratio(2 * Tp, (2 * Tp) + Fp + Fn);

    /// <summary>Mean guard time per prompt, in microseconds (single-threaded).</summary>
    public double? UsPerPrompt { get; init; }

    /// <summary>Counts from paired truths and predictions.</summary>
    public static DetectionMetrics From(ReadOnlySpan<bool> isAttack, ReadOnlySpan<bool> predicted)
    {
        if (isAttack.Length != predicted.Length)
        {
            throw new ArgumentException("truths and predictions differ in length", nameof(predicted));
        }

        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < isAttack.Length; i++)
        {
            switch ((isAttack[i], predicted[i]))
            {
                case (true, true): tp++; break;
                case (true, false): fn++; break;
                case (false, true): fp++; break;
                default: tn++; break;
            }
        }

        return new DetectionMetrics { Tp = tp, Fp = fp, Tn = tn, Fn = fn };
    }

    private static double? Ratio(int numerator, int denominator) =>
        denominator == 0 ? null : (double)numerator / denominator;
}
