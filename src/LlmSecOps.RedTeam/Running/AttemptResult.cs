namespace LlmSecOps.RedTeam.Running;

/// <summary>One attempt, as stored and reported.</summary>
public sealed record AttemptResult
{
    /// <summary>The run it belongs to.</summary>
    public required string RunId { get; init; }

    /// <summary>Deterministic id: hash of probe, prompt, mutator chain, target and seed.</summary>
    public required string AttemptId { get; init; }

    /// <summary>Position in the run's plan.</summary>
    public int Sequence { get; init; }

    /// <summary>Probe id.</summary>
    public required string ProbeId { get; init; }

    /// <summary>Probe family.</summary>
    public required string Family { get; init; }

    /// <summary>Which prompt of the probe (<c>p0</c>, <c>p1.b3</c>, <c>p0.s2</c>…).</summary>
    public required string PromptKey { get; init; }

    /// <summary>Mutator chain name (<c>none</c>, <c>base64+rot13</c>).</summary>
    public required string Mutator { get; init; }

    /// <summary>Target id.</summary>
    public required string Target { get; init; }

    /// <summary>How it ended.</summary>
    public required AttemptOutcome Outcome { get; init; }

    /// <summary>Combined detector score.</summary>
    public double Score { get; init; }

    /// <summary>When it started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>Wall time of all its requests, in milliseconds.</summary>
    public double LatencyMs { get; init; }

    /// <summary>The attack as sent (user turns after mutation, joined).</summary>
    public string Prompt { get; init; } = string.Empty;

    /// <summary>The last reply.</summary>
    public string Response { get; init; } = string.Empty;

    /// <summary>The whole conversation as JSON (messages with replies), for replay and review.</summary>
    public string? ConversationJson { get; init; }

    /// <summary>Per-detector results.</summary>
    public IReadOnlyList<DetectorOutcome> Detectors { get; init; } = [];

    /// <summary>The evidence of the detector that decided.</summary>
    public string? Evidence { get; init; }

    /// <summary>Why the attempt errored or was blocked.</summary>
    public string? Error { get; init; }

    /// <summary>Last HTTP status seen.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>Retries over all requests.</summary>
    public int Retries { get; init; }

    /// <summary>Requests sent.</summary>
    public int Turns { get; init; }
}
