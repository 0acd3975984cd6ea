using System.Globalization;

namespace LlmSecOps.Guard.Classifier.Training;

/// <summary>Result of one held-out source in leave-one-source-out validation.</summary>
/// <param name="Source">The source file held out (or never trained on).</param>
/// <param name="Rows">Rows scored.</param>
/// <param name="Attacks">Attack rows.</param>
/// <param name="Benign">Benign rows.</param>
/// <param name="Tpr">Share of attacks at or over probability 0.5.</param>
/// <param name="Fpr">Share of benign rows at or over probability 0.5.</param>
/// <param name="MeanProbability">Mean attack probability.</param>
/// <param name="Unseen">True for evaluation-only data scored by the model trained on everything.</param>
internal sealed record LosoRow(string Source, int Rows, int Attacks, int Benign, double? Tpr, double? Fpr, double MeanProbability, bool Unseen)
{
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Rows} rows, TPR {Format(Tpr)}, FPR {Format(Fpr)}, mean p {MeanProbability:0.000}");

    private static string Format(double? x) => x is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "-";
}
