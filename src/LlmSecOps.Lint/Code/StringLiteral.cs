using LlmSecOps.Lint.Text;

namespace LlmSecOps.Lint.Code;

/// <summary>A decoded string literal: its value, where each character came from, and its holes.</summary>
internal sealed class StringLiteral
{
    public required string Value { get; init; }

    public required TextOrigin Origin { get; init; }

    public IReadOnlyList<StringHole> Holes { get; init; } = [];

    /// <summary>Whether the literal interpolates (f-string, <c>$"…"</c>, template literal).</summary>
    public bool Interpolated { get; init; }
}
