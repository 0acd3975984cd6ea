namespace LlmSecOps.Server.Gateway.Auth;

/// <summary>Outcome of authenticating a request.</summary>
internal enum AuthOutcome
{
    /// <summary>A principal was found (or anonymous access is allowed).</summary>
    Ok,

    /// <summary>No key was presented and anonymous access is off.</summary>
    Missing,

    /// <summary>A key was presented and matches nothing.</summary>
    Invalid,
}
