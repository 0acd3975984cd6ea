using LlmSecOps.Lint.Config;
using LlmSecOps.Lint.Diagnostics;

namespace LlmSecOps.Lint.Engine;

/// <summary>The outcome of a lint run.</summary>
public sealed record LintResult
{
    /// <summary>Every finding, suppressed ones included, ordered by path, line, column and rule.</summary>
    public required IReadOnlyList<LintFinding> Findings { get; init; }

    /// <summary>Files and directories not checked, and why.</summary>
    public required IReadOnlyList<LintNotice> Notices { get; init; }

    /// <summary>Files read and checked.</summary>
    public required int FilesScanned { get; init; }

    /// <summary>Wall-clock time of the run.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>The configuration used.</summary>
    public required LintConfig Config { get; init; }

    /// <summary>Findings that count: not suppressed inline or by the baseline.</summary>
    public IEnumerable<LintFinding> Active => Findings.Where(static f => f.Suppression is null);

    /// <summary>Whether any active finding is at or above <paramref name="failLevel"/> (null never fails).</summary>
    public bool Fails(LintSeverity? failLevel) => failLevel is { } level && Active.Any(f => f.Severity >= level);
}
