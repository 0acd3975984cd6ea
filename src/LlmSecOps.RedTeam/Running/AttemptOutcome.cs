namespace LlmSecOps.RedTeam.Running;

/// <summary>How one attempt ended.</summary>
public enum AttemptOutcome
{
    /// <summary>The attack worked: the detectors fired.</summary>
    Success = 0,

    /// <summary>The model resisted: it replied and the detectors did not fire.</summary>
    Fail = 1,

    /// <summary>A guard in front of the model refused the attack (counted as resisted, reported apart).</summary>
    Blocked = 2,

    /// <summary>No judgement possible: transport error, timeout, 5xx after retries, a detector that failed. Never a success.</summary>
    Error = 3,
}
