namespace LlmSecOps.Lint.Code;

/// <summary>
/// Tokenizes Python well enough to find string literals (with f-string holes and escapes
/// decoded), comments, identifiers and logical line ends. Not a parser: it never fails, and
/// anything it does not understand becomes punctuation.
/// </summary>
internal sealed class PythonTokenizer : TokenizerBase
{
    private static readonly string[] Operators =
    [
        "**=", "//=", "...", "->", ":=", "==", "!=", "<=", ">=", "**", "//", "+=", "-=", "*=", "/=", "%=", "|=", "&=", "^=", "<<", ">>",
    ];

    private PythonTokenizer(string text)
        : base(text)
    {
    }

    public static List<CodeToken> Tokenize(string text) => TokensOf(new PythonTokenizer(text));

    protected override void Run()
    {
        while (Pos < Text.Length)
        {
            var c = Cur;
            if (c == '\n')
            {
                Tokens.Add(new CodeToken(CodeTokenKind.Newline, Pos, Pos + 1, "\n"));
                Pos++;
            }
            else if (c == '\\' && (At(Pos + 1) == '\n' || (At(Pos + 1) == '\r' && At(Pos + 2) == '\n')))
            {
                // Explicit line continuation: no logical line end.
                Pos += At(Pos + 1) == '\n' ? 2 : 3;
            }
            else if (char.IsWhiteSpace(c))
            {
                Pos++;
            }
            else if (c == '#')
            {
                ReadLineComment();
            }
            else if (c is '"' or '\'')
            {
                ReadString(Pos, string.Empty);
            }
            else if (IsIdentStart(c))
            {
                var s = Pos;
                var k = Pos;
                while (k < Text.Length && k - s < 3 && char.IsAsciiLetter(Text[k]))
                {
                    k++;
                }

                if (At(k) is '"' or '\'' && IsStringPrefix(Text.AsSpan(s, k - s)))
                {
                    ReadString(s, Text[s..k].ToLowerInvariant());
                }
                else
                {
                    ReadIdentifier();
                }
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

    private static bool IsStringPrefix(ReadOnlySpan<char> p)
    {
        Span<char> lower = stackalloc char[p.Length];
        p.ToLowerInvariant(lower);
        return lower is "r" or "u" or "f" or "b" or "br" or "rb" or "fr" or "rf" or "t" or "tr" or "rt";
    }

    private void ReadString(int start, string prefix)
    {
        var q = Text[start + prefix.Length];
        var triple = At(start + prefix.Length + 1) == q && At(start + prefix.Length + 2) == q;
        var raw = prefix.Contains('r', StringComparison.Ordinal);
        var fstring = prefix.Contains('f', StringComparison.Ordinal) || prefix.Contains('t', StringComparison.Ordinal);
        var contentStart = start + prefix.Length + (triple ? 3 : 1);
        var sb = new StringBuilderWithMap();
        var holes = new List<StringHole>();
        var i = contentStart;
        var closed = false;
        while (i < Text.Length)
        {
            var c = Text[i];
            if (c == q && (!triple || (At(i + 1) == q && At(i + 2) == q)))
            {
                i += triple ? 3 : 1;
                closed = true;
                break;
            }

            if (c == '\n' && !triple)
            {
                break;
            }

            if (c == '\\')
            {
                if (raw)
                {
                    sb.Append(c, i);
                    if (i + 1 < Text.Length)
                    {
                        sb.Append(Text[i + 1], i + 1);
                    }

                    i += 2;
                    continue;
                }

                i = Escape(i, sb);
                continue;
            }

            if (fstring && c == '{')
            {
                if (At(i + 1) == '{')
                {
                    sb.Append('{', i);
                    i += 2;
                    continue;
                }

                var exprEnd = ScanHole(i + 1, Text.Length, stopAtColon: true, stopAtBang: true, out var close);
                if (exprEnd < 0)
                {
                    sb.Append(c, i);
                    i++;
                    continue;
                }

                var expr = Text[(i + 1)..exprEnd].Trim().TrimEnd('=').Trim();
                var holeStart = sb.Length;
                sb.AppendSource(Text, i, close + 1);
                holes.Add(new StringHole(holeStart, sb.Length, expr));
                i = close + 1;
                continue;
            }

            if (fstring && c == '}' && At(i + 1) == '}')
            {
                sb.Append('}', i);
                i += 2;
                continue;
            }

            sb.Append(c, i);
            i++;
        }

        Pos = closed ? i : Math.Max(i, start + 1);
        var literal = new StringLiteral
        {
            Value = sb.ToString(),
            Origin = Text.TextOrigin(contentStart, sb.Map()),
            Holes = holes,
            Interpolated = fstring,
        };
        Tokens.Add(new CodeToken(CodeTokenKind.String, start, Pos, literal.Value, literal));
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
            case '\n': return i + 2;
            case 'x' when IsHex(i + 2, 2):
                sb.Append((char)Convert.ToInt32(Text.Substring(i + 2, 2), 16), i);
                return i + 4;
            case 'u' when IsHex(i + 2, 4):
                sb.Append((char)Convert.ToInt32(Text.Substring(i + 2, 4), 16), i);
                return i + 6;
            case 'U' when IsHex(i + 2, 8):
                var cp = Convert.ToInt32(Text.Substring(i + 2, 8), 16);
                if (cp <= 0x10FFFF)
                {
                    sb.Append(char.ConvertFromUtf32(cp >= 0xD800 && cp <= 0xDFFF ? 0xFFFD : cp), i);
                }

                return i + 10;
            case '\0':
                sb.Append('\\', i);
                return i + 1;
            default:
                sb.Append(e, i + 1);
                return i + 2;
        }
    }
}
