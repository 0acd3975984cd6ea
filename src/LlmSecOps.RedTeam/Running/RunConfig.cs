namespace LlmSecOps.RedTeam.Running;

/// <summary>
/// Everything that defines a run, stored with it as JSON so <c>--resume</c> rebuilds the same plan.
/// Secrets are never stored: only the names of the environment variables that hold them.
/// </summary>
internal sealed record RunConfig
{
    /// <summary><c>probe</c> or <c>replay</c>.</summary>
    public string Kind { get; init; } = "probe";

    /// <summary>OpenAI-compatible base URL.</summary>
    public string? TargetUrl { get; init; }

    /// <summary>Model name for OpenAI-compatible targets.</summary>
    public string? Model { get; init; }

    /// <summary>Environment variable holding the target's API key.</summary>
    public string? ApiKeyEnv { get; init; }

    /// <summary>HTTP target template file (absolute path).</summary>
    public string? TargetConfig { get; init; }

    /// <summary>User probe files and directories (absolute paths).</summary>
    public IReadOnlyList<string> ProbePaths { get; init; } = [];

    /// <summary>Probe id patterns to select.</summary>
    public IReadOnlyList<string> ProbePatterns { get; init; } = [];

    /// <summary>Families to select.</summary>
    public IReadOnlyList<string> Families { get; init; } = [];

    /// <summary>Whether built-in probes are loaded.</summary>
    public bool BuiltIn { get; init; } = true;

    /// <summary>Mutator chains, as given to <c>--mutators</c>.</summary>
    public string Mutators { get; init; } = "none";

    /// <summary>Behaviour list file (absolute path); the shipped placeholders when null.</summary>
    public string? Behaviors { get; init; }

    /// <summary>The user's system prompt (text), when given.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>Whether a system message is sent.</summary>
    public bool SendSystemPrompt { get; init; } = true;

    /// <summary>Canary tokens the user planted in the target's own system prompt.</summary>
    public IReadOnlyList<string> Canaries { get; init; } = [];

    /// <summary>Seed.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Deterministic sample size.</summary>
    public int? Sample { get; init; }

    /// <summary>Cap on attempts.</summary>
    public int? MaxAttempts { get; init; }

    /// <summary>Attempts in flight.</summary>
    public int Concurrency { get; init; } = 8;

    /// <summary>Requests per minute (0 = unlimited).</summary>
    public double Rpm { get; init; }

    /// <summary>Per-request timeout in seconds.</summary>
    public double TimeoutSeconds { get; init; } = 60;

    /// <summary>Retries per request.</summary>
    public int Retries { get; init; } = 4;

    /// <summary>Sampling temperature sent to OpenAI-compatible targets.</summary>
    public double? Temperature { get; init; }

    /// <summary>Largest completion requested.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>LLM judge base URL.</summary>
    public string? JudgeUrl { get; init; }

    /// <summary>LLM judge model.</summary>
    public string? JudgeModel { get; init; }

    /// <summary>Environment variable holding the judge's API key.</summary>
    public string? JudgeApiKeyEnv { get; init; }

    /// <summary>Corpus file (replay).</summary>
    public string? Corpus { get; init; }

    /// <summary>Detectors for replayed entries.</summary>
    public IReadOnlyList<string> Detectors { get; init; } = [];
}
