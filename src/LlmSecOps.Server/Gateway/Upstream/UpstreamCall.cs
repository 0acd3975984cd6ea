namespace LlmSecOps.Server.Gateway.Upstream;

/// <summary>
/// The outcome of sending one request upstream. Owns the response and the token source that
/// bounds the rest of the exchange (reading the body, streaming); dispose it when done.
/// </summary>
internal sealed class UpstreamCall : IDisposable
{
    private readonly CancellationTokenSource _total;
    private readonly CancellationTokenSource _idle;
    private readonly CancellationTokenSource _linked;
    private readonly TimeSpan _idleTimeout;

    public UpstreamCall(CancellationTokenSource total, CancellationToken requestAborted, TimeSpan idleTimeout)
    {
        _total = total;
        _idle = new CancellationTokenSource();
        _idleTimeout = idleTimeout;
        _linked = CancellationTokenSource.CreateLinkedTokenSource(total.Token, _idle.Token, requestAborted);
        RequestAborted = requestAborted;
    }

    /// <summary>The response, when one arrived.</summary>
    public HttpResponseMessage? Response { get; set; }

    /// <summary>Why there is no response.</summary>
    public UpstreamFailure Failure { get; set; }

    /// <summary>A short description of the failure (no secrets).</summary>
    public string? Detail { get; set; }

    /// <summary>Number of attempts made.</summary>
    public int Attempts { get; set; }

    /// <summary>Token for reading the rest of the response: fires on the total timeout, the idle timeout or a client abort.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>The client's abort token.</summary>
    public CancellationToken RequestAborted { get; }

    /// <summary>Whether the total timeout has fired.</summary>
    public bool TotalTimedOut => _total.IsCancellationRequested;

    /// <summary>Whether the idle timeout has fired.</summary>
    public bool IdleTimedOut => _idle.IsCancellationRequested;

    /// <summary>Restarts the idle timer (call after each piece of the body arrives).</summary>
    public void Touch()
    {
        if (!_idle.IsCancellationRequested)
        {
            _idle.CancelAfter(_idleTimeout);
        }
    }

    /// <summary>Classifies a cancellation seen while reading the body.</summary>
    public UpstreamFailure ClassifyCancellation() =>
        RequestAborted.IsCancellationRequested ? UpstreamFailure.ClientAborted : UpstreamFailure.Timeout;

    /// <inheritdoc />
    public void Dispose()
    {
        Response?.Dispose();
        _linked.Dispose();
        _idle.Dispose();
        _total.Dispose();
    }
}
