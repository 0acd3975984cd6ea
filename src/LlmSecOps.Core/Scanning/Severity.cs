namespace LlmSecOps.Core.Scanning;

/// <summary>How bad a finding is, independent of what the policy does with it.</summary>
public enum Severity
{
    /// <summary>A signal, not a problem in itself.</summary>
    Info = 0,

    /// <summary>Low.</summary>
    Low = 1,

    /// <summary>Medium.</summary>
    Medium = 2,

    /// <summary>High.</summary>
    High = 3,

    /// <summary>Critical.</summary>
    Critical = 4,
}
