namespace LlmSecOps.Guard.Classifier;

/// <summary>
/// Told about every distinct feature as it is extracted. Inference passes a no-op struct, which
/// the JIT removes; explanations pass one that records the text behind each feature.
/// </summary>
internal interface IFeatureObserver
{
    /// <summary>A new feature: its weight index, family, and where its text sits in the cleaned buffer (start −1 for structural features).</summary>
    void Observe(int index, FeatureKind kind, int start, int length);
}
