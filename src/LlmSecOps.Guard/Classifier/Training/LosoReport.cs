using LlmSecOps.Guard.Evaluation;

namespace LlmSecOps.Guard.Classifier.Training;

/// <summary>Leave-one-source-out results: one row per held-out source, plus every held-out prediction pooled.</summary>
/// <param name="Sources">Per source.</param>
/// <param name="Pooled">Every held-out prediction of the training sources together, at probability 0.5.</param>
/// <param name="PooledThresholds">TPR at fixed FPR over the pooled held-out predictions.</param>
internal sealed record LosoReport(IReadOnlyList<LosoRow> Sources, DetectionMetrics Pooled, IReadOnlyList<ThresholdPoint> PooledThresholds);
