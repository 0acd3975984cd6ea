namespace LlmSecOps.Lint.Diagnostics;

/// <summary>How serious a lint finding is. Ordered so that a fail level compares with <c>&gt;=</c>.</summary>
public enum LintSeverity
{
    /// <summary>Worth knowing; never a defect on its own.</summary>
    Note = 0,

    /// <summary>Likely a weakness; review it.</summary>
    Warning = 1,

    /// <summary>A defect that should block the change.</summary>
    Error = 2,
}
