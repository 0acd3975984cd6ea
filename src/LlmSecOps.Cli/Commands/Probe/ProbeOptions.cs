using System.CommandLine;
using System.Globalization;
using LlmSecOps.RedTeam.Running;

namespace LlmSecOps.Cli.Commands.Probe;

/// <summary>The options <c>probe run</c> and <c>probe replay</c> share, and how they become a <see cref="RunConfig"/>.</summary>
internal sealed class ProbeOptions
{
    public Option<string?> Target { get; } = new("--target") { Description = "OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1 (the gateway counts: content_filter refusals are 'blocked')." };

    public Option<string?> Model { get; } = new("--model") { Description = "Model name sent to an OpenAI-compatible target." };

    public Option<string?> ApiKeyEnv { get; } = new("--api-key-env") { Description = "Environment variable holding the target's API key (sent as a bearer token)." };

    public Option<string?> TargetConfig { get; } = new("--target-config") { Description = "YAML template of a generic HTTP target (URL, headers, JSON body with {{prompt}}, reply path, session id)." };

    public Option<string?> SystemPrompt { get; } = new("--system-prompt") { Description = "System prompt to send (replaces the built-in one with its planted canary); {{canary}}, {{secret}}, {{email}}, {{phone}} are filled in." };

    public Option<string?> SystemPromptFile { get; } = new("--system-prompt-file") { Description = "Read the system prompt from a file." };

    public Option<bool> NoSystemPrompt { get; } = new("--no-system-prompt") { Description = "Send no system message (the application has its own); --system-prompt then only tells the detectors what it is." };

    public Option<string[]> Canary { get; } = new("--canary") { Description = "Canary token planted in the target's own system prompt (repeatable).", Arity = ArgumentArity.ZeroOrMore };

    public Option<int> Seed { get; } = new("--seed") { Description = "Seed for sampling, mutators, markers and planted values.", DefaultValueFactory = _ => 1 };

    public Option<int?> Sample { get; } = new("--sample") { Description = "Run a deterministic sample of N attempts (by seed)." };

    public Option<int?> MaxAttempts { get; } = new("--max-attempts") { Description = "Stop after planning this many attempts." };

    public Option<int> Concurrency { get; } = new("--concurrency", "-j") { Description = "Attempts in flight at once.", DefaultValueFactory = _ => 8 };

    public Option<double> Rpm { get; } = new("--rpm") { Description = "Requests-per-minute limit (0 = none).", DefaultValueFactory = _ => 0 };

    public Option<double> Timeout { get; } = new("--timeout") { Description = "Seconds allowed per request before it is a timeout error.", DefaultValueFactory = _ => 60 };

    public Option<int> Retries { get; } = new("--retries") { Description = "Retries on 429/5xx/connection errors (exponential back-off, Retry-After honoured).", DefaultValueFactory = _ => 4 };

    public Option<double?> Temperature { get; } = new("--temperature") { Description = "Sampling temperature for OpenAI-compatible targets." };

    public Option<int?> MaxTokens { get; } = new("--max-tokens") { Description = "Largest completion to ask for." };

    public Option<string?> Judge { get; } = new("--judge") { Description = "OpenAI-compatible base URL of an LLM judge (optional; without it everything runs offline)." };

    public Option<string?> JudgeModel { get; } = new("--judge-model") { Description = "Model of the LLM judge." };

    public Option<string?> JudgeApiKeyEnv { get; } = new("--judge-api-key-env") { Description = "Environment variable holding the judge's API key." };

    public Option<string?> Resume { get; } = new("--resume") { Description = "Continue an interrupted run (its stored settings are reused; only --concurrency/--rpm/--timeout/--retries may change)." };

    public Option<string?> DataDir { get; } = CommonOptions.DataDir();

    public Option<string?> Format { get; } = new("--format") { Description = "Report format(s), comma-separated: json, jsonl, junit, sarif, html." };

    public Option<string[]> Output { get; } = new("--output", "-o") { Description = "Report file; with several formats a base name or directory (or one --output per format).", Arity = ArgumentArity.ZeroOrMore };

    public Option<string?> FailOn { get; } = new("--fail-on") { Description = "Exit 1 when a probe's attack success rate is above a threshold: 0.1, or per family/probe: injection=0,jailbreak=0.2." };

    public Option<double> MaxErrorRate { get; } = new("--max-error-rate") { Description = "With --fail-on: exit 1 when more than this share of attempts errored (a dead target must not pass).", DefaultValueFactory = _ => 0.5 };

    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "No progress output." };

    public void AddTo(Command command)
    {
        foreach (var o in (Option[])[Target, Model, ApiKeyEnv, TargetConfig, SystemPrompt, SystemPromptFile, NoSystemPrompt, Canary, Seed, Sample, MaxAttempts,
                     Concurrency, Rpm, Timeout, Retries, Temperature, MaxTokens, Judge, JudgeModel, JudgeApiKeyEnv, Resume, DataDir, Format, Output, FailOn, MaxErrorRate, Quiet])
        {
            command.Options.Add(o);
        }
    }

    /// <summary>The settings common to both commands.</summary>
    public RunConfig ToConfig(ParseResult parse, CliIo io, string kind)
    {
        var systemPrompt = parse.GetValue(SystemPrompt);
        var systemPromptFile = parse.GetValue(SystemPromptFile);
        if (systemPrompt is not null && systemPromptFile is not null)
        {
            throw new UsageException("give either --system-prompt or --system-prompt-file, not both");
        }

        if (systemPromptFile is not null)
        {
            var path = io.ResolvePath(systemPromptFile);
            if (!File.Exists(path))
            {
                throw new UsageException($"{systemPromptFile}: file not found");
            }

            if (new FileInfo(path).Length > 1 << 20)
            {
                throw new UsageException($"{systemPromptFile}: over 1 MB");
            }

            systemPrompt = File.ReadAllText(path);
        }

        var targetConfig = parse.GetValue(TargetConfig);
        return new RunConfig
        {
            Kind = kind,
            TargetUrl = parse.GetValue(Target),
            Model = parse.GetValue(Model),
            ApiKeyEnv = parse.GetValue(ApiKeyEnv),
            TargetConfig = targetConfig is null ? null : io.ResolvePath(targetConfig),
            SystemPrompt = systemPrompt,
            SendSystemPrompt = !parse.GetValue(NoSystemPrompt),
            Canaries = parse.GetValue(Canary) ?? [],
            Seed = parse.GetValue(Seed),
            Sample = parse.GetValue(Sample),
            MaxAttempts = parse.GetValue(MaxAttempts),
            Concurrency = parse.GetValue(Concurrency),
            Rpm = parse.GetValue(Rpm),
            TimeoutSeconds = parse.GetValue(Timeout),
            Retries = parse.GetValue(Retries),
            Temperature = parse.GetValue(Temperature),
            MaxTokens = parse.GetValue(MaxTokens),
            JudgeUrl = parse.GetValue(Judge),
            JudgeModel = parse.GetValue(JudgeModel),
            JudgeApiKeyEnv = parse.GetValue(JudgeApiKeyEnv),
        };
    }

    /// <summary>Splits repeatable, comma-separated option values.</summary>
    public static List<string> Split(IEnumerable<string>? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();

    public static string Rate(double v) => (v * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
