namespace LlmSecOps.Guard.Classifier;

/// <summary>The observer used on the hot path: does nothing.</summary>
internal struct NoFeatureObserver : IFeatureObserver
{
    public readonly void Observe(int index, FeatureKind kind, int start, int length)
    {
    }
}
