using LlmSecOps.Lint.Diagnostics;

namespace LlmSecOps.Lint.Templates.Jinja;

/// <summary>
/// Finds the variables, placeholders and dangerous constructs of a Jinja template. Dangerous
/// constructs are looked for in the tokens of every tag, parsed or not, so syntax tricks that
/// break the parser do not hide them.
/// </summary>
internal static class JinjaAnalyzer
{
    /// <summary>Names Jinja and common chat-template renderers provide as globals.</summary>
    private static readonly HashSet<string> Globals = new(StringComparer.Ordinal)
    {
        "range", "dict", "lipsum", "cycler", "joiner", "namespace", "raise_exception", "strftime_now",
        "true", "false", "none", "True", "False", "None", "loop", "self", "caller", "varargs", "kwargs",
    };

    /// <summary>Attribute names that lead from a template object to Python internals.</summary>
    private static readonly HashSet<string> EscapeAttributes = new(StringComparer.Ordinal)
    {
        "mro", "_TemplateReference__context", "func_globals", "f_globals", "gi_frame", "gi_code", "cr_frame",
        "tb_frame", "f_back", "f_builtins", "im_func",
    };

    public static void Analyze(JinjaTemplate template, TemplateAnalysis analysis, TemplateKind kind, bool reportSyntax)
    {
        if (reportSyntax)
        {
            analysis.Issues.AddRange(template.Errors);
        }

        foreach (var site in template.Sites)
        {
            FindDangerous(site, analysis, kind);
            var exprs = site.Parsed ? site.Expressions : null;
            if (exprs is not null && exprs.Count > 0)
            {
                foreach (var expr in exprs)
                {
                    foreach (var name in FreeNames(expr, template))
                    {
                        analysis.References.Add(new VariableReference(name.Name!, name.Start, name.End));
                    }
                }
            }
            else
            {
                foreach (var t in FallbackNames(site, template))
                {
                    analysis.References.Add(new VariableReference(t.Text, t.Start, t.End));
                }
            }

            if (!site.IsOutput)
            {
                continue;
            }

            var filters = new List<string>();
            var roots = new List<string>();
            if (exprs is { Count: > 0 })
            {
                foreach (var e in exprs[0].DescendantsAndSelf())
                {
                    if (e.Kind == JinjaExprKind.Filter && e.Name is { } f)
                    {
                        filters.Add(f.ToLowerInvariant());
                    }
                }

                foreach (var n in FreeNames(exprs[0], template))
                {
                    AddRoot(roots, n.Name!);
                }

                foreach (var loopVar in LoopVariables(exprs[0], template))
                {
                    foreach (var src in FreeNames(template.LoopSources[loopVar], template))
                    {
                        AddRoot(roots, src.Name!);
                    }
                }
            }
            else
            {
                foreach (var t in FallbackNames(site, template))
                {
                    AddRoot(roots, t.Text);
                }
            }

            var exprText = template.Source[site.Segment.InnerStart..site.Segment.InnerEnd].Trim();
            foreach (var root in roots)
            {
                analysis.Placeholders.Add(new Placeholder(root, exprText, site.Segment.Start, site.Segment.End) { Filters = filters });
            }
        }
    }

    private static void AddRoot(List<string> roots, string name)
    {
        if (!roots.Contains(name, StringComparer.Ordinal))
        {
            roots.Add(name);
        }
    }

    /// <summary>Free variable uses in an expression: names not bound by the template and not globals.</summary>
    private static IEnumerable<JinjaExpr> FreeNames(JinjaExpr expr, JinjaTemplate template)
    {
        foreach (var e in expr.DescendantsAndSelf())
        {
            if (e.Kind == JinjaExprKind.Name && e.Name is { } n && !template.Bound.Contains(n) && !Globals.Contains(n))
            {
                yield return e;
            }
        }
    }

    private static IEnumerable<string> LoopVariables(JinjaExpr expr, JinjaTemplate template)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in expr.DescendantsAndSelf())
        {
            if (e.Kind == JinjaExprKind.Name && e.Name is { } n && template.LoopSources.ContainsKey(n) && seen.Add(n))
            {
                yield return n;
            }
        }
    }

    private static IEnumerable<JinjaToken> FallbackNames(JinjaSite site, JinjaTemplate template)
    {
        var tokens = site.Tokens;
        var start = site.Keyword is null ? 0 : 1;
        for (var i = start; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Kind != JinjaTokenKind.Name || JinjaExpressionParser.IsKeyword(t.Text) || Globals.Contains(t.Text) || template.Bound.Contains(t.Text))
            {
                continue;
            }

            if (i > 0 && (tokens[i - 1].Is(".") || tokens[i - 1].Is("|") || tokens[i - 1].IsName("is")))
            {
                continue;
            }

            if (i + 1 < tokens.Count && tokens[i + 1].Is("="))
            {
                continue;
            }

            yield return t;
        }
    }

    private static void FindDangerous(JinjaSite site, TemplateAnalysis analysis, TemplateKind kind)
    {
        var tokens = site.Tokens;
        var reported = false;
        void Report(int start, int end, string message)
        {
            if (!reported)
            {
                analysis.Issues.Add(new TemplateIssue(start, end, RuleIds.JinjaSandboxEscape, message));
                reported = true;
            }
        }

        if (kind == TemplateKind.ChatTemplate && site.Keyword is "import" or "from" or "include" or "extends")
        {
            Report(site.Segment.Start, site.Segment.End, $"chat template uses '{{% {site.Keyword} %}}', which loads other templates from the renderer's environment");
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Kind == JinjaTokenKind.Name)
            {
                var afterDot = i > 0 && tokens[i - 1].Is(".");
                if (IsDunder(t.Text))
                {
                    Report(t.Start, t.End, $"accesses '{t.Text}', a Python internal used to escape the Jinja sandbox");
                }
                else if (afterDot && EscapeAttributes.Contains(t.Text))
                {
                    Report(t.Start, t.End, $"accesses '.{t.Text}', a known path from template objects to Python internals");
                }
                else if (afterDot && t.Text.StartsWith('_') && i >= 2 && tokens[i - 2].Kind == JinjaTokenKind.Name && tokens[i - 2].Text is "cycler" or "joiner" or "namespace" or "lipsum" or "self" or "range" or "dict")
                {
                    Report(t.Start, t.End, $"accesses private attribute '{t.Text}' of the built-in '{tokens[i - 2].Text}'");
                }
                else if (t.Text == "attr" && i > 0 && tokens[i - 1].Is("|") && kind == TemplateKind.ChatTemplate
                    && i + 2 < tokens.Count && tokens[i + 1].Is("(") && tokens[i + 2].Kind != JinjaTokenKind.String)
                {
                    Report(t.Start, t.End, "chat template uses '| attr(…)' with a computed attribute name");
                }
            }
            else if (t.Kind == JinjaTokenKind.String && ContainsDunderFragment(t.Text))
            {
                Report(t.Start, t.End, $"string '{Shorten(t.Text)}' names a Python internal; used with attr(), [] or ~ it escapes the sandbox");
            }
        }
    }

    private static bool IsDunder(string name) => name.Length > 4 && name.StartsWith("__", StringComparison.Ordinal) && name.EndsWith("__", StringComparison.Ordinal);

    private static bool ContainsDunderFragment(string value)
    {
        for (var i = 0; i + 2 < value.Length; i++)
        {
            if (value[i] == '_' && value[i + 1] == '_')
            {
                var before = i > 0 ? value[i - 1] : ' ';
                var after = i + 2 < value.Length ? value[i + 2] : ' ';
                if (char.IsAsciiLetter(after) || char.IsAsciiLetter(before))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
