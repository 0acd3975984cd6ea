using LlmSecOps.Core.Policy;

namespace LlmSecOps.Server.Gateway.Configuration;

/// <summary>
/// A named route: applications call <c>/routes/&lt;name&gt;/v1/…</c> and get the route's tool
/// policy instead of the policy file's.
/// </summary>
internal sealed record RouteOptions
{
    /// <summary>Route name (letters, digits, <c>-</c>, <c>_</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Tool policy for this route; null means the policy file's.</summary>
    public ToolPolicy? Tools { get; init; }
}
