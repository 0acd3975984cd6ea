using LlmSecOps.Guard;
using LlmSecOps.Lint.Config;
using LlmSecOps.Lint.Replay;

namespace LlmSecOps.Lint.Engine;

/// <summary>How a lint run is set up. Immutable; validated by <see cref="LintEngine"/>'s constructor.</summary>
public sealed record LintOptions
{
    /// <summary>The project root: relative paths in findings, globs and fingerprints are relative to it.</summary>
    public required string Root { get; init; }

    /// <summary>Configuration (from <c>.llmsecops.yaml</c> or defaults).</summary>
    public LintConfig Config { get; init; } = LintConfig.Default;

    /// <summary>Prompt schema files in addition to the configuration's <c>schemas</c>.</summary>
    public IReadOnlyList<string> SchemaPaths { get; init; } = [];

    /// <summary>The guard engine whose scanners find secrets and personal data; null builds one with the built-in scanners.</summary>
    public GuardEngine? Guard { get; init; }

    /// <summary>Bypass strings to replay through templates (LLM010); null skips the replay.</summary>
    public BypassCorpus? BypassCorpus { get; init; }

    /// <summary>The guard engine bypasses are replayed against (the gateway's policy); null uses the default policy.</summary>
    public GuardEngine? ReplayGuard { get; init; }

    /// <summary>Accepted findings; matching ones are marked suppressed.</summary>
    public Baseline? Baseline { get; init; }

    /// <summary>Files processed at once; defaults to the processor count.</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Clock for timing the run.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
