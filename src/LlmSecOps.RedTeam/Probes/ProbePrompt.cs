namespace LlmSecOps.RedTeam.Probes;

/// <summary>One attack of a probe: a single prompt or a scripted conversation.</summary>
/// <param name="Index">Position among the probe's prompts and conversations.</param>
/// <param name="Messages">The messages, in order. A request is sent after every user message.</param>
public sealed record ProbePrompt(int Index, IReadOnlyList<ProbeMessage> Messages)
{
    /// <summary>Stable key used in attempt ids instead of the index (replayed corpus entries use their own ids).</summary>
    public string? Key { get; init; }

    /// <summary>Whether the attack has more than one user turn.</summary>
    public bool IsMultiTurn => Messages.Count(m => m.Role == Conversations.ChatRoles.User) > 1;
}
