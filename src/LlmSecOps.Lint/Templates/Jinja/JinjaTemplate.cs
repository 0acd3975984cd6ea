namespace LlmSecOps.Lint.Templates.Jinja;

/// <summary>A parsed Jinja template: its node tree for rendering, its sites for analysis, and its errors.</summary>
internal sealed class JinjaTemplate
{
    public required string Source { get; init; }

    public required List<JinjaNode> Nodes { get; init; }

    public required List<JinjaSite> Sites { get; init; }

    public required List<TemplateIssue> Errors { get; init; }

    /// <summary>Names bound inside the template (loop targets, set targets, macro parameters, imports).</summary>
    public required HashSet<string> Bound { get; init; }

    /// <summary>For a loop variable, the expression it iterates over (so <c>doc</c> in <c>for doc in documents</c> traces to <c>documents</c>).</summary>
    public required Dictionary<string, JinjaExpr> LoopSources { get; init; }

    /// <summary>Whether the tree is complete enough to render (no structural errors).</summary>
    public bool Renderable => Errors.Count == 0;
}
