namespace LlmSecOps.RedTeam.Storage;

/// <summary>A stored run.</summary>
public sealed record RunRecord
{
    /// <summary>Run id.</summary>
    public required string Id { get; init; }

    /// <summary><c>probe</c> or <c>replay</c>.</summary>
    public required string Kind { get; init; }

    /// <summary><c>running</c>, <c>completed</c>, <c>interrupted</c> or <c>failed</c>.</summary>
    public required string Status { get; init; }

    /// <summary>When the run was created.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When it last finished (completed or interrupted).</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Target id.</summary>
    public required string Target { get; init; }

    /// <summary>Model, when the target has one.</summary>
    public string? Model { get; init; }

    /// <summary>Seed.</summary>
    public int Seed { get; init; }

    /// <summary>Attempts planned.</summary>
    public int Planned { get; init; }

    /// <summary>Attempts stored.</summary>
    public int Attempts { get; init; }

    /// <summary>Successful attacks.</summary>
    public int Successes { get; init; }

    /// <summary>Resisted attacks.</summary>
    public int Failures { get; init; }

    /// <summary>Blocked attacks.</summary>
    public int Blocked { get; init; }

    /// <summary>Errors.</summary>
    public int Errors { get; init; }

    /// <summary>The run's configuration as JSON (what <c>--resume</c> reads back).</summary>
    public required string Config { get; init; }

    /// <summary>Attack success rate: successes over judged attempts (errors excluded).</summary>
    public double Asr => Attempts - Errors > 0 ? (double)Successes / (Attempts - Errors) : 0;
}
