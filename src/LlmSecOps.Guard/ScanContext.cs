using LlmSecOps.Core.Policy;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard.Text;

namespace LlmSecOps.Guard;

/// <summary>
/// Everything a scanner may look at for one piece of text. The normalised and decoded views
/// (<see cref="Analysis"/>) are computed once, on first use, and shared by every scanner.
/// </summary>
public sealed class ScanContext
{
    private TextAnalysis? _analysis;

    /// <summary>Which side of the exchange the text is from.</summary>
    public required Direction Direction { get; init; }

    /// <summary>The original text.</summary>
    public required string Text { get; init; }

    /// <summary>The policy in force.</summary>
    public required GuardPolicy Policy { get; init; }

    /// <summary>Chat role of the message (system, user, assistant, tool), when known.</summary>
    public string? Role { get; init; }

    /// <summary>Who sent it.</summary>
    public Principal? Principal { get; init; }

    /// <summary>The system prompt in force, for leakage checks on completions.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>Canary tokens planted for this exchange.</summary>
    public IReadOnlyList<string> Canaries { get; init; } = [];

    /// <summary>Index of the message within a conversation.</summary>
    public int? MessageIndex { get; init; }

    /// <summary>Normalised text and decoded payloads, computed on first use.</summary>
    public TextAnalysis Analysis => _analysis ??= TextAnalysis.Create(Text);
}
