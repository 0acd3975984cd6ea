using System.Collections.Concurrent;
using LlmSecOps.Core.Events;

namespace LlmSecOps.Server.Tests.Infrastructure;

/// <summary>An in-test event sink that keeps events and lets a test wait for them.</summary>
internal sealed class CollectingEventSink : IEventSink
{
    private readonly ConcurrentQueue<LlmEvent> _events = new();
    private readonly SemaphoreSlim _signal = new(0);

    public IReadOnlyList<LlmEvent> Events => [.. _events];

    public void Write(LlmEvent evt)
    {
        _events.Enqueue(evt);
        _signal.Release();
    }

    public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <summary>Waits until at least <paramref name="count"/> events arrived (fails after the timeout).</summary>
    public async Task<IReadOnlyList<LlmEvent>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (_events.Count < count)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _signal.WaitAsync(left))
            {
                throw new TimeoutException($"expected {count} events, got {_events.Count}");
            }
        }

        return Events;
    }

    /// <summary>The single event of a test that made one request.</summary>
    public async Task<LlmEvent> SingleAsync() => (await WaitForAsync(1)).Single();
}
