namespace LlmSecOps.RedTeam.Targets;

/// <summary>How a request to a target ended.</summary>
public enum TargetStatus
{
    /// <summary>The model replied.</summary>
    Ok = 0,

    /// <summary>A guard in front of the model refused the request or the reply (content filter).</summary>
    Blocked = 1,

    /// <summary>No usable reply: transport failure, timeout, HTTP error, unreadable body.</summary>
    Error = 2,
}
