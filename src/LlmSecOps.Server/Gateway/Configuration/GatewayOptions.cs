using System.Net;
using LlmSecOps.Core.Policy;

namespace LlmSecOps.Server.Gateway.Configuration;

/// <summary>
/// Everything the gateway needs besides the guard policy. Immutable; built by
/// <see cref="GatewayConfigLoader"/> or in code, and checked by <see cref="Validate"/> at start-up.
/// </summary>
internal sealed record GatewayOptions
{
    /// <summary>Default request body limit (8 MiB).</summary>
    public const long DefaultMaxRequestBytes = 8L << 20;

    /// <summary>Default upstream response limit (32 MiB).</summary>
    public const long DefaultMaxResponseBytes = 32L << 20;

    /// <summary>Upstreams in the order their patterns are tried.</summary>
    public required IReadOnlyList<UpstreamOptions> Upstreams { get; init; }

    /// <summary>Client API keys.</summary>
    public IReadOnlyList<ClientKey> ClientKeys { get; init; } = [];

    /// <summary>Whether requests without an API key are served.</summary>
    public bool AllowAnonymous { get; init; }

    /// <summary>Roles given to anonymous callers.</summary>
    public IReadOnlyList<string> AnonymousRoles { get; init; } = [];

    /// <summary>Peers whose X-Forwarded-For is believed.</summary>
    public IReadOnlyList<IPNetwork> TrustedProxies { get; init; } = [];

    /// <summary>Body retention for events; null means the policy's <c>bodies</c>.</summary>
    public BodyRetention? Bodies { get; init; }

    /// <summary>Streaming window.</summary>
    public StreamingOptions Streaming { get; init; } = new();

    /// <summary>Whether a canary token is planted in every system prompt.</summary>
    public bool CanaryEnabled { get; init; } = true;

    /// <summary>Whether redaction placeholders from the request are restored in the completion.</summary>
    public bool RestorePlaceholders { get; init; } = true;

    /// <summary>OPA settings; null when no OPA is consulted.</summary>
    public OpaOptions? Opa { get; init; }

    /// <summary>Named routes with their own tool policy.</summary>
    public IReadOnlyDictionary<string, RouteOptions> Routes { get; init; } = new Dictionary<string, RouteOptions>(StringComparer.Ordinal);

    /// <summary>Largest request body accepted (413 over it).</summary>
    public long MaxRequestBytes { get; init; } = DefaultMaxRequestBytes;

    /// <summary>Largest upstream response read (502 over it).</summary>
    public long MaxResponseBytes { get; init; } = DefaultMaxResponseBytes;

    /// <summary>Listen URLs from the config file (the command line wins).</summary>
    public string? Urls { get; init; }

    /// <summary>Data directory from the config file (the command line wins).</summary>
    public string? DataDir { get; init; }

    /// <summary>Policy file from the config file, resolved against the config's directory (the command line wins).</summary>
    public string? PolicyPath { get; init; }

    /// <summary>Options with one catch-all upstream, anonymous access and defaults for the rest.</summary>
    public static GatewayOptions ForUpstream(Uri baseUrl, string? apiKey = null) => new()
    {
        Upstreams = [new UpstreamOptions { Name = "default", BaseUrl = NormalizeBase(baseUrl), ApiKey = apiKey }],
        AllowAnonymous = true,
    };

    /// <summary>A base URL with a trailing slash, so relative paths append rather than replace.</summary>
    public static Uri NormalizeBase(Uri baseUrl) =>
        baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");

    /// <summary>Every problem with the options, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Upstreams.Count == 0)
        {
            errors.Add("no upstream configured: give --upstream URL or an 'upstreams' list");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var u in Upstreams)
        {
            if (!names.Add(u.Name))
            {
                errors.Add($"upstream '{u.Name}' is defined twice");
            }

            if (!u.BaseUrl.IsAbsoluteUri || (u.BaseUrl.Scheme != Uri.UriSchemeHttp && u.BaseUrl.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"upstream '{u.Name}': base_url must be an absolute http or https URL");
            }

            if (u.ConnectTimeout <= TimeSpan.Zero || u.FirstByteTimeout <= TimeSpan.Zero || u.TotalTimeout <= TimeSpan.Zero)
            {
                errors.Add($"upstream '{u.Name}': timeouts must be positive");
            }

            if (u.Retries is < 0 or > 10)
            {
                errors.Add($"upstream '{u.Name}': retries must be between 0 and 10");
            }
        }

        if (!AllowAnonymous && ClientKeys.Count == 0)
        {
            errors.Add("no client keys and allow_anonymous is false: nobody could call the gateway");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var k in ClientKeys)
        {
            if (!ids.Add(k.Id))
            {
                errors.Add($"client key id '{k.Id}' is used twice");
            }

            if (k.Sha256.Length != 32)
            {
                errors.Add($"client key '{k.Id}': sha256 must be 32 bytes (64 hex digits)");
            }
        }

        if (Streaming.WindowChars is < 16 or > 65536)
        {
            errors.Add("streaming.window_chars must be between 16 and 65536");
        }

        if (Streaming.ScanStepChars < 1 || Streaming.ScanStepChars > Streaming.WindowChars)
        {
            errors.Add("streaming.scan_step_chars must be between 1 and window_chars");
        }

        if (MaxRequestBytes < 1024 || MaxResponseBytes < 1024)
        {
            errors.Add("limits.max_request_bytes and limits.max_response_bytes must be at least 1 KiB");
        }

        if (Opa is { } opa && (opa.Timeout <= TimeSpan.Zero || !opa.Url.IsAbsoluteUri))
        {
            errors.Add("opa: url must be absolute and timeout positive");
        }

        return errors;
    }
}
