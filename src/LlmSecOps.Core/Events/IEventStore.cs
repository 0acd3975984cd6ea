namespace LlmSecOps.Core.Events;

/// <summary>An event sink that can also be queried.</summary>
public interface IEventStore : IEventSink, IAsyncDisposable
{
    /// <summary>Events matching the query, newest first.</summary>
    Task<IReadOnlyList<LlmEvent>> QueryAsync(EventQuery query, CancellationToken cancellationToken = default);

    /// <summary>Number of events matching the query (ignoring its limit).</summary>
    Task<long> CountAsync(EventQuery query, CancellationToken cancellationToken = default);
}
