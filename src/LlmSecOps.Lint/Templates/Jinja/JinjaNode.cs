namespace LlmSecOps.Lint.Templates.Jinja;

/// <summary>A node of a parsed Jinja template. Offsets are into the template text.</summary>
internal sealed class JinjaNode
{
    public JinjaNode(JinjaNodeKind kind, int start, int end)
    {
        Kind = kind;
        Start = start;
        End = end;
    }

    public JinjaNodeKind Kind { get; }

    public int Start { get; }

    public int End { get; }

    /// <summary>Statement keyword for <see cref="JinjaNodeKind.Unsupported"/> and <see cref="JinjaNodeKind.Passthrough"/>.</summary>
    public string? Keyword { get; init; }

    /// <summary>Text, with whitespace control applied, for <see cref="JinjaNodeKind.Text"/>.</summary>
    public string? Text { get; set; }

    /// <summary>The expression of an output or set, the iterable of a for.</summary>
    public JinjaExpr? Expr { get; init; }

    /// <summary>Assignment targets of for/set (e.g. <c>key, value</c>, or <c>ns.found</c>).</summary>
    public List<JinjaExpr> Targets { get; } = [];

    /// <summary>Body of for/set-block/passthrough.</summary>
    public List<JinjaNode> Body { get; } = [];

    /// <summary><c>else</c> body of a for or if.</summary>
    public List<JinjaNode> ElseBody { get; } = [];

    /// <summary>Condition/body pairs of an if (if, elif, elif, …).</summary>
    public List<KeyValuePair<JinjaExpr, List<JinjaNode>>> Branches { get; } = [];

    /// <summary>Optional <c>if</c> filter of a for loop.</summary>
    public JinjaExpr? Condition { get; init; }

    /// <summary>Filters of a set block (<c>{% set x | trim %}</c>).</summary>
    public List<JinjaExpr> BlockFilters { get; } = [];
}
