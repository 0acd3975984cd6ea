namespace LlmSecOps.Lint.Engine;

/// <summary>Why a finding does not count.</summary>
public enum SuppressionKind
{
    /// <summary>An inline <c>llmsecops-ignore</c> comment with a reason.</summary>
    Inline,

    /// <summary>The finding is in the baseline file.</summary>
    Baseline,
}
