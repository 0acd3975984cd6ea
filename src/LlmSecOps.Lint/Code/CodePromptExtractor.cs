using LlmSecOps.Lint.Documents;
using LlmSecOps.Lint.Templates;
using LlmSecOps.Lint.Text;

namespace LlmSecOps.Lint.Code;

/// <summary>
/// Finds prompt text built in source code: string values in a chat-message position (a
/// <c>{"role": "system", "content": …}</c> dict, a <c>SystemMessage(…)</c> /
/// <c>new SystemChatMessage(…)</c> / <c>AddUserMessage(…)</c> call, a LangChain
/// <c>("system", …)</c> tuple, a <c>system=</c>/<c>instructions=</c>/<c>prompt=</c> argument, or an
/// assignment to a variable named like a prompt), and turns each into a template whose
/// placeholders are the interpolation holes and concatenated expressions.
/// </summary>
internal sealed class CodePromptExtractor
{
    private static readonly Dictionary<string, string> CalleeRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SystemMessage"] = "system", ["SystemChatMessage"] = "system", ["CreateSystemMessage"] = "system", ["AddSystemMessage"] = "system",
        ["SystemMessagePromptTemplate"] = "system", ["ChatRequestSystemMessage"] = "system", ["DeveloperChatMessage"] = "developer",
        ["CreateDeveloperMessage"] = "developer", ["AddDeveloperMessage"] = "developer", ["ChatHistory"] = "system",
        ["HumanMessage"] = "user", ["UserMessage"] = "user", ["UserChatMessage"] = "user", ["CreateUserMessage"] = "user", ["AddUserMessage"] = "user",
        ["HumanMessagePromptTemplate"] = "user", ["ChatRequestUserMessage"] = "user",
        ["AIMessage"] = "assistant", ["AssistantMessage"] = "assistant", ["AssistantChatMessage"] = "assistant", ["CreateAssistantMessage"] = "assistant", ["AddAssistantMessage"] = "assistant",
    };

    private static readonly Dictionary<string, string> KeywordRoles = new(StringComparer.Ordinal)
    {
        ["system"] = "system", ["system_prompt"] = "system", ["systemPrompt"] = "system", ["instructions"] = "system", ["system_message"] = "system",
        ["systemMessage"] = "system", ["system_instruction"] = "system", ["systemInstruction"] = "system", ["Instructions"] = "system",
        ["prompt"] = "user", ["user_prompt"] = "user", ["userPrompt"] = "user", ["input"] = "user", ["query"] = "user",
    };

    private readonly CodeFile _code;
    private readonly LintDocument _doc;
    private readonly bool[] _consumed;

    public CodePromptExtractor(CodeFile code, LintDocument doc)
    {
        _code = code;
        _doc = doc;
        _consumed = new bool[code.Tokens.Count];
    }

    public void Run()
    {
        for (var i = 0; i < _code.Tokens.Count; i++)
        {
            if (_code.Tokens[i].Kind == CodeTokenKind.String && !_consumed[i])
            {
                TryExtract(i);
            }
        }
    }

    private void TryExtract(int i)
    {
        var (left, right) = Slot(i);
        for (var k = left; k < right; k++)
        {
            _consumed[k] = true;
        }

        var context = Context(left, right);
        if (context is null)
        {
            return;
        }

        if (Build(left, right, context.Value.Style) is not { } built)
        {
            return;
        }

        var unit = new PromptUnit { Id = _doc.Stem };
        unit.Templates.Add(new PromptTemplate
        {
            Text = built.Text,
            Origin = built.Origin,
            Role = context.Value.Role,
            Syntax = TemplateSyntax.Interpolated,
            KnownPlaceholders = built.Placeholders,
            WholeMessage = context.Value.WholeMessage,
        });
        _doc.Units.Add(unit);
    }

    /// <summary>The token range of the value expression holding the string at <paramref name="i"/>.</summary>
    private (int Left, int Right) Slot(int i)
    {
        var parent = _code.Parent(i);
        var k = i - 1;
        while (k >= 0)
        {
            var t = _code.Tokens[k];
            if (_code.Parent(k) != parent && !(t.Kind == CodeTokenKind.Punct && t.Text is ")" or "]" or "}"))
            {
                break;
            }

            if (t.Kind == CodeTokenKind.Punct)
            {
                if (t.Text is ")" or "]" || (t.Text == "}" && !_code.IsBlockBrace(k)))
                {
                    var m = _code.Match(k);
                    if (m < 0 || _code.Parent(m) != parent)
                    {
                        break;
                    }

                    k = m - 1;
                    continue;
                }

                if (t.Text is "+" or "." or "?." or "%")
                {
                    k--;
                    continue;
                }

                break;
            }

            if (t.Kind is CodeTokenKind.String or CodeTokenKind.Number || (t.Kind == CodeTokenKind.Identifier && !IsStatementKeyword(t.Text)))
            {
                if (_code.NewlineBefore[k + 1] && _code.Language == CodeLanguage.Python && parent < 0)
                {
                    break;
                }

                k--;
                continue;
            }

            break;
        }

        var left = k + 1;
        k = i + 1;
        while (k < _code.Tokens.Count)
        {
            var t = _code.Tokens[k];
            if (_code.Language == CodeLanguage.Python && parent < 0 && _code.NewlineBefore[k])
            {
                break;
            }

            if (t.Kind == CodeTokenKind.Punct)
            {
                if (t.Text is "(" or "[" || (t.Text == "{" && !_code.IsBlockBrace(k)))
                {
                    var m = _code.Match(k);
                    if (m < 0)
                    {
                        break;
                    }

                    k = m + 1;
                    continue;
                }

                if (t.Text is "+" or "." or "?." or "%")
                {
                    k++;
                    continue;
                }

                break;
            }

            if (t.Kind is CodeTokenKind.String or CodeTokenKind.Number || (t.Kind == CodeTokenKind.Identifier && !IsStatementKeyword(t.Text) && t.Text is not ("if" or "else" or "for" or "and" or "or" or "is" or "in" or "not")))
            {
                if (t.Kind == CodeTokenKind.Identifier && k > i && _code.Tokens[k - 1].Kind is CodeTokenKind.String or CodeTokenKind.Identifier && !_code.Tokens[k - 1].IsPunct("."))
                {
                    // Two operands without an operator between them: the value ended.
                    break;
                }

                k++;
                continue;
            }

            break;
        }

        return (left, k);
    }

    private static bool IsStatementKeyword(string s) => s is "return" or "await" or "yield" or "new" or "const" or "let" or "var" or "throw" or "case" or "using" or "lambda" or "print";

    private readonly record struct SlotContext(string? Role, bool WholeMessage, PlaceholderStyle Style);

    private enum PlaceholderStyle
    {
        None,
        Detect,
        FString,
        SemanticKernel,
    }

    private SlotContext? Context(int left, int right)
    {
        var before = _code.At(left - 1);
        var parent = _code.Parent(left);
        var parentToken = _code.At(parent);
        if (before is null)
        {
            return null;
        }

        // Key/value in a dict, object or anonymous-type literal.
        if ((before.IsPunct(":") || before.IsPunct("=")) && parentToken is not null && parentToken.IsPunct("{") && !_code.IsBlockBrace(parent) && _code.At(left - 2) is { } keyToken)
        {
            var key = keyToken.Text;
            var entries = _code.ArgumentsOf(parent);
            if (key is "content" or "Content" or "text" or "Text")
            {
                foreach (var e in entries)
                {
                    if (e.Keyword is "role" or "Role" && e.ValueStart < e.End)
                    {
                        var roleToken = _code.Tokens[e.ValueStart];
                        var role = roleToken.Kind == CodeTokenKind.String ? roleToken.Text : _code.TextOf(e.ValueStart, e.End);
                        return new SlotContext(TemplateFactory.NormalizeRole(RoleFromExpression(role) ?? role), true, PlaceholderStyle.Detect);
                    }
                }

                return null;
            }

            if (KeywordRoles.TryGetValue(key, out var kwRole) && IsLlmContext(parent))
            {
                return new SlotContext(kwRole, kwRole == "system", PlaceholderStyle.Detect);
            }

            return null;
        }

        // Argument of a call or element of a tuple.
        if (parentToken is not null && parentToken.IsPunct("("))
        {
            var callee = _code.CalleeOf(parent);
            var last = callee.Length == 0 ? string.Empty : callee[(callee.LastIndexOf('.') + 1)..];
            var args = _code.ArgumentsOf(parent);
            var index = args.FindIndex(a => a.Start <= left && left < a.End);
            var arg = index >= 0 ? args[index] : null;
            var keyword = arg?.Keyword;
            if (callee.Length == 0)
            {
                // LangChain message tuple: ("system", "…{x}…").
                if (index == 1 && args[0].End - args[0].Start == 1 && _code.Tokens[args[0].Start] is { Kind: CodeTokenKind.String } roleToken
                    && TemplateFactory.NormalizeRole(roleToken.Text) is "system" or "user" or "assistant" or "developer")
                {
                    return new SlotContext(TemplateFactory.NormalizeRole(roleToken.Text), true, PlaceholderStyle.FString);
                }

                return null;
            }

            var langChain = callee.Contains("PromptTemplate", StringComparison.Ordinal) || last is "from_template" or "from_messages";
            var sk = last is "InvokePromptAsync" or "CreateFunctionFromPrompt" or "InvokePromptStreamingAsync";
            var style = langChain ? PlaceholderStyle.FString : sk ? PlaceholderStyle.SemanticKernel : PlaceholderStyle.Detect;
            var typeName = CalleeRoles.ContainsKey(last) ? last : callee.Split('.').FirstOrDefault(p => CalleeRoles.ContainsKey(p));
            if (typeName is not null && (keyword is null or "content" or "Content" or "text" or "template" or "systemMessage"))
            {
                return new SlotContext(CalleeRoles[typeName], true, style);
            }

            if (keyword is not null && KeywordRoles.TryGetValue(keyword, out var role))
            {
                return new SlotContext(role, role == "system", style);
            }

            // ChatMessage(ChatRole.System, $"…"), new ChatMessageContent(AuthorRole.User, …).
            foreach (var other in args)
            {
                if (other != arg && RoleFromExpression(_code.TextOf(other.Start, other.End)) is { } r)
                {
                    return new SlotContext(r, true, style);
                }
            }

            if (langChain || sk || (_code.IsLlmCallAt(parent) && index == 0 && keyword is null))
            {
                return new SlotContext(langChain && callee.Contains("System", StringComparison.Ordinal) ? "system" : "user", false, style);
            }

            return null;
        }

        // Assignment to a variable named like a prompt.
        if (before.IsPunct("=") || before.IsPunct("+=") || before.IsPunct(":="))
        {
            var name = AssignedName(left - 1);
            if (name is null)
            {
                return null;
            }

            var words = Checks.TrustClassifier.Words(name);
            var isPrompt = words.Any(static w => w is "prompt" or "prompts" or "instruction" or "instructions")
                || (words.Contains("system") && words.Any(static w => w is "message" or "msg"));
            if (!isPrompt || words.Any(static w => w is "path" or "file" or "dir" or "url" or "id" or "key" or "name" or "names" or "count" or "len" or "tokens"))
            {
                return null;
            }

            var role = words.Any(static w => w is "system" or "instruction" or "instructions") ? "system" : "user";
            return new SlotContext(role, false, PlaceholderStyle.Detect);
        }

        return null;
    }

    private bool IsLlmContext(int literalOpen)
    {
        // An object literal passed to an LLM call: generateText({ system: …, prompt: … }).
        var p = _code.Parent(literalOpen);
        return p >= 0 && _code.Tokens[p].IsPunct("(") && _code.IsLlmCallAt(p);
    }

    private static string? RoleFromExpression(string text)
    {
        if (text.EndsWith(".System", StringComparison.Ordinal) || text.EndsWith(".system", StringComparison.Ordinal))
        {
            return "system";
        }

        if (text.EndsWith(".User", StringComparison.Ordinal) || text.EndsWith(".user", StringComparison.Ordinal))
        {
            return "user";
        }

        if (text.EndsWith(".Assistant", StringComparison.Ordinal) || text.EndsWith(".assistant", StringComparison.Ordinal))
        {
            return "assistant";
        }

        if (text.EndsWith(".Developer", StringComparison.Ordinal))
        {
            return "developer";
        }

        return null;
    }

    private string? AssignedName(int eq)
    {
        // Walk back over the left-hand side: Python "name: str = …", C# "string Name = …", "self.x = …".
        string? last = null;
        string? beforeColon = null;
        for (var k = eq - 1; k >= 0 && k > eq - 8; k--)
        {
            var t = _code.Tokens[k];
            if (_code.NewlineBefore[k + 1] && k != eq - 1 && _code.Language != CodeLanguage.CSharp)
            {
                break;
            }

            if (t.Kind == CodeTokenKind.Identifier)
            {
                last ??= t.Text;
            }
            else if (t.IsPunct(":") && _code.At(k - 1) is { Kind: CodeTokenKind.Identifier } n)
            {
                beforeColon = n.Text;
                break;
            }
            else if (!t.IsPunct(".") && !t.IsPunct("<") && !t.IsPunct(">") && !t.IsPunct("?") && !t.IsPunct("[") && !t.IsPunct("]"))
            {
                break;
            }
        }

        return beforeColon ?? last;
    }

    private sealed record Built(string Text, TextOrigin Origin, List<Placeholder> Placeholders);

    /// <summary>Builds the template text of a value: string parts verbatim, other operands as placeholders.</summary>
    private Built? Build(int left, int right, PlaceholderStyle style)
    {
        var sb = new StringBuilderWithMap();
        var placeholders = new List<Placeholder>();
        var sawString = false;
        Dictionary<string, string>? formatArgs = null;
        var percentArgs = new List<string>();

        // Split into operands at top-level '+' (implicit concatenation of adjacent strings also works).
        var k = left;
        while (k < right)
        {
            var t = _code.Tokens[k];
            if (t.IsPunct("+"))
            {
                k++;
                continue;
            }

            if (t.Kind == CodeTokenKind.String && t.Literal is { } lit && !IsMethodReceiver(k, right, out _))
            {
                sawString = true;
                var offset = sb.Length;
                AppendLiteral(sb, lit);
                foreach (var hole in lit.Holes)
                {
                    placeholders.Add(new Placeholder(RootName(hole.Expression), hole.Expression, offset + hole.Start, offset + hole.End)
                    {
                        DelimitedAtSource = BuiltWithDelimiters(hole.Expression, left),
                    });
                }

                if (!lit.Interpolated)
                {
                    var scanStyle = style;
                    if (_code.At(k + 1) is { } dot && dot.IsPunct(".") && _code.At(k + 2) is { } fmt && fmt.IsIdent("format") && _code.At(k + 3) is { } open && open.IsPunct("("))
                    {
                        scanStyle = PlaceholderStyle.FString;
                        formatArgs = FormatArguments(k + 3);
                    }
                    else if (_code.At(k + 1) is { } pct && pct.IsPunct("%"))
                    {
                        percentArgs = PercentArguments(k + 2, right);
                    }

                    ScanLiteralPlaceholders(lit.Value, offset, scanStyle, placeholders);
                    if (percentArgs.Count > 0)
                    {
                        AddPercentPlaceholders(lit.Value, offset, percentArgs, placeholders);
                    }
                }

                k++;
                // Skip a trailing .format(...)/.strip()/% (...) applied to the literal.
                while (k < right && (_code.Tokens[k].IsPunct(".") || _code.Tokens[k].IsPunct("%")))
                {
                    var next = k + 1;
                    if (_code.At(next) is { Kind: CodeTokenKind.Identifier })
                    {
                        next++;
                    }

                    if (_code.At(next) is { } paren && (paren.IsPunct("(") || paren.IsPunct("[")) && _code.Match(next) > 0)
                    {
                        next = _code.Match(next) + 1;
                    }

                    k = next;
                }

                continue;
            }

            // A non-string operand: everything up to the next top-level '+'.
            var start = k;
            while (k < right && !_code.Tokens[k].IsPunct("+"))
            {
                if (_code.Tokens[k].Kind == CodeTokenKind.Punct && _code.Tokens[k].Text is "(" or "[" or "{" && _code.Match(k) > k)
                {
                    k = _code.Match(k) + 1;
                    continue;
                }

                k++;
            }

            var expr = _code.TextOf(start, k);
            if (expr.Length == 0)
            {
                continue;
            }

            var holeStart = sb.Length;
            sb.AppendSource(_code.Text, _code.Tokens[start].Start, _code.Tokens[k - 1].End);
            placeholders.Add(new Placeholder(RootName(expr), expr, holeStart, sb.Length));
        }

        if (!sawString)
        {
            return null;
        }

        if (formatArgs is not null)
        {
            for (var p = 0; p < placeholders.Count; p++)
            {
                if (formatArgs.TryGetValue(placeholders[p].Name, out var source))
                {
                    placeholders[p] = placeholders[p] with { SourceExpression = source };
                }
            }
        }

        var text = sb.ToString();
        var map = sb.Map();
        return new Built(text, TextOrigin.Mapped(map.Length > 0 ? map[0] : _code.Tokens[left].Start, map), placeholders);
    }

    /// <summary>
    /// Whether a plain variable was assigned, earlier in the file, from a string that wraps every
    /// interpolated value in delimiters: the value arrives already delimited.
    /// </summary>
    private bool BuiltWithDelimiters(string expression, int before)
    {
        var name = expression.Trim();
        if (name.Length == 0 || !name.All(static c => char.IsLetterOrDigit(c) || c == '_'))
        {
            return false;
        }

        (int Start, int End)? last = null;
        foreach (var (s, e) in _code.Statements)
        {
            if (s >= before)
            {
                break;
            }

            for (var k = s; k + 1 < e; k++)
            {
                if (_code.Tokens[k].IsIdent(name) && _code.Tokens[k + 1].IsPunct("="))
                {
                    last = (k + 2, e);
                    break;
                }
            }
        }

        if (last is not { } range)
        {
            return false;
        }

        var sawHole = false;
        for (var k = range.Start; k < range.End; k++)
        {
            if (_code.Tokens[k].Literal is { Holes.Count: > 0 } lit)
            {
                foreach (var hole in lit.Holes)
                {
                    sawHole = true;
                    if (!Checks.Delimiters.IsDelimited(lit.Value, hole.Start, hole.End))
                    {
                        return false;
                    }
                }
            }
        }

        return sawHole;
    }

    /// <summary>Whether the string at <paramref name="k"/> is the receiver of a method that builds text from other values ("\n".join(docs)).</summary>
    private bool IsMethodReceiver(int k, int right, out string? method)
    {
        method = null;
        if (k + 2 < right && _code.Tokens[k + 1].IsPunct(".") && _code.Tokens[k + 2] is { Kind: CodeTokenKind.Identifier } m && m.Text is "join" or "Join")
        {
            method = m.Text;
            return true;
        }

        return false;
    }

    private static void AppendLiteral(StringBuilderWithMap sb, StringLiteral lit)
    {
        for (var c = 0; c < lit.Value.Length; c++)
        {
            sb.Append(lit.Value[c], lit.Origin.ToFile(c));
        }
    }

    private static void ScanLiteralPlaceholders(string value, int offset, PlaceholderStyle style, List<Placeholder> placeholders)
    {
        var syntax = style switch
        {
            PlaceholderStyle.FString => TemplateSyntax.FString,
            PlaceholderStyle.SemanticKernel => TemplateSyntax.SemanticKernel,
            PlaceholderStyle.Detect => TemplateScanner.Detect(value),
            _ => TemplateSyntax.Plain,
        };
        if (syntax == TemplateSyntax.Plain)
        {
            return;
        }

        var analysis = new TemplateAnalysis();
        TemplateScanner.Analyze(value, syntax, TemplateKind.Prompt, analysis, strict: false);
        foreach (var p in analysis.Placeholders)
        {
            placeholders.Add(p with { Start = p.Start + offset, End = p.End + offset });
        }
    }

    private static void AddPercentPlaceholders(string value, int offset, List<string> args, List<Placeholder> placeholders)
    {
        var n = 0;
        for (var i = 0; i + 1 < value.Length && n < args.Count; i++)
        {
            if (value[i] == '%' && value[i + 1] == '%')
            {
                i++;
                continue;
            }

            if (value[i] == '%' && char.IsAsciiLetter(value[i + 1]))
            {
                placeholders.Add(new Placeholder(RootName(args[n]), args[n], offset + i, offset + i + 2));
                n++;
                i++;
            }
        }
    }

    private Dictionary<string, string> FormatArguments(int open)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in _code.ArgumentsOf(open))
        {
            if (a.Keyword is { } kw)
            {
                result[kw] = _code.TextOf(a.ValueStart, a.End);
            }
        }

        return result;
    }

    private List<string> PercentArguments(int start, int right)
    {
        var list = new List<string>();
        var t = _code.At(start);
        if (t is null)
        {
            return list;
        }

        if (t.IsPunct("(") && _code.Match(start) > start)
        {
            foreach (var a in _code.ArgumentsOf(start))
            {
                list.Add(_code.TextOf(a.Start, a.End));
            }
        }
        else
        {
            list.Add(_code.TextOf(start, Math.Min(right, start + 1)));
        }

        return list;
    }

    /// <summary>The variable an expression is read from: <c>self.user_input.strip()</c> → <c>user_input</c>.</summary>
    public static string RootName(string expression)
    {
        var s = expression.Trim();
        var i = 0;
        var names = new List<string>();
        while (i < s.Length && names.Count < 3)
        {
            while (i < s.Length && !(char.IsLetter(s[i]) || s[i] == '_' || s[i] == '$'))
            {
                if (s[i] is '"' or '\'' or '`')
                {
                    break;
                }

                i++;
            }

            var start = i;
            while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_' || s[i] == '$'))
            {
                i++;
            }

            if (i == start)
            {
                break;
            }

            names.Add(s[start..i]);
            if (i >= s.Length || s[i] != '.')
            {
                break;
            }
        }

        foreach (var n in names)
        {
            if (n is not ("self" or "this" or "await" or "new" or "str" or "String" or "repr" or "json" or "JSON"))
            {
                return n;
            }
        }

        return names.Count > 0 ? names[^1] : s;
    }
}
