namespace LlmSecOps.Lint.Templates;

/// <summary>The result of rendering a template with validation: the messages, or every problem found.</summary>
internal sealed record RenderOutcome
{
    public required string TemplateId { get; init; }

    /// <summary>Rendered messages (role null for a single plain prompt).</summary>
    public IReadOnlyList<(string? Role, string Content)> Messages { get; init; } = [];

    /// <summary>Validation problems and render errors as <c>location: message</c>.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    public bool Ok => Problems.Count == 0;
}
