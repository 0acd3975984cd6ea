using System.Threading.Channels;
using LlmSecOps.Core.Events;

namespace LlmSecOps.Server.Demo;

/// <summary>Passes events on to the real sink and lets the demo see each one as it is written.</summary>
internal sealed class DemoEventTap(IEventSink inner) : IEventSink
{
    private readonly Channel<LlmEvent> _seen = Channel.CreateUnbounded<LlmEvent>(new UnboundedChannelOptions { SingleReader = true });

    /// <inheritdoc />
    public void Write(LlmEvent evt)
    {
        inner.Write(evt);
        _seen.Writer.TryWrite(evt);
    }

    /// <inheritdoc />
    public Task FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

    /// <summary>The next event written, or null when none comes within the timeout.</summary>
    public async Task<LlmEvent?> NextAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            return await _seen.Reader.ReadAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
