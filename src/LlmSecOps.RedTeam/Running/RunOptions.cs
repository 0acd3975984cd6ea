using LlmSecOps.Core.Events;
using LlmSecOps.RedTeam.Detectors;

namespace LlmSecOps.RedTeam.Running;

/// <summary>Settings the runner needs beyond the plan, validated before a run starts.</summary>
internal sealed record RunOptions
{
    /// <summary>Id of the run (attempts are stored under it).</summary>
    public required string RunId { get; init; }

    /// <summary>Seed of the run.</summary>
    public int Seed { get; init; }

    /// <summary>Attempts in flight at once.</summary>
    public int Concurrency { get; init; } = 8;

    /// <summary>
    /// The run's system prompt (placeholders <c>{{canary}}</c>, <c>{{secret}}</c>, <c>{{email}}</c>,
    /// <c>{{phone}}</c>), or null when the target's own system prompt is unknown.
    /// </summary>
    public string? SystemPrompt { get; init; }

    /// <summary>Whether <see cref="SystemPrompt"/> came from the user (then it replaces probe scenarios too).</summary>
    public bool SystemPromptFromUser { get; init; }

    /// <summary>Whether to send a system message at all (false for apps with a server-side prompt).</summary>
    public bool SendSystemPrompt { get; init; } = true;

    /// <summary>Planted canary tokens.</summary>
    public IReadOnlyList<string> Canaries { get; init; } = [];

    /// <summary>Other planted values: <c>secret</c>, <c>email</c>, <c>phone</c> by placeholder name.</summary>
    public IReadOnlyDictionary<string, string> Planted { get; init; } = new Dictionary<string, string>();

    /// <summary>The LLM judge, when configured.</summary>
    public IResponseJudge? Judge { get; init; }

    /// <summary>Where attempt events go (source <c>probe</c>), when an event store is configured.</summary>
    public IEventSink? Events { get; init; }

    /// <summary>How long in-flight attempts may take to finish after a stop before they are abandoned.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Problems with the settings.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Concurrency is < 1 or > 1024)
        {
            errors.Add("concurrency must be from 1 to 1024");
        }

        if (string.IsNullOrWhiteSpace(RunId))
        {
            errors.Add("run id is empty");
        }

        return errors;
    }
}
