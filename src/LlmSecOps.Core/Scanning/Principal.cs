namespace LlmSecOps.Core.Scanning;

/// <summary>Who is behind a request: a gateway client, a dashboard user or a command-line run.</summary>
public sealed record Principal
{
    /// <summary>User id, or null when anonymous.</summary>
    public string? UserId { get; init; }

    /// <summary>Roles granted to the caller.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Tenant the caller belongs to.</summary>
    public string? Tenant { get; init; }

    /// <summary>Client IP as seen from the socket or a trusted proxy.</summary>
    public string? ClientIp { get; init; }

    /// <summary>Identifier of the API key (never the key itself).</summary>
    public string? ApiKeyId { get; init; }

    /// <summary>The principal of a local command-line run.</summary>
    public static Principal Local { get; } = new() { UserId = Environment.UserName, Roles = ["cli"] };
}
