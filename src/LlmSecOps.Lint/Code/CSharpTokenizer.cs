namespace LlmSecOps.Lint.Code;

/// <summary>
/// Tokenizes C# well enough to find string literals: regular, verbatim (<c>@"…"</c>),
/// interpolated (<c>$"…{x}…"</c>, <c>$@"…"</c>), raw (<c>"""…"""</c>) and interpolated raw
/// (<c>$$"""…{{x}}…"""</c>), plus comments, identifiers and punctuation.
/// </summary>
internal sealed class CSharpTokenizer : TokenizerBase
{
    private static readonly string[] Operators =
    [
        "??=", ">>=", "<<=", "=>", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=", "%=", "|=", "&=", "^=", "::", "->",
    ];

    private CSharpTokenizer(string text)
        : base(text)
    {
    }

    public static List<CodeToken> Tokenize(string text) => TokensOf(new CSharpTokenizer(text));

    protected override void Run()
    {
        var lineStart = true;
        while (Pos < Text.Length)
        {
            var c = Cur;
            if (c == '\n')
            {
                Pos++;
                lineStart = true;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                Pos++;
                continue;
            }

            if (c == '#' && lineStart)
            {
                ReadLineComment();
                continue;
            }

            lineStart = false;
            if (c == '/' && At(Pos + 1) == '/')
            {
                ReadLineComment();
            }
            else if (c == '/' && At(Pos + 1) == '*')
            {
                ReadBlockComment();
            }
            else if (c == '"' || ((c is '$' or '@') && StringStartsAt(Pos)))
            {
                ReadString();
            }
            else if (c == '\'')
            {
                ReadChar();
            }
            else if (IsIdentStart(c) || c == '@')
            {
                if (c == '@')
                {
                    Pos++;
                }

                ReadIdentifier();
            }
            else if (char.IsAsciiDigit(c))
            {
                ReadNumber();
            }
            else
            {
                ReadPunct(Operators);
            }
        }
    }

    private bool StringStartsAt(int i)
    {
        while (i < Text.Length && Text[i] is '$' or '@')
        {
            i++;
        }

        return At(i) == '"';
    }

    private void ReadChar()
    {
        var s = Pos;
        Pos++;
        while (Pos < Text.Length && Text[Pos] != '\'' && Text[Pos] != '\n')
        {
            if (Text[Pos] == '\\')
            {
                Pos++;
            }

            Pos++;
        }

        Pos = Math.Min(Text.Length, Pos + 1);
        Tokens.Add(new CodeToken(CodeTokenKind.Other, s, Pos, Text[s..Pos]));
    }

    private void ReadString()
    {
        var start = Pos;
        var dollars = 0;
        var verbatim = false;
        while (Cur is '$' or '@')
        {
            if (Cur == '$')
            {
                dollars++;
            }
            else
            {
                verbatim = true;
            }

            Pos++;
        }

        var quotes = 0;
        while (At(Pos + quotes) == '"')
        {
            quotes++;
        }

        if (quotes >= 3)
        {
            ReadRaw(start, dollars, quotes);
            return;
        }

        // "" is an empty regular string; a lone quote opens one.
        var interpolated = dollars > 0;
        var contentStart = Pos + 1;
        var i = contentStart;
        var sb = new StringBuilderWithMap();
        var holes = new List<StringHole>();
        while (i < Text.Length)
        {
            var c = Text[i];
            if (c == '"')
            {
                if (verbatim && At(i + 1) == '"')
                {
                    sb.Append('"', i);
                    i += 2;
                    continue;
                }

                i++;
                break;
            }

            if (c == '\n' && !verbatim)
            {
                break;
            }

            if (c == '\\' && !verbatim)
            {
                i = Escape(i, sb);
                continue;
            }

            if (interpolated && c == '{')
            {
                if (At(i + 1) == '{')
                {
                    sb.Append('{', i);
                    i += 2;
                    continue;
                }

                i = Hole(i, 1, sb, holes);
                continue;
            }

            if (interpolated && c == '}' && At(i + 1) == '}')
            {
                sb.Append('}', i);
                i += 2;
                continue;
            }

            sb.Append(c, i);
            i++;
        }

        Pos = i;
        SkipUtf8Suffix();
        Add(start, contentStart, sb, holes, interpolated);
    }

    private void ReadRaw(int start, int dollars, int quotes)
    {
        var open = Pos;
        var contentStart = open + quotes;
        var delimiter = new string('"', quotes);
        var close = Text.IndexOf(delimiter, contentStart, StringComparison.Ordinal);
        if (close < 0)
        {
            close = Text.Length;
        }

        var end = Math.Min(Text.Length, close + quotes);
        var multiLine = Text.IndexOf('\n', contentStart, close - contentStart) >= 0;
        var sb = new StringBuilderWithMap();
        var holes = new List<StringHole>();
        var from = contentStart;
        var to = close;
        var indent = 0;
        if (multiLine)
        {
            // Content starts on the line after the opening quotes; the closing line's
            // whitespace is removed from every line.
            var firstNl = Text.IndexOf('\n', contentStart, close - contentStart);
            from = firstNl + 1;
            var lastNl = Text.LastIndexOf('\n', Math.Max(from, close - 1), Math.Max(0, close - from));
            if (lastNl >= from - 1 && lastNl >= 0)
            {
                indent = close - lastNl - 1;
                to = lastNl > 0 && Text[lastNl - 1] == '\r' ? lastNl - 1 : lastNl;
            }
        }

        var i = from;
        var atLineStart = true;
        while (i < to)
        {
            if (multiLine && atLineStart)
            {
                var skip = 0;
                while (skip < indent && i < to && Text[i] is ' ' or '\t')
                {
                    i++;
                    skip++;
                }

                atLineStart = false;
                if (i >= to)
                {
                    break;
                }
            }

            var c = Text[i];
            if (c == '\n')
            {
                sb.Append(c, i);
                i++;
                atLineStart = true;
                continue;
            }

            if (dollars > 0 && c == '{' && CountRun(i, '{') >= dollars)
            {
                var run = CountRun(i, '{');
                // Extra braces beyond the interpolation count are literal.
                for (var k = 0; k < run - dollars; k++)
                {
                    sb.Append('{', i + k);
                }

                i = Hole(i + run - dollars, dollars, sb, holes);
                continue;
            }

            sb.Append(c, i);
            i++;
        }

        Pos = end;
        SkipUtf8Suffix();
        Add(start, from, sb, holes, dollars > 0);
    }

    private int CountRun(int i, char c)
    {
        var n = 0;
        while (At(i + n) == c)
        {
            n++;
        }

        return n;
    }

    private int Hole(int i, int braces, StringBuilderWithMap sb, List<StringHole> holes)
    {
        var exprEnd = ScanHole(i + braces, Text.Length, stopAtColon: true, stopAtBang: false, out var close);
        if (exprEnd < 0)
        {
            sb.Append(Text[i], i);
            return i + 1;
        }

        // An alignment clause ({x,10}) also ends the expression.
        var expr = Text[(i + braces)..exprEnd];
        var comma = TopLevelComma(expr);
        if (comma >= 0)
        {
            expr = expr[..comma];
        }

        var closeEnd = close + braces;
        var holeStart = sb.Length;
        sb.AppendSource(Text, i, Math.Min(Text.Length, closeEnd));
        holes.Add(new StringHole(holeStart, sb.Length, expr.Trim()));
        return Math.Min(Text.Length, closeEnd);
    }

    private static int TopLevelComma(string expr)
    {
        var depth = 0;
        for (var i = 0; i < expr.Length; i++)
        {
            switch (expr[i])
            {
                case '(' or '[' or '{' or '<':
                    depth++;
                    break;
                case ')' or ']' or '}' or '>':
                    depth--;
                    break;
                case ',' when depth == 0:
                    return i;
            }
        }

        return -1;
    }

    private void SkipUtf8Suffix()
    {
        if (At(Pos) is 'u' or 'U' && At(Pos + 1) == '8')
        {
            Pos += 2;
        }
    }

    private void Add(int start, int contentStart, StringBuilderWithMap sb, List<StringHole> holes, bool interpolated)
    {
        var literal = new StringLiteral
        {
            Value = sb.ToString(),
            Origin = Text.TextOrigin(contentStart, sb.Map()),
            Holes = holes,
            Interpolated = interpolated,
        };
        Tokens.Add(new CodeToken(CodeTokenKind.String, start, Math.Max(Pos, start + 1), literal.Value, literal));
    }

    private int Escape(int i, StringBuilderWithMap sb)
    {
        var e = At(i + 1);
        switch (e)
        {
            case 'n': sb.Append('\n', i); return i + 2;
            case 't': sb.Append('\t', i); return i + 2;
            case 'r': sb.Append('\r', i); return i + 2;
            case '0': sb.Append('\0', i); return i + 2;
            case 'u' when i + 6 <= Text.Length && IsHex(i + 2, 4):
                sb.Append((char)Convert.ToInt32(Text.Substring(i + 2, 4), 16), i);
                return i + 6;
            case 'x':
            {
                var n = 0;
                while (n < 4 && char.IsAsciiHexDigit(At(i + 2 + n)))
                {
                    n++;
                }

                if (n == 0)
                {
                    sb.Append('x', i + 1);
                    return i + 2;
                }

                sb.Append((char)Convert.ToInt32(Text.Substring(i + 2, n), 16), i);
                return i + 2 + n;
            }

            case '\0':
                sb.Append('\\', i);
                return i + 1;
            default:
                sb.Append(e, i + 1);
                return i + 2;
        }
    }
}
