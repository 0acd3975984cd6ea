namespace LlmSecOps.Core.Events;

/// <summary>
/// Where events go. <see cref="Write"/> never blocks the caller on I/O and never drops an event
/// silently: an implementation queues, retries, and spools to disk what the database refuses.
/// </summary>
public interface IEventSink
{
    /// <summary>Queues an event for writing.</summary>
    void Write(LlmEvent evt);

    /// <summary>Waits until every event queued so far is durable (written or spooled).</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);
}
