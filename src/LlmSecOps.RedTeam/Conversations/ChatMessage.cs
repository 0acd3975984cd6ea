namespace LlmSecOps.RedTeam.Conversations;

/// <summary>One message of a conversation in the chat-completions shape.</summary>
/// <param name="Role">system, user, assistant or tool (see <see cref="ChatRoles"/>).</param>
/// <param name="Content">The text of the message (empty for an assistant message that only calls tools).</param>
public sealed record ChatMessage(string Role, string Content)
{
    /// <summary>For a tool message: the name of the tool that produced it.</summary>
    public string? Name { get; init; }

    /// <summary>For a tool message: the id of the call it answers.</summary>
    public string? ToolCallId { get; init; }

    /// <summary>For an assistant message: the tools it called.</summary>
    public IReadOnlyList<ToolCall>? ToolCalls { get; init; }

    /// <summary>A system message.</summary>
    public static ChatMessage System(string content) => new(ChatRoles.System, content);

    /// <summary>A user message.</summary>
    public static ChatMessage User(string content) => new(ChatRoles.User, content);

    /// <summary>An assistant message.</summary>
    public static ChatMessage Assistant(string content) => new(ChatRoles.Assistant, content);
}
