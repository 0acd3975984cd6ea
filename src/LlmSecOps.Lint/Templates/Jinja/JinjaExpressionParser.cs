using System.Globalization;

namespace LlmSecOps.Lint.Templates.Jinja;

/// <summary>
/// Recursive-descent parser for Jinja expressions, following Jinja's precedence: conditional
/// expressions, or, and, not, comparisons and tests, concatenation (<c>~</c>), arithmetic, unary
/// minus, power, then postfix attribute/item access, calls and filters. Depth is bounded.
/// </summary>
internal sealed class JinjaExpressionParser
{
    private const int MaxDepth = 64;

    private static readonly HashSet<string> CompareOps = new(StringComparer.Ordinal) { "==", "!=", "<", "<=", ">", ">=" };

    private readonly List<JinjaToken> _tokens;
    private readonly int _end;
    private int _pos;
    private int _depth;

    public JinjaExpressionParser(List<JinjaToken> tokens, int start = 0, int? end = null)
    {
        _tokens = tokens;
        _pos = start;
        _end = end ?? tokens.Count;
    }

    public int Position => _pos;

    public bool AtEnd => _pos >= _end;

    public JinjaToken? Peek => _pos < _end ? _tokens[_pos] : null;

    /// <summary>Parses one expression (a tuple when commas follow at the top level and <paramref name="allowTuple"/>).</summary>
    public JinjaExpr ParseExpression(bool allowTuple = true, bool allowConditional = true)
    {
        var first = allowConditional ? ParseConditional() : ParseOr();
        if (!allowTuple || Peek is not { } t || !t.Is(","))
        {
            return first;
        }

        var tuple = new JinjaExpr(JinjaExprKind.Tuple, first.Start, first.End);
        tuple.Args.Add(first);
        while (Peek is { } comma && comma.Is(","))
        {
            _pos++;
            if (AtEnd || IsStop(Peek!))
            {
                break;
            }

            var item = allowConditional ? ParseConditional() : ParseOr();
            tuple.Args.Add(item);
            tuple.End = item.End;
        }

        return tuple;
    }

    /// <summary>Consumes a name token.</summary>
    public JinjaToken ExpectName(string what)
    {
        if (Peek is { Kind: JinjaTokenKind.Name } t)
        {
            _pos++;
            return t;
        }

        throw Fail($"expected {what}");
    }

    public bool TryTake(string op)
    {
        if (Peek is { } t && (t.Is(op) || t.IsName(op)))
        {
            _pos++;
            return true;
        }

        return false;
    }

    public void Expect(string op)
    {
        if (!TryTake(op))
        {
            throw Fail($"expected '{op}'");
        }
    }

    public JinjaSyntaxException Fail(string message)
    {
        var at = Peek ?? (_tokens.Count > 0 ? _tokens[Math.Min(_end, _tokens.Count) - 1] : null);
        var found = Peek is { } p ? $"'{p.Text}'" : "the end of the expression";
        return new JinjaSyntaxException($"{message}, found {found}", at?.Start ?? 0, at?.End ?? 0);
    }

    private static bool IsStop(JinjaToken t) => t.Is(")") || t.Is("]") || t.Is("}");

    private JinjaExpr ParseConditional()
    {
        Enter();
        var body = ParseOr();
        if (Peek is { } t && t.IsName("if"))
        {
            _pos++;
            var test = ParseOr();
            JinjaExpr? otherwise = null;
            if (Peek is { } e && e.IsName("else"))
            {
                _pos++;
                otherwise = ParseConditional();
            }

            var cond = new JinjaExpr(JinjaExprKind.Conditional, body.Start, (otherwise ?? test).End);
            cond.Args.Add(body);
            cond.Args.Add(test);
            if (otherwise is not null)
            {
                cond.Args.Add(otherwise);
            }

            body = cond;
        }

        Leave();
        return body;
    }

    private JinjaExpr ParseOr()
    {
        var left = ParseAnd();
        while (Peek is { } t && t.IsName("or"))
        {
            _pos++;
            var right = ParseAnd();
            left = Binary(JinjaExprKind.Or, "or", left, right);
        }

        return left;
    }

    private JinjaExpr ParseAnd()
    {
        var left = ParseNot();
        while (Peek is { } t && t.IsName("and"))
        {
            _pos++;
            var right = ParseNot();
            left = Binary(JinjaExprKind.And, "and", left, right);
        }

        return left;
    }

    private JinjaExpr ParseNot()
    {
        if (Peek is { } t && t.IsName("not"))
        {
            _pos++;
            Enter();
            var operand = ParseNot();
            Leave();
            var not = new JinjaExpr(JinjaExprKind.Not, t.Start, operand.End);
            not.Args.Add(operand);
            return not;
        }

        return ParseCompare();
    }

    private JinjaExpr ParseCompare()
    {
        var left = ParseConcat();
        while (Peek is { } t)
        {
            if (t.Kind == JinjaTokenKind.Operator && CompareOps.Contains(t.Text))
            {
                _pos++;
                left = Binary(JinjaExprKind.Compare, t.Text, left, ParseConcat());
            }
            else if (t.IsName("in"))
            {
                _pos++;
                left = Binary(JinjaExprKind.Compare, "in", left, ParseConcat());
            }
            else if (t.IsName("not") && _pos + 1 < _end && _tokens[_pos + 1].IsName("in"))
            {
                _pos += 2;
                left = Binary(JinjaExprKind.Compare, "not in", left, ParseConcat());
            }
            else if (t.IsName("is"))
            {
                _pos++;
                var negated = TryTake("not");
                var name = ExpectName("a test name after 'is'");
                var test = new JinjaExpr(JinjaExprKind.Test, left.Start, name.End) { Name = name.Text, Negated = negated };
                test.Args.Add(left);
                if (Peek is { } p && p.Is("("))
                {
                    ParseCallArgs(test);
                }
                else if (Peek is { } a && (a.Kind is JinjaTokenKind.String or JinjaTokenKind.Number || (a.Kind == JinjaTokenKind.Name && !IsKeyword(a.Text))))
                {
                    // "is divisibleby 3" / "is equalto x": one argument without parentheses.
                    test.Args.Add(ParsePrimary());
                }

                left = test;
            }
            else
            {
                break;
            }
        }

        return left;
    }

    private JinjaExpr ParseConcat()
    {
        var left = ParseAdditive();
        while (Peek is { } t && t.Is("~"))
        {
            _pos++;
            left = Binary(JinjaExprKind.Concat, "~", left, ParseAdditive());
        }

        return left;
    }

    private JinjaExpr ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (Peek is { } t && (t.Is("+") || t.Is("-")))
        {
            _pos++;
            left = Binary(JinjaExprKind.Binary, t.Text, left, ParseMultiplicative());
        }

        return left;
    }

    private JinjaExpr ParseMultiplicative()
    {
        var left = ParseUnary();
        while (Peek is { } t && (t.Is("*") || t.Is("/") || t.Is("//") || t.Is("%")))
        {
            _pos++;
            left = Binary(JinjaExprKind.Binary, t.Text, left, ParseUnary());
        }

        return left;
    }

    private JinjaExpr ParseUnary()
    {
        if (Peek is { } t && (t.Is("-") || t.Is("+")))
        {
            _pos++;
            Enter();
            var operand = ParseUnary();
            Leave();
            if (t.Is("+"))
            {
                return operand;
            }

            var neg = new JinjaExpr(JinjaExprKind.Negate, t.Start, operand.End);
            neg.Args.Add(operand);
            return neg;
        }

        var left = ParsePostfix(ParsePrimary());
        if (Peek is { } p && p.Is("**"))
        {
            _pos++;
            left = Binary(JinjaExprKind.Binary, "**", left, ParseUnary());
        }

        return left;
    }

    private JinjaExpr ParsePostfix(JinjaExpr target)
    {
        while (Peek is { } t)
        {
            if (t.Is("."))
            {
                _pos++;
                var name = Peek is { Kind: JinjaTokenKind.Name or JinjaTokenKind.Number } n ? n : throw Fail("expected an attribute name after '.'");
                _pos++;
                var attr = new JinjaExpr(JinjaExprKind.GetAttr, target.Start, name.End) { Name = name.Text };
                attr.Args.Add(target);
                target = attr;
            }
            else if (t.Is("["))
            {
                _pos++;
                Enter();
                JinjaExpr item;
                if (Peek is { } c && c.Is(":") || HasSliceColon())
                {
                    item = ParseSlice(t.Start);
                }
                else
                {
                    item = ParseExpression();
                }

                Leave();
                var close = Peek;
                Expect("]");
                var get = new JinjaExpr(item.Kind == JinjaExprKind.Slice ? JinjaExprKind.Slice : JinjaExprKind.GetItem, target.Start, close!.End);
                get.Args.Add(target);
                if (item.Kind == JinjaExprKind.Slice)
                {
                    get.Args.AddRange(item.Args);
                }
                else
                {
                    get.Args.Add(item);
                }

                target = get;
            }
            else if (t.Is("("))
            {
                var call = new JinjaExpr(JinjaExprKind.Call, target.Start, t.End);
                call.Args.Add(target);
                ParseCallArgs(call);
                target = call;
            }
            else if (t.Is("|"))
            {
                _pos++;
                var name = ExpectName("a filter name after '|'");
                var fullName = name.Text;
                while (Peek is { } dot && dot.Is(".") && _pos + 1 < _end && _tokens[_pos + 1].Kind == JinjaTokenKind.Name)
                {
                    fullName += "." + _tokens[_pos + 1].Text;
                    _pos += 2;
                }

                var filter = new JinjaExpr(JinjaExprKind.Filter, target.Start, name.End) { Name = fullName };
                filter.Args.Add(target);
                if (Peek is { } p && p.Is("("))
                {
                    ParseCallArgs(filter);
                }

                target = filter;
            }
            else
            {
                break;
            }
        }

        return target;
    }

    private bool HasSliceColon()
    {
        var depth = 0;
        for (var i = _pos; i < _end; i++)
        {
            var t = _tokens[i];
            if (t.Is("(") || t.Is("[") || t.Is("{"))
            {
                depth++;
            }
            else if (t.Is(")") || t.Is("]") || t.Is("}"))
            {
                if (depth == 0)
                {
                    return false;
                }

                depth--;
            }
            else if (depth == 0 && t.Is(":"))
            {
                return true;
            }
        }

        return false;
    }

    private JinjaExpr ParseSlice(int start)
    {
        var slice = new JinjaExpr(JinjaExprKind.Slice, start, start);
        for (var part = 0; part < 3; part++)
        {
            if (Peek is { } t && (t.Is(":") || t.Is("]")))
            {
                slice.Args.Add(new JinjaExpr(JinjaExprKind.Literal, t.Start, t.Start) { Value = null });
            }
            else
            {
                slice.Args.Add(ParseExpression(allowTuple: false));
            }

            if (!TryTake(":"))
            {
                break;
            }
        }

        return slice;
    }

    private void ParseCallArgs(JinjaExpr call)
    {
        Expect("(");
        Enter();
        while (Peek is { } t && !t.Is(")"))
        {
            if (t.Kind == JinjaTokenKind.Name && _pos + 1 < _end && _tokens[_pos + 1].Is("="))
            {
                _pos += 2;
                call.Kwargs.Add(new KeyValuePair<string, JinjaExpr>(t.Text, ParseExpression(allowTuple: false)));
            }
            else if (t.Is("*") || t.Is("**"))
            {
                _pos++;
                call.Args.Add(ParseExpression(allowTuple: false));
            }
            else
            {
                call.Args.Add(ParseExpression(allowTuple: false));
            }

            if (!TryTake(","))
            {
                break;
            }
        }

        Leave();
        var close = Peek;
        Expect(")");
        call.End = close!.End;
    }

    private JinjaExpr ParsePrimary()
    {
        var t = Peek ?? throw Fail("expected a value");
        switch (t.Kind)
        {
            case JinjaTokenKind.Name:
                _pos++;
                return t.Text switch
                {
                    "true" or "True" => new JinjaExpr(JinjaExprKind.Literal, t.Start, t.End) { Value = true },
                    "false" or "False" => new JinjaExpr(JinjaExprKind.Literal, t.Start, t.End) { Value = false },
                    "none" or "None" => new JinjaExpr(JinjaExprKind.Literal, t.Start, t.End) { Value = null },
                    _ when IsKeyword(t.Text) => throw new JinjaSyntaxException($"unexpected keyword '{t.Text}'", t.Start, t.End),
                    _ => new JinjaExpr(JinjaExprKind.Name, t.Start, t.End) { Name = t.Text },
                };
            case JinjaTokenKind.String:
            {
                _pos++;
                var value = t.Text;
                var end = t.End;
                while (Peek is { Kind: JinjaTokenKind.String } more)
                {
                    // Adjacent string literals concatenate, as in Python.
                    value += more.Text;
                    end = more.End;
                    _pos++;
                }

                return new JinjaExpr(JinjaExprKind.Literal, t.Start, end) { Value = value };
            }

            case JinjaTokenKind.Number:
                _pos++;
                var digits = t.Text.Replace("_", string.Empty, StringComparison.Ordinal);
                object number = digits.Contains('.', StringComparison.Ordinal)
                    ? double.Parse(digits, NumberStyles.Float, CultureInfo.InvariantCulture)
                    : long.TryParse(digits, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : double.Parse(digits, NumberStyles.Float, CultureInfo.InvariantCulture);
                return new JinjaExpr(JinjaExprKind.Literal, t.Start, t.End) { Value = number };
        }

        if (t.Is("("))
        {
            _pos++;
            Enter();
            if (Peek is { } close0 && close0.Is(")"))
            {
                _pos++;
                Leave();
                return new JinjaExpr(JinjaExprKind.Tuple, t.Start, close0.End);
            }

            var inner = ParseExpression();
            Leave();
            Expect(")");
            return inner;
        }

        if (t.Is("["))
        {
            _pos++;
            Enter();
            var list = new JinjaExpr(JinjaExprKind.List, t.Start, t.End);
            while (Peek is { } p && !p.Is("]"))
            {
                list.Args.Add(ParseExpression(allowTuple: false));
                if (!TryTake(","))
                {
                    break;
                }
            }

            Leave();
            var close = Peek;
            Expect("]");
            list.End = close!.End;
            return list;
        }

        if (t.Is("{"))
        {
            _pos++;
            Enter();
            var dict = new JinjaExpr(JinjaExprKind.Dict, t.Start, t.End);
            while (Peek is { } p && !p.Is("}"))
            {
                dict.Args.Add(ParseExpression(allowTuple: false));
                Expect(":");
                dict.Args.Add(ParseExpression(allowTuple: false));
                if (!TryTake(","))
                {
                    break;
                }
            }

            Leave();
            var close = Peek;
            Expect("}");
            dict.End = close!.End;
            return dict;
        }

        throw Fail("expected a value");
    }

    public static bool IsKeyword(string name) => name is "and" or "or" or "not" or "in" or "is" or "if" or "else" or "recursive";

    private static JinjaExpr Binary(JinjaExprKind kind, string op, JinjaExpr left, JinjaExpr right)
    {
        var e = new JinjaExpr(kind, left.Start, right.End) { Name = op };
        e.Args.Add(left);
        e.Args.Add(right);
        return e;
    }

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw Fail($"expression nested deeper than {MaxDepth} levels");
        }
    }

    private void Leave() => _depth--;
}
