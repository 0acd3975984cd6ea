using System.Globalization;
using System.Text;
using LlmSecOps.Lint.Text;

namespace LlmSecOps.Lint.Data;

/// <summary>
/// A small JSON reader that keeps the file offset of every node and of every character of every
/// string, so findings inside a prompt held in a JSON string point at the right column. It
/// accepts comments and trailing commas (JSONC), as editors' configuration files use them, and
/// stops at a depth and node limit instead of recursing without bound.
/// </summary>
internal sealed class JsonTreeParser
{
    /// <summary>Deepest nesting accepted.</summary>
    public const int MaxDepth = 64;

    /// <summary>Most nodes accepted in one document.</summary>
    public const int MaxNodes = 500_000;

    private readonly string _text;
    private readonly int _end;
    private int _pos;
    private int _nodes;

    private JsonTreeParser(string text, int start, int end)
    {
        _text = text;
        _pos = start;
        _end = end;
    }

    /// <summary>Parses a whole text.</summary>
    public static DataNode? Parse(string text, out ParseError? error) => Parse(text, 0, text.Length, out error);

    /// <summary>Parses <c>text[start..end]</c>; offsets in the tree are offsets into <paramref name="text"/>.</summary>
    public static DataNode? Parse(string text, int start, int end, out ParseError? error)
    {
        var parser = new JsonTreeParser(text, start, end);
        try
        {
            parser.SkipTrivia();
            var node = parser.ParseValue(0);
            parser.SkipTrivia();
            if (parser._pos < parser._end)
            {
                throw parser.Fail("unexpected text after the end of the JSON value");
            }

            error = null;
            return node;
        }
        catch (JsonSyntaxException ex)
        {
            error = new ParseError(ex.Offset, ex.Message);
            return null;
        }
    }

    private DataNode ParseValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Fail($"JSON nested deeper than {MaxDepth} levels");
        }

        if (++_nodes > MaxNodes)
        {
            throw Fail($"JSON document has more than {MaxNodes} values");
        }

        if (_pos >= _end)
        {
            throw Fail("unexpected end of input; expected a value");
        }

        var c = _text[_pos];
        switch (c)
        {
            case '{':
                return ParseObject(depth);
            case '[':
                return ParseArray(depth);
            case '"':
                return ParseString();
            case 't':
                return ParseLiteral("true", ScalarKind.Boolean);
            case 'f':
                return ParseLiteral("false", ScalarKind.Boolean);
            case 'n':
                return ParseLiteral("null", ScalarKind.Null);
            default:
                if (c == '-' || char.IsAsciiDigit(c))
                {
                    return ParseNumber();
                }

                throw Fail($"unexpected character '{Printable(c)}'; expected a value");
        }
    }

    private DataMap ParseObject(int depth)
    {
        var start = _pos++;
        var entries = new List<KeyValuePair<DataScalar, DataNode>>();
        SkipTrivia();
        while (true)
        {
            if (_pos >= _end)
            {
                throw Fail("unexpected end of input inside an object; expected '}'", start);
            }

            if (_text[_pos] == '}')
            {
                _pos++;
                return new DataMap(entries, start, _pos);
            }

            if (_text[_pos] != '"')
            {
                throw Fail($"expected a property name in double quotes, found '{Printable(_text[_pos])}'");
            }

            var key = ParseString();
            SkipTrivia();
            if (_pos >= _end || _text[_pos] != ':')
            {
                throw Fail("expected ':' after the property name");
            }

            _pos++;
            SkipTrivia();
            var value = ParseValue(depth + 1);
            entries.Add(new KeyValuePair<DataScalar, DataNode>(key, value));
            SkipTrivia();
            if (_pos < _end && _text[_pos] == ',')
            {
                _pos++;
                SkipTrivia();
                continue;
            }

            if (_pos < _end && _text[_pos] == '}')
            {
                continue;
            }

            throw Fail(_pos >= _end ? "unexpected end of input inside an object; expected '}'" : "expected ',' or '}' after a property value");
        }
    }

    private DataSequence ParseArray(int depth)
    {
        var start = _pos++;
        var items = new List<DataNode>();
        SkipTrivia();
        while (true)
        {
            if (_pos >= _end)
            {
                throw Fail("unexpected end of input inside an array; expected ']'", start);
            }

            if (_text[_pos] == ']')
            {
                _pos++;
                return new DataSequence(items, start, _pos);
            }

            items.Add(ParseValue(depth + 1));
            SkipTrivia();
            if (_pos < _end && _text[_pos] == ',')
            {
                _pos++;
                SkipTrivia();
                continue;
            }

            if (_pos < _end && _text[_pos] == ']')
            {
                continue;
            }

            throw Fail(_pos >= _end ? "unexpected end of input inside an array; expected ']'" : "expected ',' or ']' after an array item");
        }
    }

    private DataScalar ParseString()
    {
        var start = _pos++;
        var sb = new StringBuilder();
        var map = new List<int>();
        while (true)
        {
            if (_pos >= _end)
            {
                throw Fail("unterminated string", start);
            }

            var c = _text[_pos];
            if (c == '"')
            {
                _pos++;
                break;
            }

            if (c == '\n' || c == '\r')
            {
                throw Fail("line break inside a string; write \\n", _pos);
            }

            if (c != '\\')
            {
                sb.Append(c);
                map.Add(_pos);
                _pos++;
                continue;
            }

            var escapeAt = _pos;
            if (_pos + 1 >= _end)
            {
                throw Fail("unterminated escape sequence", escapeAt);
            }

            var e = _text[_pos + 1];
            _pos += 2;
            char decoded;
            switch (e)
            {
                case '"': decoded = '"'; break;
                case '\\': decoded = '\\'; break;
                case '/': decoded = '/'; break;
                case 'b': decoded = '\b'; break;
                case 'f': decoded = '\f'; break;
                case 'n': decoded = '\n'; break;
                case 'r': decoded = '\r'; break;
                case 't': decoded = '\t'; break;
                case 'u':
                    if (_pos + 4 > _end || !int.TryParse(_text.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw Fail("invalid \\u escape; expected four hex digits", escapeAt);
                    }

                    decoded = (char)code;
                    _pos += 4;
                    break;
                default:
                    throw Fail($"invalid escape '\\{Printable(e)}'", escapeAt);
            }

            sb.Append(decoded);
            map.Add(escapeAt);
        }

        return new DataScalar(sb.ToString(), ScalarKind.String, start, _pos, TextOrigin.Mapped(start + 1, [.. map]));
    }

    private DataScalar ParseLiteral(string word, ScalarKind kind)
    {
        var start = _pos;
        if (_end - _pos < word.Length || string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0)
        {
            throw Fail($"unexpected word; expected a value such as {word}");
        }

        _pos += word.Length;
        if (_pos < _end && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
        {
            throw Fail("unexpected word; expected a value", start);
        }

        return new DataScalar(word, kind, start, _pos, TextOrigin.Contiguous(start));
    }

    private DataScalar ParseNumber()
    {
        var start = _pos;
        if (_text[_pos] == '-')
        {
            _pos++;
        }

        while (_pos < _end && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] is '.' or 'e' or 'E' or '+' or '-'))
        {
            _pos++;
        }

        var s = _text[start.._pos];
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            throw Fail($"invalid number '{s}'", start);
        }

        return new DataScalar(s, ScalarKind.Number, start, _pos, TextOrigin.Contiguous(start));
    }

    private void SkipTrivia()
    {
        while (_pos < _end)
        {
            var c = _text[_pos];
            if (c is ' ' or '\t' or '\n' or '\r' or '\uFEFF')
            {
                _pos++;
            }
            else if (c == '/' && _pos + 1 < _end && _text[_pos + 1] == '/')
            {
                while (_pos < _end && _text[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else if (c == '/' && _pos + 1 < _end && _text[_pos + 1] == '*')
            {
                var close = _text.IndexOf("*/", _pos + 2, _end - _pos - 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    throw Fail("unterminated comment");
                }

                _pos = close + 2;
            }
            else
            {
                break;
            }
        }
    }

    private JsonSyntaxException Fail(string message, int? at = null) => new(message, at ?? _pos);

    private static string Printable(char c) => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString();

    private sealed class JsonSyntaxException(string message, int offset) : Exception(message)
    {
        public int Offset { get; } = offset;
    }
}
