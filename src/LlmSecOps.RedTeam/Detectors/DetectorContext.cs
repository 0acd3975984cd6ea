using LlmSecOps.RedTeam.Conversations;

namespace LlmSecOps.RedTeam.Detectors;

/// <summary>Everything a detector may look at for one reply.</summary>
public sealed class DetectorContext
{
    /// <summary>The reply text being judged.</summary>
    public required string Response { get; init; }

    /// <summary>Tools the model called in this reply.</summary>
    public IReadOnlyList<ToolCall> ToolCalls { get; init; } = [];

    /// <summary>The conversation up to and including this reply.</summary>
    public IReadOnlyList<ChatMessage> Conversation { get; init; } = [];

    /// <summary>Tools offered to the model.</summary>
    public IReadOnlyList<ToolDefinition> ToolsOffered { get; init; } = [];

    /// <summary>The system prompt in force (sent, or known to be on the server).</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>Canary tokens planted in the system prompt.</summary>
    public IReadOnlyList<string> Canaries { get; init; } = [];

    /// <summary>Other planted values whose appearance is a leak (a fake key, a customer e-mail).</summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];

    /// <summary>The attack text before mutation.</summary>
    public string Attack { get; init; } = string.Empty;

    /// <summary>The attempt's marker word (the value of <c>{{marker}}</c>).</summary>
    public string? Marker { get; init; }

    /// <summary>Probe id.</summary>
    public string ProbeId { get; init; } = string.Empty;

    /// <summary>Probe family.</summary>
    public string Family { get; init; } = string.Empty;

    /// <summary>What the attack wants (for the LLM judge's rubric).</summary>
    public string Intent { get; init; } = string.Empty;

    /// <summary>The bad behaviour that counts as success.</summary>
    public string? Expected { get; init; }

    /// <summary>The LLM judge, when the run has one.</summary>
    public IResponseJudge? Judge { get; init; }
}
