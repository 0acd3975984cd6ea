using LlmSecOps.Lint.Text;

namespace LlmSecOps.Lint.Templates;

/// <summary>One template text found in a file (a prompt, one chat message, assistant instructions, a chat template).</summary>
internal sealed class PromptTemplate
{
    private TemplateAnalysis? _analysis;

    /// <summary>The template as the application sees it (decoded from YAML/JSON/code).</summary>
    public required string Text { get; init; }

    /// <summary>Maps offsets of <see cref="Text"/> to the file.</summary>
    public required TextOrigin Origin { get; init; }

    /// <summary>Chat role (system, developer, user, assistant), or null when unknown.</summary>
    public string? Role { get; init; }

    public required TemplateSyntax Syntax { get; init; }

    public TemplateKind Kind { get; init; } = TemplateKind.Prompt;

    /// <summary>Whether the text is exactly one chat message (the message boundary delimits it).</summary>
    public bool WholeMessage { get; init; }

    /// <summary>Placeholders supplied by the reader (code interpolation holes); null means scan the text.</summary>
    public IReadOnlyList<Placeholder>? KnownPlaceholders { get; init; }

    /// <summary>
    /// Whether the syntax was declared (errors are reported) rather than guessed from a plain
    /// prompt file (stray braces are then just text).
    /// </summary>
    public bool StrictSyntax { get; init; } = true;

    /// <summary>The analysis, computed on first use.</summary>
    public TemplateAnalysis Analysis => _analysis ??= TemplateScanner.Analyze(this);

    public bool IsSystem => Role is "system" or "developer";
}
