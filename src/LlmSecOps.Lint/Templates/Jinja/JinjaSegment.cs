namespace LlmSecOps.Lint.Templates.Jinja;

/// <summary>
/// One top-level piece of a template. Offsets are into the template text; the inner range
/// excludes the delimiters and whitespace-control marks.
/// </summary>
internal sealed record JinjaSegment(
    JinjaSegmentKind Kind,
    int Start,
    int End,
    int InnerStart,
    int InnerEnd,
    bool TrimBefore,
    bool TrimAfter);
