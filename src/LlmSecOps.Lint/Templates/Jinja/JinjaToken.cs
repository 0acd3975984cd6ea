namespace LlmSecOps.Lint.Templates.Jinja;

/// <summary>A token of a Jinja expression. For strings, <see cref="Text"/> is the decoded value.</summary>
internal sealed record JinjaToken(JinjaTokenKind Kind, string Text, int Start, int End)
{
    public bool Is(string op) => Kind == JinjaTokenKind.Operator && string.Equals(Text, op, StringComparison.Ordinal);

    public bool IsName(string name) => Kind == JinjaTokenKind.Name && string.Equals(Text, name, StringComparison.Ordinal);
}
