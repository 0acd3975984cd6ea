using System.Text.RegularExpressions;
using LlmSecOps.Lint.Diagnostics;
using LlmSecOps.Lint.Documents;

namespace LlmSecOps.Lint.Code;

/// <summary>
/// Follows model output through a file by name: a variable assigned from an LLM call (or from an
/// expression holding model output) carries model output, and so does anything assigned from
/// it. Then reports model output reaching code evaluation, SQL, shell commands, HTML rendering
/// and JSON parsing without a requested schema. Intra-file and name-based: quick, predictable,
/// and precise enough for review, not a full data-flow analysis.
/// </summary>
internal sealed partial class OutputSinkChecker
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "const", "let", "var", "val", "await", "async", "return", "new", "in", "of", "for", "foreach", "if", "not", "and", "or", "is", "as", "with",
        "string", "int", "object", "dynamic", "public", "private", "protected", "internal", "static", "readonly", "final", "def", "export", "using",
    };

    private readonly CodeFile _code;
    private readonly LintDocument _doc;
    private readonly HashSet<string> _tainted = new(StringComparer.Ordinal);
    private readonly bool _hasSchema;
    private readonly bool _sqlAlchemy;

    public OutputSinkChecker(CodeFile code, LintDocument doc)
    {
        _code = code;
        _doc = doc;
        _hasSchema = SchemaMarkerRegex().IsMatch(code.Text);
        _sqlAlchemy = code.Text.Contains("sqlalchemy", StringComparison.Ordinal);
    }

    public bool SawLlmCall { get; private set; }

    public void Run()
    {
        // Two passes so that a name assigned later in the file but used in a loop body earlier is still followed.
        Propagate();
        Propagate();
        CheckCalls();
        CheckAssignments();
        CheckJsx();
    }

    private void Propagate()
    {
        foreach (var (s, e) in _code.Statements)
        {
            var first = _code.Tokens[s];
            if (first.Text is "for" or "foreach")
            {
                var inAt = -1;
                for (var k = s + 1; k < e; k++)
                {
                    if (_code.Tokens[k].IsIdent("in") || _code.Tokens[k].IsIdent("of"))
                    {
                        inAt = k;
                        break;
                    }
                }

                if (inAt > 0 && IsTainted(inAt + 1, e))
                {
                    foreach (var name in Targets(s + 1, inAt))
                    {
                        _tainted.Add(name);
                    }
                }

                continue;
            }

            var eq = -1;
            for (var k = s; k < e; k++)
            {
                var t = _code.Tokens[k];
                if (t.Kind == CodeTokenKind.Punct && t.Text is "=" or ":=" or "+=" or "??=" && _code.Parent(k) == _code.Parent(s))
                {
                    eq = k;
                    break;
                }
            }

            if (eq <= s || eq + 1 >= e)
            {
                continue;
            }

            if (IsTainted(eq + 1, e))
            {
                foreach (var name in Targets(s, eq))
                {
                    _tainted.Add(name);
                }
            }
        }
    }

    private IEnumerable<string> Targets(int start, int end)
    {
        if (_code.Language == CodeLanguage.CSharp)
        {
            for (var k = end - 1; k >= start; k--)
            {
                if (_code.Tokens[k].Kind == CodeTokenKind.Identifier && !Keywords.Contains(_code.Tokens[k].Text))
                {
                    yield return _code.Tokens[k].Text;
                    yield break;
                }
            }

            yield break;
        }

        for (var k = start; k < end; k++)
        {
            var t = _code.Tokens[k];
            if (t.Kind != CodeTokenKind.Identifier || Keywords.Contains(t.Text))
            {
                continue;
            }

            var prev = _code.At(k - 1);
            if (prev is not null && (prev.IsPunct(":") || (prev.IsPunct(".") && !(k >= 2 && _code.Tokens[k - 2].Text is "self" or "this"))))
            {
                continue;
            }

            if (_code.At(k + 1) is { } next && next.IsPunct(".") && t.Text is "self" or "this")
            {
                continue;
            }

            yield return t.Text;
        }
    }

    /// <summary>Whether tokens [start, end) carry model output.</summary>
    private bool IsTainted(int start, int end)
    {
        for (var k = start; k < end; k++)
        {
            var t = _code.Tokens[k];
            if (t.Kind == CodeTokenKind.Identifier)
            {
                if (_tainted.Contains(t.Text) && !(_code.At(k - 1) is { } p && p.IsPunct(".") && !(k >= 2 && _code.Tokens[k - 2].Text is "self" or "this")))
                {
                    return true;
                }

                if (_code.At(k + 1) is { } open && open.IsPunct("(") && _code.IsLlmCallAt(k + 1))
                {
                    SawLlmCall = true;
                    return true;
                }
            }
            else if (t.Kind == CodeTokenKind.String && t.Literal is { Holes.Count: > 0 } lit)
            {
                foreach (var hole in lit.Holes)
                {
                    if (ExpressionTainted(hole.Expression))
                    {
                        return true;
                    }
                }
            }
        }

        return CodeNames.LooksLikeModelOutput(_code.TextOf(start, end));
    }

    private bool ExpressionTainted(string expression)
    {
        foreach (Match m in IdentifierRegex().Matches(expression))
        {
            if (_tainted.Contains(m.Value))
            {
                return true;
            }
        }

        return CodeNames.LooksLikeModelOutput(expression);
    }

    private void CheckCalls()
    {
        for (var k = 0; k < _code.Tokens.Count; k++)
        {
            if (!_code.Tokens[k].IsPunct("(") || k == 0)
            {
                continue;
            }

            var callee = _code.CalleeOf(k);
            if (callee.Length == 0)
            {
                continue;
            }

            if (!MaybeSink(callee))
            {
                continue;
            }

            var isNew = IsNewExpression(k);
            var args = _code.ArgumentsOf(k);
            if (args.Count == 0)
            {
                continue;
            }

            var (rule, argIndex, what) = Classify(callee, isNew, args);
            if (rule is null)
            {
                continue;
            }

            var arg = argIndex < args.Count ? args[argIndex] : null;
            if (arg is null || !IsTainted(arg.ValueStart, arg.End))
            {
                continue;
            }

            var argText = _code.TextOf(arg.ValueStart, arg.End);
            if (rule == RuleIds.UnsanitizedHtmlOutput && CodeNames.IsSanitized(argText))
            {
                continue;
            }

            if (rule == RuleIds.OutputParsedWithoutSchema && _hasSchema)
            {
                continue;
            }

            var start = _code.Tokens[k - 1].Start;
            var calleeStart = CalleeStart(k);
            Report(rule, calleeStart, _code.Tokens[_code.Match(k) >= 0 ? _code.Match(k) : k].End, $"model output '{Shorten(argText)}' reaches {what} ({callee})", callee);
            _ = start;
        }
    }

    /// <summary>A cheap first filter on the method name before the argument list is looked at.</summary>
    private static bool MaybeSink(string callee)
    {
        var last = callee[(callee.LastIndexOf('.') + 1)..];
        return last is "eval" or "exec" or "compile" or "render_template_string" or "from_string" or "Template" or "system" or "popen" or "execl" or "execlp" or "execv" or "execvp"
            or "spawnl" or "spawnlp" or "run" or "call" or "check_call" or "check_output" or "Popen" or "getoutput" or "getstatusoutput" or "spawn" or "execute" or "executemany"
            or "executescript" or "exec_driver_sql" or "raw" or "read_sql" or "read_sql_query" or "text" or "Markup" or "mark_safe" or "HTML" or "html" or "markdown" or "loads"
            or "Function" or "execSync" or "spawnSync" or "execFile" or "execFileSync" or "query" or "$queryRawUnsafe" or "$executeRawUnsafe" or "unsafe" or "insertAdjacentHTML"
            or "write" or "writeln" or "parse" or "EvaluateAsync" or "RunAsync" or "Create" or "Start" or "ProcessStartInfo" or "ExecuteSqlRaw" or "ExecuteSqlRawAsync" or "FromSqlRaw"
            or "SqlQueryRaw" or "SqlCommand" or "NpgsqlCommand" or "SqliteCommand" or "MySqlCommand" or "OracleCommand" or "Query" or "QueryAsync" or "Execute" or "ExecuteAsync"
            or "QueryFirst" or "QueryFirstAsync" or "QuerySingle" or "QuerySingleAsync" or "ExecuteScalar" or "ExecuteScalarAsync" or "Raw" or "HtmlString" or "MarkupString"
            or "Parse" || last.StartsWith("Deserialize", StringComparison.Ordinal) || callee.StartsWith("vm.", StringComparison.Ordinal);
    }

    private bool IsNewExpression(int open)
    {
        var i = open - 1;
        while (i > 0 && (_code.Tokens[i - 1].IsPunct(".") || _code.Tokens[i - 1].IsPunct("?.")) && _code.Tokens[i - 2].Kind == CodeTokenKind.Identifier)
        {
            i -= 2;
        }

        return _code.At(i - 1) is { } n && n.IsIdent("new");
    }

    private int CalleeStart(int open)
    {
        var i = open - 1;
        while (i > 0 && (_code.Tokens[i - 1].IsPunct(".") || _code.Tokens[i - 1].IsPunct("?.")) && _code.Tokens[i - 2].Kind == CodeTokenKind.Identifier)
        {
            i -= 2;
        }

        if (_code.At(i - 1) is { } n && n.IsIdent("new"))
        {
            i--;
        }

        return _code.Tokens[Math.Max(0, i)].Start;
    }

    private (string? Rule, int Arg, string What) Classify(string callee, bool isNew, List<CodeArgument> args)
    {
        var last = callee[(callee.LastIndexOf('.') + 1)..];
        switch (_code.Language)
        {
            case CodeLanguage.Python:
                if (callee is "eval" or "exec" or "compile" or "builtins.eval" or "builtins.exec" || last is "render_template_string" or "from_string" || callee is "Template" or "jinja2.Template")
                {
                    return (RuleIds.EvalOfModelOutput, 0, "code evaluation");
                }

                if (callee.StartsWith("os.", StringComparison.Ordinal) && last is "system" or "popen" or "execl" or "execlp" or "execv" or "execvp" or "spawnl" or "spawnlp"
                    || callee.StartsWith("subprocess.", StringComparison.Ordinal) && last is "run" or "call" or "check_call" or "check_output" or "Popen" or "getoutput" or "getstatusoutput"
                    || callee is "pexpect.spawn" or "commands.getoutput")
                {
                    return (RuleIds.ShellFromModelOutput, 0, "a shell command");
                }

                if (last is "execute" or "executemany" or "executescript" or "exec_driver_sql" or "raw" or "read_sql" or "read_sql_query" || (last == "text" && _sqlAlchemy))
                {
                    return (RuleIds.SqlFromModelOutput, 0, "a SQL statement");
                }

                if (last is "Markup" or "mark_safe" or "HTML" || callee is "st.html" or "gr.HTML" || (last == "markdown" && args.Any(a => a.Keyword == "unsafe_allow_html" && _code.TextOf(a.ValueStart, a.End) == "True")))
                {
                    return (RuleIds.UnsanitizedHtmlOutput, 0, "HTML rendering without escaping");
                }

                if (callee is "json.loads" or "orjson.loads" or "ujson.loads")
                {
                    return (RuleIds.OutputParsedWithoutSchema, 0, "JSON parsing with no output schema requested");
                }

                break;
            case CodeLanguage.TypeScript:
                if (callee is "eval" or "Function" or "window.eval" || callee.StartsWith("vm.", StringComparison.Ordinal) && last.StartsWith("run", StringComparison.Ordinal) || (isNew && last == "Function"))
                {
                    return (RuleIds.EvalOfModelOutput, 0, "code evaluation");
                }

                if (last is "exec" or "execSync" or "spawn" or "spawnSync" or "execFile" or "execFileSync" && (callee.Contains("child_process", StringComparison.Ordinal) || callee == last || callee.StartsWith("cp.", StringComparison.Ordinal)) || callee is "Bun.spawn" or "Bun.spawnSync")
                {
                    return (RuleIds.ShellFromModelOutput, 0, "a shell command");
                }

                if (last is "query" or "execute" or "raw" or "$queryRawUnsafe" or "$executeRawUnsafe" or "unsafe" && callee != last)
                {
                    return (RuleIds.SqlFromModelOutput, 0, "a SQL statement");
                }

                if (last == "insertAdjacentHTML")
                {
                    return (RuleIds.UnsanitizedHtmlOutput, 1, "HTML rendering without sanitising");
                }

                if (callee is "document.write" or "document.writeln" || (last == "html" && callee.StartsWith('$')))
                {
                    return (RuleIds.UnsanitizedHtmlOutput, 0, "HTML rendering without sanitising");
                }

                if (callee is "JSON.parse")
                {
                    return (RuleIds.OutputParsedWithoutSchema, 0, "JSON parsing with no output schema requested");
                }

                break;
            case CodeLanguage.CSharp:
                if (callee.Contains("CSharpScript", StringComparison.Ordinal) && last is "EvaluateAsync" or "RunAsync" or "Create")
                {
                    return (RuleIds.EvalOfModelOutput, 0, "code evaluation");
                }

                if ((callee is "Process.Start" or "System.Diagnostics.Process.Start") || (isNew && last == "ProcessStartInfo"))
                {
                    return (RuleIds.ShellFromModelOutput, args.Count > 1 ? 1 : 0, "a process command line");
                }

                if (last is "ExecuteSqlRaw" or "ExecuteSqlRawAsync" or "FromSqlRaw" or "SqlQueryRaw" || (isNew && last.EndsWith("Command", StringComparison.Ordinal) && last is "SqlCommand" or "NpgsqlCommand" or "SqliteCommand" or "MySqlCommand" or "OracleCommand")
                    || (last is "Query" or "QueryAsync" or "Execute" or "ExecuteAsync" or "QueryFirst" or "QueryFirstAsync" or "QuerySingle" or "QuerySingleAsync" or "ExecuteScalar" or "ExecuteScalarAsync" && callee.Contains("onn", StringComparison.OrdinalIgnoreCase)))
                {
                    return (RuleIds.SqlFromModelOutput, 0, "a SQL statement");
                }

                if (callee is "Html.Raw" || (isNew && last is "HtmlString" or "MarkupString"))
                {
                    return (RuleIds.UnsanitizedHtmlOutput, 0, "HTML rendering without encoding");
                }

                if (callee.StartsWith("JsonSerializer.Deserialize", StringComparison.Ordinal) || callee is "JsonDocument.Parse" or "JsonNode.Parse" or "JObject.Parse" or "JToken.Parse" || callee.StartsWith("JsonConvert.DeserializeObject", StringComparison.Ordinal))
                {
                    return (RuleIds.OutputParsedWithoutSchema, 0, "JSON parsing with no output schema requested");
                }

                break;
        }

        return (null, 0, string.Empty);
    }

    private void CheckAssignments()
    {
        for (var k = 1; k + 1 < _code.Tokens.Count; k++)
        {
            var t = _code.Tokens[k];
            if (t.Kind != CodeTokenKind.Identifier || !_code.Tokens[k + 1].IsPunct("=") || !_code.Tokens[k - 1].IsPunct("."))
            {
                continue;
            }

            string? rule = null;
            string what = string.Empty;
            if (_code.Language == CodeLanguage.TypeScript && t.Text is "innerHTML" or "outerHTML")
            {
                (rule, what) = (RuleIds.UnsanitizedHtmlOutput, "HTML rendering without sanitising");
            }
            else if (_code.Language == CodeLanguage.CSharp && t.Text == "CommandText")
            {
                (rule, what) = (RuleIds.SqlFromModelOutput, "a SQL statement");
            }
            else if (_code.Language == CodeLanguage.CSharp && t.Text is "Arguments" or "FileName" && _code.Text.Contains("ProcessStartInfo", StringComparison.Ordinal))
            {
                (rule, what) = (RuleIds.ShellFromModelOutput, "a process command line");
            }

            if (rule is null)
            {
                continue;
            }

            var end = StatementEnd(k + 2);
            if (!IsTainted(k + 2, end))
            {
                continue;
            }

            var rhs = _code.TextOf(k + 2, end);
            if (rule == RuleIds.UnsanitizedHtmlOutput && CodeNames.IsSanitized(rhs))
            {
                continue;
            }

            Report(rule, t.Start, _code.Tokens[end - 1].End, $"model output '{Shorten(rhs)}' is assigned to .{t.Text}, reaching {what}", t.Text);
        }
    }

    private void CheckJsx()
    {
        if (_code.Language != CodeLanguage.TypeScript)
        {
            return;
        }

        for (var k = 0; k + 2 < _code.Tokens.Count; k++)
        {
            if (!_code.Tokens[k].IsIdent("dangerouslySetInnerHTML"))
            {
                continue;
            }

            // dangerouslySetInnerHTML={{ __html: value }}
            for (var j = k + 1; j < Math.Min(_code.Tokens.Count, k + 8); j++)
            {
                if (!_code.Tokens[j].IsIdent("__html") || _code.At(j + 1) is not { } colon || !colon.IsPunct(":"))
                {
                    continue;
                }

                var end = j + 2;
                var parent = _code.Parent(j);
                while (end < _code.Tokens.Count && _code.Parent(end) != _code.Parent(parent) && !(_code.Tokens[end].IsPunct(",") && _code.Parent(end) == parent))
                {
                    if (_code.Tokens[end].IsPunct("}") && _code.Match(end) == parent)
                    {
                        break;
                    }

                    end++;
                }

                var value = _code.TextOf(j + 2, end);
                if (IsTainted(j + 2, end) && !CodeNames.IsSanitized(value))
                {
                    Report(RuleIds.UnsanitizedHtmlOutput, _code.Tokens[k].Start, _code.Tokens[Math.Max(j + 2, end - 1)].End, $"model output '{Shorten(value)}' is rendered with dangerouslySetInnerHTML without sanitising", "dangerouslySetInnerHTML");
                }

                break;
            }
        }
    }

    private int StatementEnd(int from)
    {
        foreach (var (s, e) in _code.Statements)
        {
            if (from >= s && from < e)
            {
                return e;
            }
        }

        return Math.Min(_code.Tokens.Count, from + 1);
    }

    private void Report(string rule, int start, int end, string message, string key) =>
        _doc.Findings.Add(new RawFinding(rule, start, end, message, key));

    private static string Shorten(string s)
    {
        s = string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return s.Length <= 60 ? s : s[..57] + "...";
    }

    [GeneratedRegex(@"[A-Za-z_$][\w$]*", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex IdentifierRegex();

    [GeneratedRegex(@"response_format|responseFormat|ResponseFormat|json_schema|jsonSchema|with_structured_output|structured_output|OutputParser|output_parser|response_model|model_validate_json|parse_raw|zodResponseFormat|generateObject|text_format|CreateJsonSchemaFormat|JsonSchema\.|jsonschema\.validate|\.safeParse\(|\.parse\(\s*JSON\.parse", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex SchemaMarkerRegex();
}
