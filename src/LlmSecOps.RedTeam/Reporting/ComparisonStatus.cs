namespace LlmSecOps.RedTeam.Reporting;

/// <summary>How a key changed from run A to run B.</summary>
public enum ComparisonStatus
{
    /// <summary>Within tolerance.</summary>
    Same,

    /// <summary>ASR rose: a regression.</summary>
    Regressed,

    /// <summary>ASR fell.</summary>
    Improved,

    /// <summary>Only in B.</summary>
    New,

    /// <summary>Only in A.</summary>
    Missing,

    /// <summary>Nothing judged on one side (all errors).</summary>
    Unjudged,
}
