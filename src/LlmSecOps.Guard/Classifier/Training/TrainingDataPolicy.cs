using LlmSecOps.Guard.Evaluation;

namespace LlmSecOps.Guard.Classifier.Training;

/// <summary>
/// Which labelled rows may train a model the product ships. Rows from sources whose terms do not
/// allow it (no licence stated, or non-commercial) are kept for evaluation only; the trainer sets
/// them aside unless told otherwise, and uses them as unseen data when validating.
/// </summary>
internal static class TrainingDataPolicy
{
    private static readonly string[] EvaluationOnlyMarkers =
    [
        "tensortrust", "tensor-trust", "alpacaeval", "alpaca_eval",
    ];

    /// <summary>Why a row may not train a shipped model, or null when it may.</summary>
    public static string? EvaluationOnlyReason(LabeledPrompt row)
    {
        ArgumentNullException.ThrowIfNull(row);
        foreach (var marker in EvaluationOnlyMarkers)
        {
            if (row.File.Contains(marker, StringComparison.OrdinalIgnoreCase) ||
                row.Source.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                return marker.StartsWith("tensor", StringComparison.Ordinal)
                    ? "Tensor Trust data states no licence"
                    : "AlpacaEval data is licensed for non-commercial use only";
            }
        }

        return null;
    }
}
