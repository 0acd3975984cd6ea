namespace LlmSecOps.Lint.Templates.Jinja;

/// <summary>Kinds of tokens inside a Jinja expression or statement.</summary>
internal enum JinjaTokenKind
{
    Name,
    String,
    Number,
    Operator,
}
