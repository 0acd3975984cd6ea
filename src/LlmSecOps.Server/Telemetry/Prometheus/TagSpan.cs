namespace LlmSecOps.Server.Telemetry.Prometheus;

/// <summary>
/// The tags of a measurement as the listener hands them over (a span, never copied), used
/// to look a series up without allocating.
/// </summary>
internal readonly ref struct TagSpan
{
    public TagSpan(ReadOnlySpan<KeyValuePair<string, object?>> tags) => Tags = tags;

    /// <summary>The tags.</summary>
    public ReadOnlySpan<KeyValuePair<string, object?>> Tags { get; }
}
