namespace LlmSecOps.Lint.Templates.Jinja;

/// <summary>
/// One output or statement of a template with its tokens and, when it parsed, its expressions.
/// Analyses work from sites so that a template with one broken tag is still checked everywhere else.
/// </summary>
internal sealed record JinjaSite(JinjaSegment Segment, List<JinjaToken> Tokens, string? Keyword, List<JinjaExpr> Expressions, bool Parsed)
{
    public bool IsOutput => Segment.Kind == JinjaSegmentKind.Output;
}
