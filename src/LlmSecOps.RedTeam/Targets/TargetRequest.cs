using LlmSecOps.RedTeam.Conversations;

namespace LlmSecOps.RedTeam.Targets;

/// <summary>One request of a conversation.</summary>
public sealed class TargetRequest
{
    /// <summary>Every message so far, the newest last.</summary>
    public required IReadOnlyList<ChatMessage> Messages { get; init; }

    /// <summary>Tools offered to the model (empty when none).</summary>
    public IReadOnlyList<ToolDefinition> Tools { get; init; } = [];

    /// <summary>State carried between the turns of one conversation (session id).</summary>
    public required ConversationState State { get; init; }

    /// <summary>Id of the attempt, sent to targets that accept a correlation header.</summary>
    public string? AttemptId { get; init; }

    /// <summary>Zero-based index of this request within the conversation.</summary>
    public int Turn { get; init; }

    /// <summary>
    /// Index of the first message this request adds (messages before it were sent in earlier
    /// turns). Targets that take one prompt string send only what is new.
    /// </summary>
    public int NewMessagesFrom { get; init; }

    /// <summary>The text of the newest user message, or of the newest message when there is no user message.</summary>
    public string LastUserText()
    {
        for (var i = Messages.Count - 1; i >= 0; i--)
        {
            if (Messages[i].Role == ChatRoles.User)
            {
                return Messages[i].Content;
            }
        }

        return Messages.Count > 0 ? Messages[^1].Content : string.Empty;
    }
}
