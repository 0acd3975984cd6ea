namespace LlmSecOps.RedTeam.Targets;

/// <summary>
/// Something the red team talks to: an OpenAI-compatible endpoint, an HTTP API described by a
/// template, or the guard gateway. A target sends one request of a conversation and reports the
/// reply as a value: failures are <see cref="TargetStatus.Error"/> responses, never exceptions,
/// except for cancellation.
/// </summary>
public abstract class Target
{
    /// <summary>
    /// Stable identity of the target (kind, address, model). It is part of every attempt id, so a
    /// run resumed against the same target skips what it already did.
    /// </summary>
    public abstract string Id { get; }

    /// <summary>Whether the target accepts a system message (false for APIs that take one prompt string).</summary>
    public virtual bool AcceptsSystemPrompt => true;

    /// <summary>Sends the conversation so far and returns the model's reply to it.</summary>
    public abstract ValueTask<TargetResponse> SendAsync(TargetRequest request, CancellationToken cancellationToken);
}
