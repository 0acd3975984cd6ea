using LlmSecOps.RedTeam.Conversations;

namespace LlmSecOps.RedTeam.Probes;

/// <summary>A message of an attack, before mutation and placeholder filling.</summary>
/// <param name="Role">user, assistant, tool or system.</param>
/// <param name="Content">Text, possibly with placeholders (<c>{{behavior}}</c>, <c>{{marker}}</c>, <c>{{suffix}}</c>).</param>
public sealed record ProbeMessage(string Role, string Content)
{
    /// <summary>Whether mutators rewrite this message (default: user messages yes, others no).</summary>
    public bool Mutate { get; init; } = Role == ChatRoles.User;

    /// <summary>Tool name of a tool message.</summary>
    public string? Name { get; init; }

    /// <summary>Call id a tool message answers.</summary>
    public string? ToolCallId { get; init; }

    /// <summary>Tool calls of a scripted assistant message.</summary>
    public IReadOnlyList<ToolCall>? ToolCalls { get; init; }

    /// <summary>A user message.</summary>
    public static ProbeMessage User(string content) => new(ChatRoles.User, content);
}
