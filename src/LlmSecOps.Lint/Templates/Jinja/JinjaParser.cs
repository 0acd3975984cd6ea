namespace LlmSecOps.Lint.Templates.Jinja;

/// <summary>
/// Parses a Jinja template into nodes (for rendering) and sites (for analysis). Each tag is parsed
/// on its own, so a syntax error is reported at its tag and the rest of the template still parses;
/// unbalanced blocks are reported at the tag that opened them.
/// </summary>
internal static class JinjaParser
{
    private static readonly HashSet<string> BlockTags = new(StringComparer.Ordinal)
    {
        "if", "for", "macro", "call", "filter", "block", "with", "autoescape", "trans", "generation", "set",
    };

    public static JinjaTemplate Parse(string text)
    {
        var errors = new List<TemplateIssue>();
        var segments = JinjaLexer.Segment(text, errors);
        var sites = new List<JinjaSite>();
        var bound = new HashSet<string>(StringComparer.Ordinal) { "loop", "self", "varargs", "kwargs", "caller" };
        var loopSources = new Dictionary<string, JinjaExpr>(StringComparer.Ordinal);
        var root = new List<JinjaNode>();
        var stack = new List<Frame>();
        List<JinjaNode> Current() => stack.Count == 0 ? root : stack[^1].Body;

        for (var si = 0; si < segments.Count; si++)
        {
            var seg = segments[si];
            switch (seg.Kind)
            {
                case JinjaSegmentKind.Text:
                {
                    var start = seg.Start;
                    var end = seg.End;
                    if (si > 0 && segments[si - 1].TrimAfter)
                    {
                        while (start < end && char.IsWhiteSpace(text[start]))
                        {
                            start++;
                        }
                    }

                    if (si + 1 < segments.Count && segments[si + 1].TrimBefore)
                    {
                        while (end > start && char.IsWhiteSpace(text[end - 1]))
                        {
                            end--;
                        }
                    }

                    if (end > start)
                    {
                        Current().Add(new JinjaNode(JinjaNodeKind.Text, start, end) { Text = text[start..end] });
                    }

                    break;
                }

                case JinjaSegmentKind.Comment:
                    break;
                case JinjaSegmentKind.Output:
                {
                    var tokens = JinjaLexer.Tokenize(text, seg.InnerStart, seg.InnerEnd, errors);
                    var exprs = new List<JinjaExpr>();
                    var ok = true;
                    try
                    {
                        if (tokens.Count == 0)
                        {
                            throw new JinjaSyntaxException("empty expression", seg.Start, seg.End);
                        }

                        var p = new JinjaExpressionParser(tokens);
                        exprs.Add(p.ParseExpression());
                        if (!p.AtEnd)
                        {
                            throw p.Fail("unexpected token after the expression");
                        }

                        Current().Add(new JinjaNode(JinjaNodeKind.Output, seg.Start, seg.End) { Expr = exprs[0] });
                    }
                    catch (JinjaSyntaxException ex)
                    {
                        ok = false;
                        errors.Add(TemplateIssue.Parse(ex.Start, Math.Max(ex.End, ex.Start + 1), ex.Message));
                    }

                    sites.Add(new JinjaSite(seg, tokens, null, exprs, ok));
                    break;
                }

                case JinjaSegmentKind.Statement:
                {
                    var tokens = JinjaLexer.Tokenize(text, seg.InnerStart, seg.InnerEnd, errors);
                    var keyword = tokens.Count > 0 && tokens[0].Kind == JinjaTokenKind.Name ? tokens[0].Text : null;
                    var exprs = new List<JinjaExpr>();
                    var ok = true;
                    try
                    {
                        if (keyword is null)
                        {
                            throw new JinjaSyntaxException("expected a statement keyword after '{%'", seg.Start, seg.End);
                        }

                        Statement(text, seg, tokens, keyword, exprs, stack, Current, bound, loopSources, errors);
                    }
                    catch (JinjaSyntaxException ex)
                    {
                        ok = false;
                        errors.Add(TemplateIssue.Parse(ex.Start, Math.Max(ex.End, ex.Start + 1), ex.Message));
                    }

                    sites.Add(new JinjaSite(seg, tokens, keyword, exprs, ok));
                    break;
                }
            }
        }

        foreach (var open in stack)
        {
            errors.Add(TemplateIssue.Parse(open.Segment.Start, open.Segment.End, $"'{{% {open.Keyword} %}}' is never closed; expected '{{% end{open.Keyword} %}}'"));
        }

        return new JinjaTemplate
        {
            Source = text,
            Nodes = root,
            Sites = sites,
            Errors = errors,
            Bound = bound,
            LoopSources = loopSources,
        };
    }

    private static void Statement(
        string text,
        JinjaSegment seg,
        List<JinjaToken> tokens,
        string keyword,
        List<JinjaExpr> exprs,
        List<Frame> stack,
        Func<List<JinjaNode>> current,
        HashSet<string> bound,
        Dictionary<string, JinjaExpr> loopSources,
        List<TemplateIssue> errors)
    {
        var p = new JinjaExpressionParser(tokens, 1);
        switch (keyword)
        {
            case "if":
            {
                var cond = p.ParseExpression(allowTuple: false);
                exprs.Add(cond);
                EnsureEnd(p);
                var node = new JinjaNode(JinjaNodeKind.If, seg.Start, seg.End);
                var body = new List<JinjaNode>();
                node.Branches.Add(new KeyValuePair<JinjaExpr, List<JinjaNode>>(cond, body));
                current().Add(node);
                stack.Add(new Frame("if", seg, node, body));
                return;
            }

            case "elif":
            {
                var cond = p.ParseExpression(allowTuple: false);
                exprs.Add(cond);
                EnsureEnd(p);
                var frame = Top(stack, seg, "elif", "if");
                if (frame.SawElse)
                {
                    throw new JinjaSyntaxException("'elif' after 'else'", seg.Start, seg.End);
                }

                var body = new List<JinjaNode>();
                frame.Node.Branches.Add(new KeyValuePair<JinjaExpr, List<JinjaNode>>(cond, body));
                frame.Body = body;
                return;
            }

            case "else":
            {
                EnsureEnd(p);
                var frame = Top(stack, seg, "else", "if", "for");
                if (frame.SawElse)
                {
                    throw new JinjaSyntaxException("a second 'else' in the same block", seg.Start, seg.End);
                }

                frame.SawElse = true;
                frame.Body = frame.Node.ElseBody;
                return;
            }

            case "for":
            {
                var targets = new List<JinjaExpr>();
                do
                {
                    var name = p.ExpectName("a loop variable");
                    targets.Add(new JinjaExpr(JinjaExprKind.Name, name.Start, name.End) { Name = name.Text });
                    bound.Add(name.Text);
                }
                while (p.TryTake(","));

                p.Expect("in");
                var iterable = p.ParseExpression(allowTuple: false, allowConditional: false);
                exprs.Add(iterable);
                JinjaExpr? condition = null;
                if (p.TryTake("if"))
                {
                    condition = p.ParseExpression(allowTuple: false, allowConditional: false);
                    exprs.Add(condition);
                }

                p.TryTake("recursive");
                EnsureEnd(p);
                foreach (var t in targets)
                {
                    loopSources.TryAdd(t.Name!, iterable);
                }

                var node = new JinjaNode(JinjaNodeKind.For, seg.Start, seg.End) { Expr = iterable, Condition = condition };
                node.Targets.AddRange(targets);
                current().Add(node);
                stack.Add(new Frame("for", seg, node, node.Body));
                return;
            }

            case "set":
            {
                var targets = new List<JinjaExpr>();
                do
                {
                    var name = p.ExpectName("a variable name");
                    JinjaExpr target = new(JinjaExprKind.Name, name.Start, name.End) { Name = name.Text };
                    if (p.Peek is { } dot && dot.Is("."))
                    {
                        p.TryTake(".");
                        var attr = p.ExpectName("an attribute name");
                        var get = new JinjaExpr(JinjaExprKind.GetAttr, name.Start, attr.End) { Name = attr.Text };
                        get.Args.Add(target);
                        target = get;
                    }
                    else
                    {
                        bound.Add(name.Text);
                    }

                    targets.Add(target);
                }
                while (p.TryTake(","));

                if (p.TryTake("="))
                {
                    var value = p.ParseExpression();
                    exprs.Add(value);
                    EnsureEnd(p);
                    var node = new JinjaNode(JinjaNodeKind.Set, seg.Start, seg.End) { Expr = value };
                    node.Targets.AddRange(targets);
                    current().Add(node);
                    return;
                }

                var block = new JinjaNode(JinjaNodeKind.SetBlock, seg.Start, seg.End);
                block.Targets.AddRange(targets);
                while (p.TryTake("|"))
                {
                    var f = p.ExpectName("a filter name");
                    block.BlockFilters.Add(new JinjaExpr(JinjaExprKind.Filter, f.Start, f.End) { Name = f.Text });
                }

                EnsureEnd(p);
                current().Add(block);
                stack.Add(new Frame("set", seg, block, block.Body));
                return;
            }

            case "macro":
            {
                var name = p.ExpectName("a macro name");
                bound.Add(name.Text);
                if (p.TryTake("("))
                {
                    while (p.Peek is { } t && !t.Is(")"))
                    {
                        var param = p.ExpectName("a parameter name");
                        bound.Add(param.Text);
                        if (p.TryTake("="))
                        {
                            exprs.Add(p.ParseExpression(allowTuple: false));
                        }

                        if (!p.TryTake(","))
                        {
                            break;
                        }
                    }

                    p.Expect(")");
                }

                OpenUnsupported(seg, keyword, stack, current);
                return;
            }

            case "call" or "filter" or "with" or "trans":
            {
                if (!p.AtEnd)
                {
                    if (keyword == "with")
                    {
                        // {% with a = 1, b = x %}: names bound for the block.
                        while (p.Peek is { Kind: JinjaTokenKind.Name } n && !p.AtEnd)
                        {
                            var name = p.ExpectName("a name");
                            bound.Add(name.Text);
                            if (p.TryTake("="))
                            {
                                exprs.Add(p.ParseExpression(allowTuple: false));
                            }

                            if (!p.TryTake(","))
                            {
                                break;
                            }
                        }
                    }
                    else
                    {
                        exprs.Add(p.ParseExpression());
                    }
                }

                OpenUnsupported(seg, keyword, stack, current);
                return;
            }

            case "block" or "autoescape" or "generation":
            {
                if (!p.AtEnd)
                {
                    if (keyword == "block")
                    {
                        p.ExpectName("a block name");
                        p.TryTake("scoped");
                        p.TryTake("required");
                    }
                    else
                    {
                        exprs.Add(p.ParseExpression());
                    }
                }

                var node = new JinjaNode(JinjaNodeKind.Passthrough, seg.Start, seg.End) { Keyword = keyword };
                current().Add(node);
                stack.Add(new Frame(keyword, seg, node, node.Body));
                return;
            }

            case "include" or "extends" or "import" or "from" or "do":
            {
                if (keyword == "import" || keyword == "from")
                {
                    // Names after "as" or "import" are bound.
                    for (var i = 1; i < tokens.Count; i++)
                    {
                        if (tokens[i].Kind == JinjaTokenKind.Name && i > 0 && (tokens[i - 1].IsName("as") || tokens[i - 1].IsName("import") || tokens[i - 1].Is(",")))
                        {
                            bound.Add(tokens[i].Text);
                        }
                    }
                }
                else if (!p.AtEnd)
                {
                    exprs.Add(p.ParseExpression());
                }

                current().Add(new JinjaNode(JinjaNodeKind.Unsupported, seg.Start, seg.End) { Keyword = keyword });
                return;
            }

            case "break" or "continue" or "pluralize":
                current().Add(new JinjaNode(JinjaNodeKind.Unsupported, seg.Start, seg.End) { Keyword = keyword });
                return;
        }

        if (keyword.StartsWith("end", StringComparison.Ordinal) && keyword.Length > 3)
        {
            var opened = keyword[3..];
            if (!BlockTags.Contains(opened))
            {
                throw new JinjaSyntaxException($"unknown tag '{keyword}'", seg.Start, seg.End);
            }

            if (stack.Count > 0 && string.Equals(stack[^1].Keyword, opened, StringComparison.Ordinal))
            {
                stack.RemoveAt(stack.Count - 1);
                return;
            }

            var at = stack.FindLastIndex(f => string.Equals(f.Keyword, opened, StringComparison.Ordinal));
            if (at < 0)
            {
                var expected = stack.Count == 0 ? "no block is open" : $"the innermost open block is '{stack[^1].Keyword}'";
                throw new JinjaSyntaxException($"'{{% {keyword} %}}' does not close anything: {expected}", seg.Start, seg.End);
            }

            // Close the inner blocks too, so one missing end tag is reported once.
            var inner = string.Join(", ", stack.Skip(at + 1).Select(static f => $"'{{% {f.Keyword} %}}'"));
            stack.RemoveRange(at, stack.Count - at);
            throw new JinjaSyntaxException($"'{{% {keyword} %}}' reached while {inner} is still open", seg.Start, seg.End);
        }

        _ = errors;
        _ = text;
        throw new JinjaSyntaxException($"unknown tag '{keyword}'", seg.Start, seg.End);
    }

    private static void OpenUnsupported(JinjaSegment seg, string keyword, List<Frame> stack, Func<List<JinjaNode>> current)
    {
        var node = new JinjaNode(JinjaNodeKind.Unsupported, seg.Start, seg.End) { Keyword = keyword };
        current().Add(node);
        stack.Add(new Frame(keyword, seg, node, node.Body));
    }

    private static Frame Top(List<Frame> stack, JinjaSegment seg, string keyword, params string[] parents)
    {
        if (stack.Count == 0 || !parents.Contains(stack[^1].Keyword, StringComparer.Ordinal))
        {
            throw new JinjaSyntaxException($"'{keyword}' outside {string.Join(" or ", parents.Select(static p => "'" + p + "'"))}", seg.Start, seg.End);
        }

        return stack[^1];
    }

    private static void EnsureEnd(JinjaExpressionParser p)
    {
        if (!p.AtEnd)
        {
            throw p.Fail("unexpected token at the end of the tag");
        }
    }

    private sealed class Frame(string keyword, JinjaSegment segment, JinjaNode node, List<JinjaNode> body)
    {
        public string Keyword { get; } = keyword;

        public JinjaSegment Segment { get; } = segment;

        public JinjaNode Node { get; } = node;

        public List<JinjaNode> Body { get; set; } = body;

        public bool SawElse { get; set; }
    }
}
