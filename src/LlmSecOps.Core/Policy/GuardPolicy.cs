using LlmSecOps.Core.Scanning;

namespace LlmSecOps.Core.Policy;

/// <summary>How bodies are kept in stored events.</summary>
public enum BodyRetention
{
    /// <summary>Kept verbatim.</summary>
    Full,

    /// <summary>Only a SHA-256 of the body is kept.</summary>
    Hash,

    /// <summary>Nothing is kept.</summary>
    Drop,
}

/// <summary>
/// The guard policy: per direction, what to do with each category of finding, plus the settings
/// scanners read (thresholds, limits, deny-lists, allowed hosts, tools). Immutable; load it with
/// <see cref="PolicyLoader"/>. A file is laid over <see cref="Default"/>, so a file only needs
/// what it changes.
/// </summary>
public sealed record GuardPolicy
{
    /// <summary>Actions for text going to the model.</summary>
    public required DirectionPolicy Input { get; init; }

    /// <summary>Actions for completions.</summary>
    public required DirectionPolicy Output { get; init; }

    /// <summary>Actions for tool results and retrieved documents; falls back to <see cref="Input"/>.</summary>
    public DirectionPolicy? Retrieved { get; init; }

    /// <summary>Tool allow-lists and argument constraints.</summary>
    public ToolPolicy Tools { get; init; } = new();

    /// <summary>Minimum score per category for a finding to count (default 0.5 for model-scored categories).</summary>
    public IReadOnlyDictionary<string, double> Thresholds { get; init; } = new Dictionary<string, double>();

    /// <summary>Length and token limits.</summary>
    public LimitsPolicy Limits { get; init; } = new();

    /// <summary>Deny-list entries.</summary>
    public DenyListPolicy Deny { get; init; } = new();

    /// <summary>Models requests may name (from the <c>models</c> section); no allow-list by default.</summary>
    public ModelPolicy Models { get; init; } = new();

    /// <summary>Upstream endpoints the application uses (from the <c>endpoints</c> section); no allow-list by default.</summary>
    public EndpointPolicy Endpoints { get; init; } = new();

    /// <summary>Hosts that links and images in completions may point at without counting as exfiltration.</summary>
    public IReadOnlyList<string> AllowedLinkHosts { get; init; } = [];

    /// <summary>PII entity kinds scanned (lower-case names such as <c>email</c>); empty means all.</summary>
    public IReadOnlyList<string> PiiEntities { get; init; } = [];

    /// <summary>Fraction of a system prompt's word 5-grams that must reappear in a completion to count as leakage.</summary>
    public double SystemPromptLeakThreshold { get; init; } = 0.4;

    /// <summary>Whether the trained classifier runs as part of prompt-injection scanning.</summary>
    public bool ClassifierEnabled { get; init; } = true;

    /// <summary>
    /// Whether two scanners that each lean towards an attack without reaching the threshold (the
    /// rules and the classifier) may reach it together: their joint score is reported as
    /// <c>injection.corroborated</c> or <c>jailbreak.corroborated</c>.
    /// </summary>
    public bool CorroborateAttacks { get; init; } = true;

    /// <summary>Token log-probability settings used by the gateway.</summary>
    public LogprobsPolicy Logprobs { get; init; } = new();

    /// <summary>How request and response bodies are kept in events.</summary>
    public BodyRetention Bodies { get; init; } = BodyRetention.Full;

    /// <summary>The action policy for a direction.</summary>
    public DirectionPolicy For(Direction direction) => direction switch
    {
        Direction.Output => Output,
        Direction.RetrievedDocument => Retrieved ?? Input,
        _ => Input,
    };

    /// <summary>The threshold for a category (0.5 when not configured).</summary>
    public double ThresholdFor(string category) =>
        Thresholds.TryGetValue(category, out var t) ? t : 0.5;

    /// <summary>
    /// The policy used when none is given. Its core is the documented default:
    /// <code>
    /// input:  { prompt_injection: block, secrets: redact, pii: redact }
    /// output: { canary: block, system_prompt_leak: block, exfiltration_links: block, secrets: redact }
    /// tools:  { allow: [get_weather] }
    /// </code>
    /// plus jailbreaks blocked with injections, invisible text flagged, length and deny-list limits
    /// blocked, PII in completions flagged and refusals logged as a signal.
    /// </summary>
    public static GuardPolicy Default { get; } = new()
    {
        Input = new DirectionPolicy(new Dictionary<string, PolicyAction>
        {
            [FindingCategories.PromptInjection] = PolicyAction.Block,
            [FindingCategories.Jailbreak] = PolicyAction.Block,
            [FindingCategories.InvisibleText] = PolicyAction.Flag,
            [FindingCategories.Secret] = PolicyAction.Redact,
            [FindingCategories.Pii] = PolicyAction.Redact,
            [FindingCategories.Length] = PolicyAction.Block,
            [FindingCategories.DenyList] = PolicyAction.Block,
            [FindingCategories.ToolViolation] = PolicyAction.Block,
            [FindingCategories.SchemaViolation] = PolicyAction.Block,
        }),
        Output = new DirectionPolicy(new Dictionary<string, PolicyAction>
        {
            [FindingCategories.CanaryLeak] = PolicyAction.Block,
            [FindingCategories.SystemPromptLeak] = PolicyAction.Block,
            [FindingCategories.ExfiltrationLink] = PolicyAction.Block,
            [FindingCategories.Secret] = PolicyAction.Redact,
            [FindingCategories.Pii] = PolicyAction.Flag,
            [FindingCategories.InvisibleText] = PolicyAction.Flag,
            [FindingCategories.DenyList] = PolicyAction.Block,
            [FindingCategories.ToolViolation] = PolicyAction.Block,
            [FindingCategories.Refusal] = PolicyAction.Log,
            [FindingCategories.Entropy] = PolicyAction.Flag,
            [FindingCategories.Length] = PolicyAction.Flag,
        }),
        Tools = new ToolPolicy { Allow = ["get_weather"] },
    };
}

/// <summary>Size limits. Zero or less means no limit.</summary>
public sealed record LimitsPolicy
{
    /// <summary>Maximum characters in one input text.</summary>
    public int MaxInputChars { get; init; } = 100_000;

    /// <summary>Maximum estimated tokens in one input text.</summary>
    public int MaxInputTokens { get; init; } = 32_000;

    /// <summary>Maximum characters in one completion.</summary>
    public int MaxOutputChars { get; init; }

    /// <summary>Maximum estimated tokens in one completion.</summary>
    public int MaxOutputTokens { get; init; }
}

/// <summary>Substrings and regular expressions that are refused.</summary>
public sealed record DenyListPolicy
{
    /// <summary>Case-insensitive substrings, matched on normalised text.</summary>
    public IReadOnlyList<string> Substrings { get; init; } = [];

    /// <summary>.NET regular expressions (run with a timeout).</summary>
    public IReadOnlyList<string> Regexes { get; init; } = [];
}

/// <summary>How the gateway asks for and judges token log-probabilities.</summary>
public sealed record LogprobsPolicy
{
    /// <summary>Whether the gateway asks the upstream for log-probabilities.</summary>
    public bool Request { get; init; }

    /// <summary>Number of alternatives per token to ask for.</summary>
    public int TopK { get; init; } = 5;

    /// <summary>Mean per-token entropy (nats) above which a completion is flagged; 0 disables.</summary>
    public double EntropyThreshold { get; init; }
}
