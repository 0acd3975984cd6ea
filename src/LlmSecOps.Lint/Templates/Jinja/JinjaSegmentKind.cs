namespace LlmSecOps.Lint.Templates.Jinja;

/// <summary>The kinds of top-level pieces of a Jinja template.</summary>
internal enum JinjaSegmentKind
{
    /// <summary>Literal text.</summary>
    Text,

    /// <summary><c>{{ expression }}</c>.</summary>
    Output,

    /// <summary><c>{% statement %}</c>.</summary>
    Statement,

    /// <summary><c>{# comment #}</c>.</summary>
    Comment,
}
