namespace LlmSecOps.Core.Policy;

/// <summary>Which tools a model may be offered and call, and what their arguments may hold.</summary>
public sealed record ToolPolicy
{
    /// <summary>Tool names allowed for everyone. Null means no allow-list (every tool allowed).</summary>
    public IReadOnlyList<string>? Allow { get; init; }

    /// <summary>Tool names refused for everyone, even when allowed elsewhere.</summary>
    public IReadOnlyList<string> Deny { get; init; } = [];

    /// <summary>Extra tools allowed per role.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Roles { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Constraints on arguments: tool name → argument name → constraint.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, ArgumentConstraint>> Arguments { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, ArgumentConstraint>>();

    /// <summary>Whether a tool is allowed for a caller holding the given roles.</summary>
    public bool IsAllowed(string tool, IReadOnlyList<string> roles)
    {
        if (Deny.Contains(tool, StringComparer.Ordinal))
        {
            return false;
        }

        if (Allow is null || Allow.Contains(tool, StringComparer.Ordinal))
        {
            return true;
        }

        foreach (var role in roles)
        {
            if (Roles.TryGetValue(role, out var extra) && extra.Contains(tool, StringComparer.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A constraint on one tool argument. Every non-null part must hold.</summary>
public sealed record ArgumentConstraint
{
    /// <summary>A regular expression the whole string value must match.</summary>
    public string? Pattern { get; init; }

    /// <summary>A JSON Schema (as JSON text) the value must satisfy.</summary>
    public string? Schema { get; init; }

    /// <summary>For URL arguments: hosts allowed (exact, or <c>*.example.com</c>).</summary>
    public IReadOnlyList<string>? AllowedHosts { get; init; }

    /// <summary>For path arguments: the normalised path must start with one of these.</summary>
    public IReadOnlyList<string>? PathPrefixes { get; init; }
}
