namespace LlmSecOps.Lint.Templates.Jinja;

/// <summary>
/// A node of a Jinja expression. One class with a kind keeps the tree small: <see cref="Name"/>
/// holds the variable, attribute, filter, test or operator name; <see cref="Args"/> the operands
/// in order (the target first for attributes, items, calls, filters and tests).
/// </summary>
internal sealed class JinjaExpr
{
    public JinjaExpr(JinjaExprKind kind, int start, int end)
    {
        Kind = kind;
        Start = start;
        End = end;
    }

    public JinjaExprKind Kind { get; }

    public int Start { get; }

    public int End { get; set; }

    public string? Name { get; init; }

    public object? Value { get; init; }

    public List<JinjaExpr> Args { get; } = [];

    public List<KeyValuePair<string, JinjaExpr>> Kwargs { get; } = [];

    /// <summary>For a <see cref="JinjaExprKind.Test"/>: whether it was written <c>is not</c>.</summary>
    public bool Negated { get; init; }

    /// <summary>Visits this node and every descendant, depth first.</summary>
    public IEnumerable<JinjaExpr> DescendantsAndSelf()
    {
        var stack = new Stack<JinjaExpr>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            yield return e;
            for (var i = e.Kwargs.Count - 1; i >= 0; i--)
            {
                stack.Push(e.Kwargs[i].Value);
            }

            for (var i = e.Args.Count - 1; i >= 0; i--)
            {
                stack.Push(e.Args[i]);
            }
        }
    }
}
