namespace LlmSecOps.Lint.Engine;

/// <summary>How and why a finding is suppressed.</summary>
public sealed record LintSuppression(SuppressionKind Kind, string Justification);
