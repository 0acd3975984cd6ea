using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard.Redaction;

namespace LlmSecOps.Guard;

/// <summary>A request to the engine to judge one piece of text.</summary>
public sealed record ScanRequest
{
    /// <summary>Which side of the exchange the text is from.</summary>
    public Direction Direction { get; init; } = Direction.Input;

    /// <summary>The text.</summary>
    public required string Text { get; init; }

    /// <summary>Chat role, when the text is a message.</summary>
    public string? Role { get; init; }

    /// <summary>Who sent it.</summary>
    public Principal? Principal { get; init; }

    /// <summary>The system prompt, for leakage checks on completions.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>Canary tokens planted for this exchange.</summary>
    public IReadOnlyList<string> Canaries { get; init; } = [];

    /// <summary>Index of the message within a conversation.</summary>
    public int? MessageIndex { get; init; }

    /// <summary>
    /// Where placeholders and their originals are kept, so a later output can be restored. One
    /// vault per exchange; when null the engine uses a fresh one.
    /// </summary>
    public RedactionVault? Vault { get; init; }
}
