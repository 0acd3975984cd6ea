namespace LlmSecOps.Lint.Code;

/// <summary>
/// Tokenizes TypeScript and JavaScript well enough to find string and template literals
/// (with <c>${…}</c> holes), comments, identifiers and punctuation, telling regular-expression
/// literals from division by the token before them.
/// </summary>
internal sealed class TypeScriptTokenizer : TokenizerBase
{
    private static readonly string[] Operators =
    [
        ">>>=", "===", "!==", "**=", "...", "<<=", ">>=", "&&=", "||=", "??=", "=>", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=", "%=", "|=", "&=", "^=", "**",
    ];

    private static readonly HashSet<string> RegexAfterKeywords = new(StringComparer.Ordinal)
    {
        "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await",
    };

    private TypeScriptTokenizer(string text)
        : base(text)
    {
    }

    public static List<CodeToken> Tokenize(string text) => TokensOf(new TypeScriptTokenizer(text));

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
            else if (char.IsWhiteSpace(c))
            {
                Pos++;
            }
            else if (c == '/' && At(Pos + 1) == '/')
            {
                ReadLineComment();
            }
            else if (c == '/' && At(Pos + 1) == '*')
            {
                ReadBlockComment();
            }
            else if (c == '/' && RegexAllowed())
            {
                ReadRegex();
            }
            else if (c is '"' or '\'')
            {
                ReadQuoted(c);
            }
            else if (c == '`')
            {
                ReadTemplate();
            }
            else if (IsIdentStart(c) || c == '$')
            {
                ReadIdentifier(allowDollar: true);
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

    private bool RegexAllowed()
    {
        for (var i = Tokens.Count - 1; i >= 0; i--)
        {
            var t = Tokens[i];
            if (t.Kind is CodeTokenKind.Comment or CodeTokenKind.Newline)
            {
                continue;
            }

            return t.Kind switch
            {
                CodeTokenKind.Identifier => RegexAfterKeywords.Contains(t.Text),
                CodeTokenKind.Punct => t.Text is not (")" or "]" or "}" or "++" or "--"),
                _ => false,
            };
        }

        return true;
    }

    private void ReadRegex()
    {
        var s = Pos;
        Pos++;
        var inClass = false;
        while (Pos < Text.Length && Text[Pos] != '\n')
        {
            var c = Text[Pos];
            if (c == '\\')
            {
                Pos += 2;
                continue;
            }

            if (c == '[')
            {
                inClass = true;
            }
            else if (c == ']')
            {
                inClass = false;
            }
            else if (c == '/' && !inClass)
            {
                Pos++;
                while (Pos < Text.Length && char.IsAsciiLetter(Text[Pos]))
                {
                    Pos++;
                }

                break;
            }

            Pos++;
        }

        Pos = Math.Min(Pos, Text.Length);
        Tokens.Add(new CodeToken(CodeTokenKind.Other, s, Pos, Text[s..Pos]));
    }

    private void ReadQuoted(char q)
    {
        var start = Pos;
        var i = Pos + 1;
        var sb = new StringBuilderWithMap();
        while (i < Text.Length)
        {
            var c = Text[i];
            if (c == q)
            {
                i++;
                break;
            }

            if (c == '\n')
            {
                break;
            }

            if (c == '\\')
            {
                i = Escape(i, sb);
                continue;
            }

            sb.Append(c, i);
            i++;
        }

        Pos = i;
        var literal = new StringLiteral { Value = sb.ToString(), Origin = Text.TextOrigin(start + 1, sb.Map()) };
        Tokens.Add(new CodeToken(CodeTokenKind.String, start, Pos, literal.Value, literal));
    }

    private void ReadTemplate()
    {
        var start = Pos;
        var i = Pos + 1;
        var sb = new StringBuilderWithMap();
        var holes = new List<StringHole>();
        while (i < Text.Length)
        {
            var c = Text[i];
            if (c == '`')
            {
                i++;
                break;
            }

            if (c == '\\')
            {
                i = Escape(i, sb);
                continue;
            }

            if (c == '$' && At(i + 1) == '{')
            {
                var close = FindTemplateHoleEnd(i + 2);
                if (close < 0)
                {
                    sb.Append(c, i);
                    i++;
                    continue;
                }

                var holeStart = sb.Length;
                sb.AppendSource(Text, i, close + 1);
                holes.Add(new StringHole(holeStart, sb.Length, Text[(i + 2)..close].Trim()));
                i = close + 1;
                continue;
            }

            sb.Append(c, i);
            i++;
        }

        Pos = i;
        var literal = new StringLiteral
        {
            Value = sb.ToString(),
            Origin = Text.TextOrigin(start + 1, sb.Map()),
            Holes = holes,
            Interpolated = holes.Count > 0,
        };
        Tokens.Add(new CodeToken(CodeTokenKind.String, start, Pos, literal.Value, literal));
    }

    /// <summary>Finds the brace closing a <c>${</c> hole, skipping nested braces, strings and template literals.</summary>
    private int FindTemplateHoleEnd(int from)
    {
        var depth = 0;
        var nested = 0;
        for (var i = from; i < Text.Length; i++)
        {
            var c = Text[i];
            switch (c)
            {
                case '{':
                    depth++;
                    break;
                case '}':
                    if (depth == 0)
                    {
                        return i;
                    }

                    depth--;
                    break;
                case '"' or '\'':
                    i++;
                    while (i < Text.Length && Text[i] != c && Text[i] != '\n')
                    {
                        if (Text[i] == '\\')
                        {
                            i++;
                        }

                        i++;
                    }

                    break;
                case '`':
                    // A template literal inside the hole: skip it, including its own holes.
                    if (++nested > 16)
                    {
                        return -1;
                    }

                    i++;
                    while (i < Text.Length && Text[i] != '`')
                    {
                        if (Text[i] == '\\')
                        {
                            i++;
                        }
                        else if (Text[i] == '$' && At(i + 1) == '{')
                        {
                            var inner = FindTemplateHoleEnd(i + 2);
                            if (inner < 0)
                            {
                                return -1;
                            }

                            i = inner;
                        }

                        i++;
                    }

                    nested--;
                    break;
            }
        }

        return -1;
    }

    private int Escape(int i, StringBuilderWithMap sb)
    {
        var e = At(i + 1);
        switch (e)
        {
            case 'n': sb.Append('\n', i); return i + 2;
            case 't': sb.Append('\t', i); return i + 2;
            case 'r': sb.Append('\r', i); return i + 2;
            case '0' when !char.IsAsciiDigit(At(i + 2)): sb.Append('\0', i); return i + 2;
            case '\n': return i + 2;
            case 'x' when IsHex(i + 2, 2):
                sb.Append((char)Convert.ToInt32(Text.Substring(i + 2, 2), 16), i);
                return i + 4;
            case 'u' when At(i + 2) == '{':
            {
                var close = Text.IndexOf('}', i + 3);
                if (close > 0 && close - i < 12 && int.TryParse(Text.AsSpan(i + 3, close - i - 3), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var cp) && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF))
                {
                    sb.Append(char.ConvertFromUtf32(cp), i);
                    return close + 1;
                }

                sb.Append('u', i + 1);
                return i + 2;
            }

            case 'u' when IsHex(i + 2, 4):
                sb.Append((char)Convert.ToInt32(Text.Substring(i + 2, 4), 16), i);
                return i + 6;
            case '\0':
                sb.Append('\\', i);
                return i + 1;
            default:
                sb.Append(e, i + 1);
                return i + 2;
        }
    }
}
