using LlmSecOps.Lint.Diagnostics;

namespace LlmSecOps.Lint.Config;

/// <summary>A configuration override for one rule.</summary>
/// <param name="Enabled">Whether the rule runs.</param>
/// <param name="Severity">The severity to report at, or null for the rule's default.</param>
public sealed record RuleSetting(bool Enabled, LintSeverity? Severity);
