namespace LlmSecOps.RedTeam.Conversations;

/// <summary>The chat roles of the chat-completions wire format.</summary>
public static class ChatRoles
{
    /// <summary>Instructions from the application.</summary>
    public const string System = "system";

    /// <summary>The person (or attacker) talking to the model.</summary>
    public const string User = "user";

    /// <summary>The model.</summary>
    public const string Assistant = "assistant";

    /// <summary>A tool result fed back to the model.</summary>
    public const string Tool = "tool";

    /// <summary>Whether a role name is one of the four.</summary>
    public static bool IsKnown(string role) => role is System or User or Assistant or Tool;
}
