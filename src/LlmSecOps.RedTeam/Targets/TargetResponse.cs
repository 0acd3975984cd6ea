using LlmSecOps.RedTeam.Conversations;

namespace LlmSecOps.RedTeam.Targets;

/// <summary>The reply to one request, or why there is none.</summary>
public sealed record TargetResponse
{
    /// <summary>How the request ended.</summary>
    public required TargetStatus Status { get; init; }

    /// <summary>The reply text (empty when blocked or failed).</summary>
    public string Text { get; init; } = string.Empty;

    /// <summary>Tools the model called.</summary>
    public IReadOnlyList<ToolCall> ToolCalls { get; init; } = [];

    /// <summary>HTTP status code, when there was an HTTP response.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>Why the request failed or was blocked.</summary>
    public string? Error { get; init; }

    /// <summary>Whether sending again may help (429, 5xx, connection failure).</summary>
    public bool Retryable { get; init; }

    /// <summary>How long the server asked the client to wait (Retry-After).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Session id found in the reply, to carry into the next turn.</summary>
    public string? SessionId { get; init; }

    /// <summary>The finish reason the model reported.</summary>
    public string? FinishReason { get; init; }

    /// <summary>How many times the request was retried before this result.</summary>
    public int Retries { get; init; }

    /// <summary>A successful reply.</summary>
    public static TargetResponse Ok(string text, IReadOnlyList<ToolCall>? toolCalls = null, int? httpStatus = 200) =>
        new() { Status = TargetStatus.Ok, Text = text, ToolCalls = toolCalls ?? [], HttpStatus = httpStatus };

    /// <summary>A reply refused by a guard.</summary>
    public static TargetResponse Blocked(string reason, int? httpStatus) =>
        new() { Status = TargetStatus.Blocked, Error = reason, HttpStatus = httpStatus };

    /// <summary>A failure.</summary>
    public static TargetResponse Failed(string error, int? httpStatus = null, bool retryable = false, TimeSpan? retryAfter = null) =>
        new() { Status = TargetStatus.Error, Error = error, HttpStatus = httpStatus, Retryable = retryable, RetryAfter = retryAfter };
}
