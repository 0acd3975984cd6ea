namespace LlmSecOps.Lint.Code;

/// <summary>
/// A tokenized source file with the structure the checks need: matching brackets, the
/// innermost bracket around each token, whether a brace opens a block or a literal, and a
/// split into statements. Comments are kept aside (suppressions read raw lines anyway).
/// </summary>
internal sealed class CodeFile
{
    private readonly int[] _match;
    private readonly int[] _parent;
    private readonly bool[] _block;
    private readonly Dictionary<int, string> _callees = [];
    private readonly Dictionary<int, List<CodeArgument>> _arguments = [];
    private readonly Dictionary<string, bool> _llmCalls = new(StringComparer.Ordinal);

    private CodeFile(CodeLanguage language, string text, List<CodeToken> all)
    {
        Language = language;
        Text = text;
        var tokens = new List<CodeToken>(all.Count);
        var newlineBefore = new List<bool>(all.Count);
        var sawNewline = true;
        foreach (var t in all)
        {
            if (t.Kind == CodeTokenKind.Newline)
            {
                sawNewline = true;
                continue;
            }

            if (t.Kind == CodeTokenKind.Comment)
            {
                // A comment ends the line for Python/TS; the newline token follows it anyway.
                continue;
            }

            tokens.Add(t);
            newlineBefore.Add(sawNewline);
            sawNewline = false;
        }

        Tokens = tokens;
        NewlineBefore = newlineBefore;
        Comments = all.Where(static t => t.Kind == CodeTokenKind.Comment).Select(static t => (t.Start, t.End)).ToList();
        _match = new int[tokens.Count];
        _parent = new int[tokens.Count];
        _block = new bool[tokens.Count];
        Array.Fill(_match, -1);
        Structure();
        Statements = SplitStatements();
    }

    public CodeLanguage Language { get; }

    public string Text { get; }

    /// <summary>Significant tokens (no comments or newlines).</summary>
    public IReadOnlyList<CodeToken> Tokens { get; }

    /// <summary>Whether a line break precedes each token.</summary>
    public IReadOnlyList<bool> NewlineBefore { get; }

    /// <summary>File offset ranges of the comments.</summary>
    public IReadOnlyList<(int Start, int End)> Comments { get; }

    /// <summary>Statements as token index ranges [Start, End).</summary>
    public IReadOnlyList<(int Start, int End)> Statements { get; }

    public static CodeFile Parse(CodeLanguage language, string text)
    {
        var tokens = language switch
        {
            CodeLanguage.Python => PythonTokenizer.Tokenize(text),
            CodeLanguage.CSharp => CSharpTokenizer.Tokenize(text),
            _ => TypeScriptTokenizer.Tokenize(text),
        };
        return new CodeFile(language, text, tokens);
    }

    /// <summary>Index of the bracket matching the one at <paramref name="i"/>, or -1.</summary>
    public int Match(int i) => i >= 0 && i < _match.Length ? _match[i] : -1;

    /// <summary>Index of the innermost open bracket enclosing token <paramref name="i"/>, or -1.</summary>
    public int Parent(int i) => i >= 0 && i < _parent.Length ? _parent[i] : -1;

    /// <summary>Whether the brace at <paramref name="i"/> opens or closes a code block (not an object/dict literal).</summary>
    public bool IsBlockBrace(int i) => i >= 0 && i < _block.Length && _block[i];

    public CodeToken? At(int i) => i >= 0 && i < Tokens.Count ? Tokens[i] : null;

    /// <summary>The source text of tokens [start, end).</summary>
    public string TextOf(int start, int end)
    {
        if (start >= end || start < 0 || end > Tokens.Count)
        {
            return string.Empty;
        }

        return Text[Tokens[start].Start..Tokens[end - 1].End];
    }

    /// <summary>
    /// The dotted name called by the parenthesis at <paramref name="open"/>: for
    /// <c>client.chat.completions.create(</c> it is <c>client.chat.completions.create</c>.
    /// Call results and indexers in the chain are kept as <c>()</c> and <c>[]</c>.
    /// </summary>
    public string CalleeOf(int open)
    {
        // Several checks ask about the same call; compute each once.
        if (!_callees.TryGetValue(open, out var callee))
        {
            callee = ComputeCallee(open);
            _callees[open] = callee;
        }

        return callee;
    }

    /// <summary>Whether the parenthesis at <paramref name="open"/> calls an LLM (cached per callee name).</summary>
    public bool IsLlmCallAt(int open)
    {
        var callee = CalleeOf(open);
        if (!_llmCalls.TryGetValue(callee, out var result))
        {
            result = CodeNames.IsLlmCall(callee);
            _llmCalls[callee] = result;
        }

        return result;
    }

    private string ComputeCallee(int open)
    {
        var parts = new List<string>();
        var i = open - 1;
        // Generic arguments: Foo<Bar>(…).
        if (At(i) is { } gt && gt.IsPunct(">"))
        {
            var depth = 0;
            for (var k = i; k >= 0 && k > i - 20; k--)
            {
                if (Tokens[k].IsPunct(">"))
                {
                    depth++;
                }
                else if (Tokens[k].IsPunct("<"))
                {
                    depth--;
                    if (depth == 0)
                    {
                        i = k - 1;
                        break;
                    }
                }
            }
        }

        while (i >= 0)
        {
            var t = Tokens[i];
            if (t.Kind == CodeTokenKind.Identifier)
            {
                parts.Add(t.Text);
                i--;
            }
            else if ((t.IsPunct(")") || t.IsPunct("]")) && Match(i) is var m && m >= 0 && m < i)
            {
                parts.Add(t.IsPunct(")") ? "()" : "[]");
                i = m - 1;
                continue;
            }
            else
            {
                break;
            }

            if (i >= 0 && (Tokens[i].IsPunct(".") || Tokens[i].IsPunct("?.") || Tokens[i].IsPunct("!.")))
            {
                i--;
                continue;
            }

            break;
        }

        parts.Reverse();
        return string.Join('.', parts).Replace(".()", "()", StringComparison.Ordinal).Replace(".[]", "[]", StringComparison.Ordinal);
    }

    /// <summary>Arguments of the call or literal opened at <paramref name="open"/>: token ranges split at top-level commas, with a keyword name when written <c>name=value</c> / <c>name: value</c>.</summary>
    public List<CodeArgument> ArgumentsOf(int open)
    {
        if (!_arguments.TryGetValue(open, out var cached))
        {
            cached = ComputeArguments(open);
            _arguments[open] = cached;
        }

        return cached;
    }

    private List<CodeArgument> ComputeArguments(int open)
    {
        var list = new List<CodeArgument>();
        var close = Match(open);
        if (close < 0)
        {
            close = Tokens.Count;
        }

        var start = open + 1;
        for (var i = open + 1; i <= close; i++)
        {
            if (i == close || (Tokens[i].IsPunct(",") && Parent(i) == open))
            {
                if (i > start)
                {
                    list.Add(MakeArgument(start, i));
                }

                start = i + 1;
            }
        }

        return list;
    }

    private CodeArgument MakeArgument(int start, int end)
    {
        var keyword = (string?)null;
        var valueStart = start;
        if (end - start >= 2 && Tokens[start].Kind is CodeTokenKind.Identifier or CodeTokenKind.String)
        {
            var sep = Tokens[start + 1];
            var isKw = Language switch
            {
                CodeLanguage.Python => sep.IsPunct("=") || sep.IsPunct(":"),
                CodeLanguage.CSharp => sep.IsPunct(":") || sep.IsPunct("="),
                _ => sep.IsPunct(":") || sep.IsPunct("="),
            };
            if (isKw)
            {
                keyword = Tokens[start].Text;
                valueStart = start + 2;
            }
        }

        return new CodeArgument(start, end, valueStart, keyword);
    }

    private void Structure()
    {
        var stack = new Stack<int>();
        for (var i = 0; i < Tokens.Count; i++)
        {
            _parent[i] = stack.Count > 0 ? stack.Peek() : -1;
            var t = Tokens[i];
            if (t.Kind != CodeTokenKind.Punct)
            {
                continue;
            }

            switch (t.Text)
            {
                case "(" or "[" or "{":
                    if (t.Text == "{")
                    {
                        _block[i] = IsBlockOpen(i, stack.Count > 0 ? stack.Peek() : -1);
                    }

                    stack.Push(i);
                    break;
                case ")" or "]" or "}":
                {
                    var want = t.Text switch { ")" => "(", "]" => "[", _ => "{" };
                    // Pop to the matching opener, tolerating stray brackets.
                    if (stack.Any(k => Tokens[k].Text == want))
                    {
                        while (stack.Count > 0)
                        {
                            var open = stack.Pop();
                            if (Tokens[open].Text == want)
                            {
                                _match[open] = i;
                                _match[i] = open;
                                _block[i] = _block[open];
                                break;
                            }
                        }
                    }

                    _parent[i] = stack.Count > 0 ? stack.Peek() : -1;
                    break;
                }
            }
        }
    }

    private bool IsBlockOpen(int i, int enclosing)
    {
        if (Language == CodeLanguage.Python)
        {
            return false;
        }

        var prev = At(i - 1);
        if (prev is null)
        {
            return true;
        }

        if (prev.Kind == CodeTokenKind.Punct)
        {
            switch (prev.Text)
            {
                case "=" or "(" or "," or ":" or "[" or "?" or "??" or "||" or "&&" or "!" or "+" or "..." or "==" or "===" or "return":
                    return false;
                case "{":
                    return _block[i - 1] is var parentBlock && parentBlock;
                case "=>":
                    return true;
            }
        }

        if (prev.Kind == CodeTokenKind.Identifier && prev.Text is "return" or "yield" or "await" or "new" or "case")
        {
            return false;
        }

        if (Language == CodeLanguage.CSharp && FollowsNew(i))
        {
            return false;
        }

        if (Language == CodeLanguage.TypeScript && prev.Kind == CodeTokenKind.Identifier && enclosing >= 0 && !_block[enclosing] && Tokens[enclosing].Text is "{" && At(i - 2) is { } colon && colon.IsPunct(":"))
        {
            return false;
        }

        return true;
    }

    /// <summary>C#: whether the brace belongs to a <c>new T(…) { … }</c> or <c>new { … }</c> initializer.</summary>
    private bool FollowsNew(int brace)
    {
        var k = brace - 1;
        for (var steps = 0; k >= 0 && steps < 24; steps++)
        {
            var t = Tokens[k];
            if (t.IsIdent("new"))
            {
                return true;
            }

            if (t.IsPunct(")") || t.IsPunct("]"))
            {
                var m = Match(k);
                if (m < 0)
                {
                    return false;
                }

                k = m - 1;
                continue;
            }

            if (t.Kind == CodeTokenKind.Identifier || t.IsPunct(".") || t.IsPunct("<") || t.IsPunct(">") || t.IsPunct(",") || t.IsPunct("?"))
            {
                k--;
                continue;
            }

            return false;
        }

        return false;
    }

    private List<(int Start, int End)> SplitStatements()
    {
        var list = new List<(int, int)>();
        var start = 0;
        // Depth of non-block brackets opened since the innermost block.
        var depth = new Stack<int>();
        depth.Push(0);
        for (var i = 0; i < Tokens.Count; i++)
        {
            var t = Tokens[i];
            if (NewlineBefore[i] && i > start && depth.Peek() == 0 && EndsAtNewline(i))
            {
                list.Add((start, i));
                start = i;
            }

            if (t.Kind == CodeTokenKind.Punct)
            {
                switch (t.Text)
                {
                    case "{" when _block[i]:
                        if (i > start)
                        {
                            list.Add((start, i));
                        }

                        depth.Push(0);
                        start = i + 1;
                        continue;
                    case "}" when _block[i]:
                        if (i > start)
                        {
                            list.Add((start, i));
                        }

                        if (depth.Count > 1)
                        {
                            depth.Pop();
                        }

                        start = i + 1;
                        continue;
                    case "(" or "[" or "{":
                        depth.Push(depth.Pop() + 1);
                        break;
                    case ")" or "]" or "}":
                        depth.Push(Math.Max(0, depth.Pop() - 1));
                        break;
                    case ";" when depth.Peek() == 0:
                        if (i > start)
                        {
                            list.Add((start, i));
                        }

                        start = i + 1;
                        continue;
                }
            }
        }

        if (start < Tokens.Count)
        {
            list.Add((start, Tokens.Count));
        }

        return list;
    }

    private bool EndsAtNewline(int next)
    {
        switch (Language)
        {
            case CodeLanguage.Python:
                return true;
            case CodeLanguage.CSharp:
                return false;
        }

        // TypeScript/JavaScript automatic semicolon insertion, approximately: the line ends a
        // statement unless the previous line ends, or the next one starts, with an operator.
        var prev = Tokens[next - 1];
        var cur = Tokens[next];
        if (prev.Kind == CodeTokenKind.Punct && prev.Text is not (")" or "]" or "}" or "++" or "--"))
        {
            return false;
        }

        if (cur.Kind == CodeTokenKind.Punct && cur.Text is "." or "?." or "+" or "-" or "*" or "/" or "&&" or "||" or "??" or "?" or ":" or "=" or "=>" or "," or ")" or "]" or "}")
        {
            return false;
        }

        return true;
    }
}
