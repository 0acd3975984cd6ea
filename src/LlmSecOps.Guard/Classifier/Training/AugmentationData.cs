using LlmSecOps.Guard.Evaluation;

namespace LlmSecOps.Guard.Classifier.Training;

/// <summary>
/// The training rows written for this project (<c>Classifier/Training/augment.jsonl</c>, embedded
/// in the assembly): instruction overrides in many languages, injections phrased as ordinary
/// requests, persuasion and template jailbreaks, and hard benign prompts full of trigger words,
/// with benign rows in the same languages so that a language is never a signal by itself.
/// </summary>
internal static class AugmentationData
{
    public const string ResourceName = "LlmSecOps.Guard.Classifier.Training.augment.jsonl";

    /// <summary>The rows; empty when the assembly carries none.</summary>
    public static IReadOnlyList<LabeledPrompt> Load()
    {
        using var stream = typeof(AugmentationData).Assembly.GetManifestResourceStream(ResourceName);
        if (stream is null)
        {
            return [];
        }

        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var rows = new List<LabeledPrompt>();
        LabeledPromptReader.Parse(buffer.ToArray(), "augment.jsonl", "augment.jsonl", rows);
        return rows;
    }
}
