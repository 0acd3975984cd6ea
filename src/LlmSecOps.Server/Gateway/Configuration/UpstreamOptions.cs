namespace LlmSecOps.Server.Gateway.Configuration;

/// <summary>One OpenAI-compatible API the gateway forwards to.</summary>
internal sealed record UpstreamOptions
{
    /// <summary>Name used in events, metrics and logs.</summary>
    public required string Name { get; init; }

    /// <summary>Base URL including the version segment, e.g. <c>https://api.openai.com/v1/</c> (always ends in a slash).</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>Models routed here: exact names, or patterns with <c>*</c> and <c>?</c>. Empty means every model (a fallback).</summary>
    public IReadOnlyList<ModelPattern> Models { get; init; } = [];

    /// <summary>Environment variable the API key was read from, for messages.</summary>
    public string? ApiKeyEnvironmentVariable { get; init; }

    /// <summary>The upstream API key (never logged; see <see cref="ToString"/>).</summary>
    public string? ApiKey { get; init; }

    /// <summary>Time allowed to open a TCP/TLS connection.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Time allowed until the response headers arrive, and between two streamed events.</summary>
    public TimeSpan FirstByteTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Time allowed for the whole exchange with the upstream.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Retries of connect failures and 502/503 answers (never after a byte reached the client).</summary>
    public int Retries { get; init; } = 2;

    /// <summary>First delay between retries (doubled each time, with jitter).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Whether a model name is routed to this upstream by one of its patterns (not counting the empty fallback).</summary>
    public bool Matches(string model)
    {
        foreach (var p in Models)
        {
            if (p.IsMatch(model))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A description without the API key.</summary>
    public override string ToString() => $"{Name} ({BaseUrl})";
}
