using LlmSecOps.Core.Events;

namespace LlmSecOps.Benchmarks.Gateway;

/// <summary>Discards events, to measure the gateway without the store.</summary>
internal sealed class NullEventSink : IEventSink
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Write(LlmEvent evt) => Interlocked.Increment(ref _count);

    public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
