namespace LlmSecOps.Lint.Diagnostics;

/// <summary>The description of one lint rule: what it finds, why it matters and how to fix it.</summary>
public sealed record LintRule
{
    /// <summary>Stable identifier, e.g. <c>LLM001</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Short kebab-case name, e.g. <c>untrusted-input-in-system-prompt</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Severity used unless the configuration overrides it.</summary>
    public required LintSeverity DefaultSeverity { get; init; }

    /// <summary>One sentence: what the rule reports.</summary>
    public required string Summary { get; init; }

    /// <summary>Why the pattern is a risk.</summary>
    public required string Why { get; init; }

    /// <summary>How to fix it.</summary>
    public required string Fix { get; init; }

    /// <summary>OWASP Top 10 for LLM Applications 2025 ids, e.g. <c>LLM01:2025</c>; empty for tool diagnostics.</summary>
    public IReadOnlyList<string> Owasp { get; init; } = [];

    /// <summary>Score from 0 to 10 used by code-scanning services to rank results.</summary>
    public double SecuritySeverity { get; init; }

    /// <summary>Whether the rule reports on the tool's own input (parse errors, suppressions) rather than a security weakness.</summary>
    public bool IsDiagnostic { get; init; }
}
