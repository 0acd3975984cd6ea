namespace LlmSecOps.Lint.Templates.Jinja;

/// <summary>Kinds of Jinja expression nodes.</summary>
internal enum JinjaExprKind
{
    Name,
    Literal,
    List,
    Tuple,
    Dict,
    GetAttr,
    GetItem,
    Slice,
    Call,
    Filter,
    Test,
    Not,
    Negate,
    Binary,
    Compare,
    And,
    Or,
    Conditional,
    Concat,
}
