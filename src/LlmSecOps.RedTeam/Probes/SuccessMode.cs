namespace LlmSecOps.RedTeam.Probes;

/// <summary>How detector results combine into the attempt's verdict.</summary>
public enum SuccessMode
{
    /// <summary>The attack succeeded when any detector fires (score = the highest).</summary>
    Any = 0,

    /// <summary>The attack succeeded only when every detector fires (score = the lowest).</summary>
    All = 1,
}
