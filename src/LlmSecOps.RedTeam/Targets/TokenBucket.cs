namespace LlmSecOps.RedTeam.Targets;

/// <summary>
/// A requests-per-minute limit as a token bucket on a <see cref="TimeProvider"/>. Callers reserve
/// a token and wait until it is theirs; the balance may go negative, so waiting callers queue in
/// arrival order and the rate holds under any concurrency.
/// </summary>
internal sealed class TokenBucket
{
    private readonly TimeProvider _time;
    private readonly double _perSecond;
    private readonly double _capacity;
    private readonly Lock _gate = new();
    private double _tokens;
    private long _last;

    /// <summary>Creates a bucket that refills <paramref name="requestsPerMinute"/> tokens a minute and holds at most <paramref name="burst"/>.</summary>
    public TokenBucket(double requestsPerMinute, int burst, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requestsPerMinute);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        _time = time;
        _perSecond = requestsPerMinute / 60.0;
        _capacity = burst;
        _tokens = burst;
        _last = time.GetTimestamp();
    }

    /// <summary>Takes one token; returns how long the caller must wait before using it.</summary>
    public TimeSpan Reserve()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            var elapsed = _time.GetElapsedTime(_last, now).TotalSeconds;
            _last = now;
            _tokens = Math.Min(_capacity, _tokens + (elapsed * _perSecond));
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _perSecond);
        }
    }

    /// <summary>Waits for a token.</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        var wait = Reserve();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }
}
