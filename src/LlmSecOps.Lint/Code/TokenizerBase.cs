namespace LlmSecOps.Lint.Code;

/// <summary>Shared scanning helpers for the light source tokenizers.</summary>
internal abstract class TokenizerBase
{
    protected TokenizerBase(string text)
    {
        Text = text;
    }

    protected string Text { get; }

    protected List<CodeToken> Tokens { get; } = [];

    protected int Pos { get; set; }

    protected char Cur => Pos < Text.Length ? Text[Pos] : '\0';

    protected char At(int i) => i >= 0 && i < Text.Length ? Text[i] : '\0';

    /// <summary>Runs a tokenizer over its whole text and returns the tokens it found.</summary>
    protected static List<CodeToken> TokensOf(TokenizerBase tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        tokenizer.Run();
        return tokenizer.Tokens;
    }

    /// <summary>Reads the text from start to end into <see cref="Tokens"/>.</summary>
    protected abstract void Run();

    /// <summary>Whether the <paramref name="count"/> characters from <paramref name="start"/> are all hex digits (false past the end).</summary>
    protected bool IsHex(int start, int count)
    {
        for (var k = start; k < start + count; k++)
        {
            if (!char.IsAsciiHexDigit(At(k)))
            {
                return false;
            }
        }

        return true;
    }

    protected static bool IsIdentStart(char c) => char.IsLetter(c) || c == '_';

    protected static bool IsIdentPart(char c) => char.IsLetterOrDigit(c) || c == '_';

    protected void ReadIdentifier(bool allowDollar = false)
    {
        var s = Pos;
        while (Pos < Text.Length && (IsIdentPart(Text[Pos]) || (allowDollar && Text[Pos] == '$')))
        {
            Pos++;
        }

        Tokens.Add(new CodeToken(CodeTokenKind.Identifier, s, Pos, Text[s..Pos]));
    }

    protected void ReadNumber()
    {
        var s = Pos;
        while (Pos < Text.Length && (char.IsAsciiLetterOrDigit(Text[Pos]) || Text[Pos] == '_' || (Text[Pos] == '.' && char.IsAsciiDigit(At(Pos + 1)))))
        {
            Pos++;
        }

        Tokens.Add(new CodeToken(CodeTokenKind.Number, s, Pos, Text[s..Pos]));
    }

    protected void ReadLineComment()
    {
        var s = Pos;
        while (Pos < Text.Length && Text[Pos] != '\n')
        {
            Pos++;
        }

        Tokens.Add(new CodeToken(CodeTokenKind.Comment, s, Pos, Text[s..Pos]));
    }

    protected void ReadBlockComment()
    {
        var s = Pos;
        var close = Text.IndexOf("*/", Pos + 2, StringComparison.Ordinal);
        Pos = close < 0 ? Text.Length : close + 2;
        Tokens.Add(new CodeToken(CodeTokenKind.Comment, s, Pos, Text[s..Pos]));
    }

    protected void ReadPunct(string[] operators)
    {
        foreach (var op in operators)
        {
            if (Pos + op.Length <= Text.Length && string.CompareOrdinal(Text, Pos, op, 0, op.Length) == 0)
            {
                Tokens.Add(new CodeToken(CodeTokenKind.Punct, Pos, Pos + op.Length, op));
                Pos += op.Length;
                return;
            }
        }

        Tokens.Add(new CodeToken(CodeTokenKind.Punct, Pos, Pos + 1, Text[Pos].ToString()));
        Pos++;
    }

    /// <summary>
    /// Scans an interpolation hole's expression starting after its opening brace and returns the
    /// offset of the closing brace (or of a format/conversion separator), skipping nested
    /// brackets and string literals. Returns -1 when the hole does not close before <paramref name="limit"/>.
    /// </summary>
    protected int ScanHole(int from, int limit, bool stopAtColon, bool stopAtBang, out int closeBrace)
    {
        var depth = 0;
        var exprEnd = -1;
        closeBrace = -1;
        for (var i = from; i < limit; i++)
        {
            var c = Text[i];
            switch (c)
            {
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']':
                    depth--;
                    break;
                case '}':
                    if (depth == 0)
                    {
                        closeBrace = i;
                        return exprEnd < 0 ? i : exprEnd;
                    }

                    depth--;
                    break;
                case '"' or '\'' or '`':
                {
                    var q = c;
                    i++;
                    while (i < limit && Text[i] != q && Text[i] != '\n')
                    {
                        if (Text[i] == '\\')
                        {
                            i++;
                        }

                        i++;
                    }

                    break;
                }

                case ':' when depth == 0 && stopAtColon && exprEnd < 0 && At(i + 1) != ':':
                    exprEnd = i;
                    break;
                case '!' when depth == 0 && stopAtBang && exprEnd < 0 && At(i + 1) != '=':
                    exprEnd = i;
                    break;
                case '\n' when limit - from > 4000:
                    return -1;
            }
        }

        return -1;
    }
}
