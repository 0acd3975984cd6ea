namespace LlmSecOps.RedTeam.Targets;

/// <summary>What a target remembers between the turns of one conversation.</summary>
public sealed class ConversationState
{
    /// <summary>Creates the state of a new conversation.</summary>
    public ConversationState(string conversationId)
    {
        ConversationId = conversationId;
    }

    /// <summary>A fresh id for the conversation, usable as a client-chosen session id.</summary>
    public string ConversationId { get; }

    /// <summary>Session id the server handed out (or the client chose); null until there is one.</summary>
    public string? SessionId { get; set; }
}
