namespace LlmSecOps.RedTeam.Targets;

/// <summary>How failed requests are retried.</summary>
public sealed record RetryOptions
{
    /// <summary>Retries after the first try (0 disables retrying).</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>First back-off delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest back-off between tries.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest Retry-After honoured; a server asking for more is waited on for this long.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(120);
}
