namespace LlmSecOps.RedTeam.Targets;

/// <summary>Headers the targets add so a target's own logs (or the gateway's events) can be joined to attempts.</summary>
internal static class TargetHeaders
{
    /// <summary>Carries the attempt id.</summary>
    public const string Attempt = "X-LlmSecOps-Attempt";
}
