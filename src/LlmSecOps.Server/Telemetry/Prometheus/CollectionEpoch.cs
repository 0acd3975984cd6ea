namespace LlmSecOps.Server.Telemetry.Prometheus;

/// <summary>Counts collections, so observable series can tell whether they were reported in the current one.</summary>
internal sealed class CollectionEpoch
{
    private long _current;

    /// <summary>The number of the collection in progress (or the last one).</summary>
    public long Current => Volatile.Read(ref _current);

    /// <summary>Starts a new collection.</summary>
    public void Advance() => Interlocked.Increment(ref _current);
}
