namespace LlmSecOps.Guard.Evaluation;

/// <summary>
/// The best detection rate reachable with a score threshold while keeping the false-positive rate
/// at or under a target: a prompt counts as an attack when its score is strictly above
/// <see cref="Threshold"/>.
/// </summary>
/// <param name="FprTarget">The false-positive rate allowed.</param>
/// <param name="Threshold">Scores strictly above this count as attacks.</param>
/// <param name="Tpr">Detection rate at that threshold.</param>
/// <param name="Fpr">False-positive rate actually reached (at most the target).</param>
public sealed record ThresholdPoint(double FprTarget, double Threshold, double? Tpr, double? Fpr);
