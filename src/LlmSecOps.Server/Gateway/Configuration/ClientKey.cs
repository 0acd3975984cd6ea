namespace LlmSecOps.Server.Gateway.Configuration;

/// <summary>A client API key, stored as the SHA-256 of the key, and the principal it stands for.</summary>
internal sealed record ClientKey
{
    /// <summary>Identifier recorded in events (never the key).</summary>
    public required string Id { get; init; }

    /// <summary>SHA-256 of the key's UTF-8 bytes (32 bytes).</summary>
    public required byte[] Sha256 { get; init; }

    /// <summary>User the key belongs to.</summary>
    public string? User { get; init; }

    /// <summary>Roles granted.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Tenant.</summary>
    public string? Tenant { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"key {Id} (user {User}, tenant {Tenant})";
}
