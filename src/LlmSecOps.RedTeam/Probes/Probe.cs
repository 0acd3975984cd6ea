using LlmSecOps.Core.Scanning;
using LlmSecOps.RedTeam.Conversations;
using LlmSecOps.RedTeam.Detectors;

namespace LlmSecOps.RedTeam.Probes;

/// <summary>
/// One attack: what it tries (intent), how (prompts or scripted conversations), how success is
/// judged (detectors) and where it sits in the OWASP Top 10 for LLM Applications 2025 and MITRE
/// ATLAS. Probes are data: read from YAML, built in or supplied by the user.
/// </summary>
public sealed record Probe
{
    /// <summary>Unique id, e.g. <c>injection.ignore-previous</c>; the SARIF rule id.</summary>
    public required string Id { get; init; }

    /// <summary>Family the probe belongs to (injection, jailbreak, …); thresholds can be set per family.</summary>
    public required string Family { get; init; }

    /// <summary>Short human title.</summary>
    public required string Title { get; init; }

    /// <summary>What the attacker wants the model to do.</summary>
    public required string Intent { get; init; }

    /// <summary>The bad behaviour that counts as a successful attack.</summary>
    public string? Expected { get; init; }

    /// <summary>Longer explanation, remediation hints.</summary>
    public string? Description { get; init; }

    /// <summary>How bad a success is.</summary>
    public Severity Severity { get; init; } = Severity.High;

    /// <summary>OWASP Top 10 for LLM Applications 2025 ids, e.g. <c>LLM01:2025</c>.</summary>
    public IReadOnlyList<string> Owasp { get; init; } = [];

    /// <summary>MITRE ATLAS technique ids, e.g. <c>AML.T0051.000</c>.</summary>
    public IReadOnlyList<string> Atlas { get; init; } = [];

    /// <summary>Free-form tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The attacks: each a list of messages (one user message for a single-turn prompt).</summary>
    public required IReadOnlyList<ProbePrompt> Prompts { get; init; }

    /// <summary>Detectors that judge the replies.</summary>
    public required IReadOnlyList<DetectorBinding> Detectors { get; init; }

    /// <summary>Whether any detector (or all of them) must fire for success.</summary>
    public SuccessMode Success { get; init; } = SuccessMode.Any;

    /// <summary>Score at or above which a detector counts as firing.</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>Tools offered to the model during the attack.</summary>
    public IReadOnlyList<ToolDefinition> Tools { get; init; } = [];

    /// <summary>A scenario system prompt used instead of the run's default (placeholders <c>{{canary}}</c>, <c>{{secret}}</c>).</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>Whether prompts are templates over the behaviour list (<c>{{behavior}}</c>).</summary>
    public bool UsesBehaviors { get; init; }

    /// <summary>How many adversarial suffixes to generate per prompt (<c>{{suffix}}</c>); 0 for none.</summary>
    public int SuffixCount { get; init; }

    /// <summary>Tokens per generated suffix.</summary>
    public int SuffixLength { get; init; } = 20;

    /// <summary>File the probe was read from (or <c>builtin:…</c>).</summary>
    public string Source { get; init; } = "builtin";

    /// <summary>Line of the probe in its file.</summary>
    public int Line { get; init; }

    /// <summary>Column of the probe in its file.</summary>
    public int Column { get; init; }

    /// <summary>Whether the probe ships with the product.</summary>
    public bool BuiltIn => Source.StartsWith("builtin:", StringComparison.Ordinal);
}
