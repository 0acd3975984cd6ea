using LlmSecOps.Lint.Diagnostics;

namespace LlmSecOps.Lint.Engine;

/// <summary>One lint result with its location. Lines and columns are 1-based; columns count UTF-16 code units.</summary>
public sealed record LintFinding
{
    /// <summary>Rule id, e.g. <c>LLM002</c>.</summary>
    public required string RuleId { get; init; }

    /// <summary>Rule name, e.g. <c>untrusted-input-undelimited</c>.</summary>
    public required string RuleName { get; init; }

    /// <summary>Effective severity (after configuration overrides).</summary>
    public required LintSeverity Severity { get; init; }

    /// <summary>What is wrong here.</summary>
    public required string Message { get; init; }

    /// <summary>File path relative to the project root, with forward slashes.</summary>
    public required string Path { get; init; }

    /// <summary>Start line.</summary>
    public required int Line { get; init; }

    /// <summary>Start column.</summary>
    public required int Column { get; init; }

    /// <summary>End line.</summary>
    public required int EndLine { get; init; }

    /// <summary>End column (exclusive).</summary>
    public required int EndColumn { get; init; }

    /// <summary>The source line the finding starts on.</summary>
    public string Snippet { get; init; } = string.Empty;

    /// <summary>A hash that identifies the finding across runs, stable when lines move.</summary>
    public string Fingerprint { get; init; } = string.Empty;

    /// <summary>Set when the finding is suppressed inline or by the baseline.</summary>
    public LintSuppression? Suppression { get; init; }

    /// <summary>Extra facts (variable, tool, bypass, counts).</summary>
    public IReadOnlyDictionary<string, string>? Properties { get; init; }

    internal string? Key { get; init; }
}
