using LlmSecOps.Lint.Diagnostics;

namespace LlmSecOps.Lint.Config;

/// <summary>
/// The <c>lint</c> section of <c>.llmsecops.yaml</c>. Paths and globs are relative to
/// <see cref="BaseDirectory"/> (the directory holding the file).
/// </summary>
public sealed record LintConfig
{
    /// <summary>Default size above which a file is skipped with a note.</summary>
    public const long DefaultMaxFileBytes = 1L << 20;

    /// <summary>Default length above which a prompt is reported as too long.</summary>
    public const int DefaultMaxPromptChars = 32_000;

    /// <summary>The configuration file, or null when none was found.</summary>
    public string? SourcePath { get; init; }

    /// <summary>Directory globs are relative to.</summary>
    public string BaseDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>When non-empty, only files matching one of these globs are linted.</summary>
    public IReadOnlyList<string> Include { get; init; } = [];

    /// <summary>Files and directories matching these globs are not linted (on top of the built-in excludes).</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>Text or Markdown files matching these globs are read as prompts even when their names do not say so.</summary>
    public IReadOnlyList<string> Prompts { get; init; } = [];

    /// <summary>Prompt schema files (absolute paths).</summary>
    public IReadOnlyList<string> Schemas { get; init; } = [];

    /// <summary>Findings at or above this severity fail the run; null never fails.</summary>
    public LintSeverity? FailLevel { get; init; } = LintSeverity.Error;

    /// <summary>Files larger than this are skipped with a note.</summary>
    public long MaxFileBytes { get; init; } = DefaultMaxFileBytes;

    /// <summary>Prompt templates longer than this are reported (LLM025).</summary>
    public int MaxPromptChars { get; init; } = DefaultMaxPromptChars;

    /// <summary>Whether symbolic links to directories are followed (loops are detected either way).</summary>
    public bool FollowSymlinks { get; init; }

    /// <summary>Per-rule overrides by rule id.</summary>
    public IReadOnlyDictionary<string, RuleSetting> Rules { get; init; } = new Dictionary<string, RuleSetting>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The configuration used when no file is found.</summary>
    public static LintConfig Default { get; } = new();

    /// <summary>Whether a rule runs.</summary>
    public bool IsEnabled(string ruleId) => !Rules.TryGetValue(ruleId, out var s) || s.Enabled;

    /// <summary>The severity a rule reports at.</summary>
    public LintSeverity SeverityOf(LintRule rule) =>
        Rules.TryGetValue(rule.Id, out var s) && s.Severity is { } sev ? sev : rule.DefaultSeverity;
}
