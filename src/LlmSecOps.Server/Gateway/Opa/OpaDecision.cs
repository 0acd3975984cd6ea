namespace LlmSecOps.Server.Gateway.Opa;

/// <summary>What OPA said, or why it could not be asked.</summary>
/// <param name="Allowed">Whether the request may proceed (after applying fail-open/closed on errors).</param>
/// <param name="Reasons">Messages explaining a denial.</param>
/// <param name="Error">Why OPA gave no usable answer, when it did not.</param>
internal sealed record OpaDecision(bool Allowed, IReadOnlyList<string> Reasons, string? Error)
{
    /// <summary>A short form for events: <c>allow</c>, <c>deny</c>, <c>error-open</c>, <c>error-closed</c>.</summary>
    public string Summary => Error is null ? (Allowed ? "allow" : "deny") : (Allowed ? "error-open" : "error-closed");
}
