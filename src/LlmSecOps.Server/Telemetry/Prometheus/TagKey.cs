namespace LlmSecOps.Server.Telemetry.Prometheus;

/// <summary>
/// A copy of the tags one measurement arrived with, in the order they arrived, used as the
/// key of the lock-free series lookup. Different orders of the same tags are different keys
/// that lead to the same series.
/// </summary>
internal sealed class TagKey
{
    public TagKey(ReadOnlySpan<KeyValuePair<string, object?>> tags, int hashCode)
    {
        Tags = tags.ToArray();
        HashCode = hashCode;
    }

    /// <summary>The tags as recorded.</summary>
    public KeyValuePair<string, object?>[] Tags { get; }

    /// <summary>The hash computed by <see cref="TagKeyComparer"/>.</summary>
    public int HashCode { get; }
}
