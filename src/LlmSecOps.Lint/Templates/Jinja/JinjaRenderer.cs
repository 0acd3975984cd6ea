using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LlmSecOps.Lint.Templates.Jinja;

/// <summary>
/// Renders the subset of Jinja that prompts and chat templates use: output, if/elif/else,
/// for (with loop.*), set, namespace(), common filters and tests, and a few string and dict
/// methods. It has no access to any .NET object beyond the plain values it is given, refuses
/// names starting with an underscore, and bounds loop iterations and output size, so rendering
/// untrusted templates cannot run code or hang.
/// </summary>
internal sealed class JinjaRenderer
{
    private const int MaxOutputChars = 4 << 20;
    private const int MaxIterations = 1_000_000;
    private const int MaxDepth = 200;

    private readonly StringBuilder _out = new();
    private readonly List<Dictionary<string, object?>> _scopes = [];
    private int _iterations;
    private int _depth;

    private JinjaRenderer(IReadOnlyDictionary<string, object?> variables)
    {
        _scopes.Add(new Dictionary<string, object?>(variables, StringComparer.Ordinal));
    }

    public static string Render(JinjaTemplate template, IReadOnlyDictionary<string, object?> variables)
    {
        if (template.Errors.Count > 0)
        {
            var e = template.Errors[0];
            throw new TemplateRenderException(e.Message, e.Start);
        }

        var r = new JinjaRenderer(variables);
        r.RenderNodes(template.Nodes);
        return r._out.ToString();
    }

    private void RenderNodes(List<JinjaNode> nodes)
    {
        if (++_depth > MaxDepth)
        {
            throw new TemplateRenderException("template nested too deeply", nodes.Count > 0 ? nodes[0].Start : 0);
        }

        foreach (var node in nodes)
        {
            RenderNode(node);
            if (_out.Length > MaxOutputChars)
            {
                throw new TemplateRenderException($"rendered text is over {MaxOutputChars} characters", node.Start);
            }
        }

        _depth--;
    }

    private void RenderNode(JinjaNode node)
    {
        switch (node.Kind)
        {
            case JinjaNodeKind.Text:
                _out.Append(node.Text);
                break;
            case JinjaNodeKind.Output:
                _out.Append(ToText(Eval(node.Expr!)));
                break;
            case JinjaNodeKind.If:
                foreach (var (cond, body) in node.Branches)
                {
                    if (Truthy(Eval(cond)))
                    {
                        RenderNodes(body);
                        return;
                    }
                }

                RenderNodes(node.ElseBody);
                break;
            case JinjaNodeKind.For:
                RenderFor(node);
                break;
            case JinjaNodeKind.Set:
                Assign(node.Targets, Eval(node.Expr!), node.Start);
                break;
            case JinjaNodeKind.SetBlock:
            {
                var saved = _out.Length;
                RenderNodes(node.Body);
                object? value = _out.ToString(saved, _out.Length - saved);
                _out.Length = saved;
                foreach (var f in node.BlockFilters)
                {
                    value = ApplyFilter(f.Name!, value, [], [], f.Start);
                }

                Assign(node.Targets, value, node.Start);
                break;
            }

            case JinjaNodeKind.Passthrough:
                RenderNodes(node.Body);
                break;
            default:
                throw new TemplateRenderException($"'{{% {node.Keyword} %}}' is not supported by the renderer", node.Start);
        }
    }

    private void RenderFor(JinjaNode node)
    {
        var items = Iterate(Eval(node.Expr!), node.Expr!.Start).ToList();
        if (node.Condition is not null)
        {
            items = items.Where(item =>
            {
                PushScope();
                Bind(node.Targets, item, node.Start);
                var keep = Truthy(Eval(node.Condition));
                PopScope();
                return keep;
            }).ToList();
        }

        if (items.Count == 0)
        {
            RenderNodes(node.ElseBody);
            return;
        }

        PushScope();
        for (var i = 0; i < items.Count; i++)
        {
            if (++_iterations > MaxIterations)
            {
                throw new TemplateRenderException($"more than {MaxIterations} loop iterations", node.Start);
            }

            Bind(node.Targets, items[i], node.Start);
            _scopes[^1]["loop"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["index"] = (long)(i + 1),
                ["index0"] = (long)i,
                ["revindex"] = (long)(items.Count - i),
                ["revindex0"] = (long)(items.Count - i - 1),
                ["first"] = i == 0,
                ["last"] = i == items.Count - 1,
                ["length"] = (long)items.Count,
                ["previtem"] = i > 0 ? items[i - 1] : new JinjaUndefined("loop.previtem"),
                ["nextitem"] = i + 1 < items.Count ? items[i + 1] : new JinjaUndefined("loop.nextitem"),
            };
            RenderNodes(node.Body);
        }

        PopScope();
    }

    private void Bind(List<JinjaExpr> targets, object? item, int at)
    {
        if (targets.Count == 1)
        {
            _scopes[^1][targets[0].Name!] = item;
            return;
        }

        var parts = Iterate(item, at).ToList();
        if (parts.Count != targets.Count)
        {
            throw new TemplateRenderException($"cannot unpack {parts.Count} values into {targets.Count} loop variables", at);
        }

        for (var i = 0; i < targets.Count; i++)
        {
            _scopes[^1][targets[i].Name!] = parts[i];
        }
    }

    private void Assign(List<JinjaExpr> targets, object? value, int at)
    {
        if (targets.Count == 1 && targets[0].Kind == JinjaExprKind.GetAttr)
        {
            var ns = Eval(targets[0].Args[0]);
            if (ns is not JinjaNamespace dict)
            {
                throw new TemplateRenderException("only namespace() objects accept attribute assignment", at);
            }

            dict[targets[0].Name!] = value;
            return;
        }

        if (targets.Count == 1)
        {
            _scopes[^1][targets[0].Name!] = value;
            return;
        }

        var parts = Iterate(value, at).ToList();
        if (parts.Count != targets.Count)
        {
            throw new TemplateRenderException($"cannot unpack {parts.Count} values into {targets.Count} names", at);
        }

        for (var i = 0; i < targets.Count; i++)
        {
            _scopes[^1][targets[i].Name!] = parts[i];
        }
    }

    private void PushScope() => _scopes.Add(new Dictionary<string, object?>(StringComparer.Ordinal));

    private void PopScope() => _scopes.RemoveAt(_scopes.Count - 1);

    private object? Lookup(string name)
    {
        for (var i = _scopes.Count - 1; i >= 0; i--)
        {
            if (_scopes[i].TryGetValue(name, out var v))
            {
                return v;
            }
        }

        return new JinjaUndefined(name);
    }

    private object? Eval(JinjaExpr e)
    {
        switch (e.Kind)
        {
            case JinjaExprKind.Name:
                return Lookup(e.Name!);
            case JinjaExprKind.Literal:
                return e.Value;
            case JinjaExprKind.List or JinjaExprKind.Tuple:
                return e.Args.Select(Eval).ToList();
            case JinjaExprKind.Dict:
            {
                var d = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (var i = 0; i + 1 < e.Args.Count; i += 2)
                {
                    d[ToText(Eval(e.Args[i]))] = Eval(e.Args[i + 1]);
                }

                return d;
            }

            case JinjaExprKind.GetAttr:
                return GetMember(Eval(e.Args[0]), e.Name!, e.Start);
            case JinjaExprKind.GetItem:
                return GetItem(Eval(e.Args[0]), Eval(e.Args[1]), e.Start);
            case JinjaExprKind.Slice:
                return Slice(Eval(e.Args[0]), e.Args.Count > 1 ? Eval(e.Args[1]) : null, e.Args.Count > 2 ? Eval(e.Args[2]) : null, e.Args.Count > 3 ? Eval(e.Args[3]) : null, e.Start);
            case JinjaExprKind.Call:
                return Call(e);
            case JinjaExprKind.Filter:
                return ApplyFilter(e.Name!, Eval(e.Args[0]), e.Args.Skip(1).Select(Eval).ToList(), e.Kwargs.ToDictionary(k => k.Key, k => Eval(k.Value), StringComparer.Ordinal), e.Start);
            case JinjaExprKind.Test:
            {
                var result = Test(e.Name!, Eval(e.Args[0]), e.Args.Skip(1).Select(Eval).ToList(), e.Start);
                return e.Negated ? !result : result;
            }

            case JinjaExprKind.Not:
                return !Truthy(Eval(e.Args[0]));
            case JinjaExprKind.Negate:
                return Arithmetic("-", 0L, Eval(e.Args[0]), e.Start);
            case JinjaExprKind.And:
            {
                var left = Eval(e.Args[0]);
                return Truthy(left) ? Eval(e.Args[1]) : left;
            }

            case JinjaExprKind.Or:
            {
                var left = Eval(e.Args[0]);
                return Truthy(left) ? left : Eval(e.Args[1]);
            }

            case JinjaExprKind.Conditional:
                return Truthy(Eval(e.Args[1])) ? Eval(e.Args[0]) : e.Args.Count > 2 ? Eval(e.Args[2]) : new JinjaUndefined("else");
            case JinjaExprKind.Concat:
                return ToText(Eval(e.Args[0])) + ToText(Eval(e.Args[1]));
            case JinjaExprKind.Compare:
                return Compare(e.Name!, Eval(e.Args[0]), Eval(e.Args[1]), e.Start);
            case JinjaExprKind.Binary:
                return Arithmetic(e.Name!, Eval(e.Args[0]), Eval(e.Args[1]), e.Start);
            default:
                throw new TemplateRenderException("unsupported expression", e.Start);
        }
    }

    private static object? GetMember(object? target, string name, int at)
    {
        if (name.StartsWith('_'))
        {
            throw new TemplateRenderException($"access to '{name}' is refused", at);
        }

        return target switch
        {
            JinjaUndefined u => throw new TemplateRenderException($"'{u.Name}' is undefined", at),
            IReadOnlyDictionary<string, object?> d => d.TryGetValue(name, out var v) ? v : new JinjaUndefined(name),
            IDictionary<string, object?> d => d.TryGetValue(name, out var v) ? v : new JinjaUndefined(name),
            _ => new JinjaUndefined(name),
        };
    }

    private static object? GetItem(object? target, object? key, int at)
    {
        switch (target)
        {
            case JinjaUndefined u:
                throw new TemplateRenderException($"'{u.Name}' is undefined", at);
            case IReadOnlyDictionary<string, object?> or IDictionary<string, object?>:
                return GetMember(target, ToText(key), at);
            case string s when ToIndex(key, s.Length) is { } i:
                return s[i].ToString();
            case IList list when ToIndex(key, list.Count) is { } i:
                return list[i];
            default:
                return new JinjaUndefined(ToText(key));
        }
    }

    private static int? ToIndex(object? key, int count)
    {
        if (key is not long l)
        {
            return null;
        }

        var i = l < 0 ? count + l : l;
        return i >= 0 && i < count ? (int)i : null;
    }

    private static object? Slice(object? target, object? start, object? stop, object? step, int at)
    {
        var items = target is string s ? s.Select(c => (object?)c.ToString()).ToList() : Iterate(target, at).ToList();
        var n = items.Count;
        var st = step is long k ? (int)k : 1;
        if (st == 0)
        {
            throw new TemplateRenderException("slice step cannot be zero", at);
        }

        int Norm(object? v, int dflt) => v is long l ? (int)Math.Clamp(l < 0 ? n + l : l, st > 0 ? 0 : -1, n) : dflt;
        var a = Norm(start, st > 0 ? 0 : n - 1);
        var b = Norm(stop, st > 0 ? n : -1);
        var result = new List<object?>();
        for (var i = a; st > 0 ? i < b : i > b; i += st)
        {
            if (i >= 0 && i < n)
            {
                result.Add(items[i]);
            }
        }

        return target is string ? string.Concat(result.Select(ToText)) : result;
    }

    private object? Call(JinjaExpr e)
    {
        var callee = e.Args[0];
        var args = e.Args.Skip(1).Select(Eval).ToList();
        var kwargs = e.Kwargs.ToDictionary(k => k.Key, k => Eval(k.Value), StringComparer.Ordinal);
        if (callee.Kind == JinjaExprKind.Name)
        {
            switch (callee.Name)
            {
                case "range":
                {
                    long from = 0, to, step = 1;
                    if (args.Count == 1)
                    {
                        to = ToLong(args[0], e.Start);
                    }
                    else
                    {
                        from = args.Count > 0 ? ToLong(args[0], e.Start) : 0;
                        to = args.Count > 1 ? ToLong(args[1], e.Start) : 0;
                        step = args.Count > 2 ? ToLong(args[2], e.Start) : 1;
                    }

                    if (step == 0 || Math.Abs((to - from) / step) > MaxIterations)
                    {
                        throw new TemplateRenderException("range() too large", e.Start);
                    }

                    var list = new List<object?>();
                    for (var i = from; step > 0 ? i < to : i > to; i += step)
                    {
                        list.Add(i);
                    }

                    return list;
                }

                case "namespace":
                {
                    var ns = new JinjaNamespace();
                    foreach (var (k, v) in kwargs)
                    {
                        ns[k] = v;
                    }

                    return ns;
                }

                case "dict":
                    return new Dictionary<string, object?>(kwargs, StringComparer.Ordinal);
                case "raise_exception":
                    throw new TemplateRenderException("template raised: " + (args.Count > 0 ? ToText(args[0]) : "error"), e.Start);
            }

            throw new TemplateRenderException($"unknown function '{callee.Name}'", e.Start);
        }

        if (callee.Kind == JinjaExprKind.GetAttr)
        {
            var name = callee.Name!;
            if (name.StartsWith('_'))
            {
                throw new TemplateRenderException($"access to '{name}' is refused", callee.Start);
            }

            var target = Eval(callee.Args[0]);
            return Method(target, name, args, e.Start);
        }

        throw new TemplateRenderException("unsupported call", e.Start);
    }

    private static object? Method(object? target, string name, List<object?> args, int at)
    {
        if (target is string s)
        {
            string Arg(int i) => i < args.Count ? ToText(args[i]) : string.Empty;
            return name switch
            {
                "strip" => args.Count > 0 ? s.Trim(Arg(0).ToCharArray()) : s.Trim(),
                "lstrip" => args.Count > 0 ? s.TrimStart(Arg(0).ToCharArray()) : s.TrimStart(),
                "rstrip" => args.Count > 0 ? s.TrimEnd(Arg(0).ToCharArray()) : s.TrimEnd(),
                "upper" => s.ToUpperInvariant(),
                "lower" => s.ToLowerInvariant(),
                "title" => Title(s),
                "capitalize" => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant(),
                "startswith" => s.StartsWith(Arg(0), StringComparison.Ordinal),
                "endswith" => s.EndsWith(Arg(0), StringComparison.Ordinal),
                "split" => (args.Count > 0 ? s.Split(Arg(0)) : s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Select(static x => (object?)x).ToList(),
                "replace" => s.Replace(Arg(0), Arg(1), StringComparison.Ordinal),
                "join" => string.Join(s, Iterate(args.Count > 0 ? args[0] : null, at).Select(ToText)),
                _ => throw new TemplateRenderException($"unsupported string method '{name}'", at),
            };
        }

        if (target is IReadOnlyDictionary<string, object?> d)
        {
            return name switch
            {
                "items" => d.Select(kv => (object?)new List<object?> { kv.Key, kv.Value }).ToList(),
                "keys" => d.Keys.Select(static k => (object?)k).ToList(),
                "values" => d.Values.ToList(),
                "get" => d.TryGetValue(ToText(args.Count > 0 ? args[0] : null), out var v) ? v : args.Count > 1 ? args[1] : null,
                _ => throw new TemplateRenderException($"unsupported method '{name}'", at),
            };
        }

        throw new TemplateRenderException(target is JinjaUndefined u ? $"'{u.Name}' is undefined" : $"unsupported method '{name}'", at);
    }

    private static object? ApplyFilter(string name, object? value, List<object?> args, Dictionary<string, object?> kwargs, int at)
    {
        object? Arg(int i, string key, object? dflt) => i < args.Count ? args[i] : kwargs.TryGetValue(key, out var v) ? v : dflt;
        switch (name.ToLowerInvariant())
        {
            case "default" or "d":
            {
                var fallback = Arg(0, "default_value", string.Empty);
                var boolean = Truthy(Arg(1, "boolean", false));
                return value is JinjaUndefined || (boolean && !Truthy(value)) ? fallback : value;
            }

            case "upper":
                return ToText(value).ToUpperInvariant();
            case "lower":
                return ToText(value).ToLowerInvariant();
            case "title":
                return Title(ToText(value));
            case "capitalize":
            {
                var s = ToText(value);
                return s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant();
            }

            case "trim" or "strip":
                return ToText(value).Trim();
            case "length" or "count":
                return value switch
                {
                    string s => (long)s.Length,
                    ICollection c => (long)c.Count,
                    _ => (long)Iterate(value, at).Count(),
                };
            case "join":
                return string.Join(ToText(Arg(0, "d", string.Empty)), Iterate(value, at).Select(ToText));
            case "first":
                return Iterate(value, at).FirstOrDefault();
            case "last":
                return Iterate(value, at).LastOrDefault();
            case "list":
                return value is string str ? str.Select(c => (object?)c.ToString()).ToList() : Iterate(value, at).ToList();
            case "string":
                return ToText(value);
            case "int":
                return long.TryParse(ToText(value), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l
                    : double.TryParse(ToText(value), NumberStyles.Float, CultureInfo.InvariantCulture, out var dd) ? (long)dd : 0L;
            case "float":
                return double.TryParse(ToText(value), NumberStyles.Float, CultureInfo.InvariantCulture, out var f) ? f : 0.0;
            case "abs":
                return value is long li ? Math.Abs(li) : Math.Abs(ToDouble(value, at));
            case "round":
                return Math.Round(ToDouble(value, at), (int)ToLong(Arg(0, "precision", 0L), at), MidpointRounding.AwayFromZero);
            case "replace":
                return ToText(value).Replace(ToText(Arg(0, "old", string.Empty)), ToText(Arg(1, "new", string.Empty)), StringComparison.Ordinal);
            case "tojson":
                return JsonSerializer.Serialize(ToJsonable(value));
            case "e" or "escape" or "forceescape":
                return System.Net.WebUtility.HtmlEncode(ToText(value));
            case "safe":
                return value;
            case "indent":
            {
                var width = (int)ToLong(Arg(0, "width", 4L), at);
                var first = Truthy(Arg(1, "first", false));
                var pad = new string(' ', Math.Clamp(width, 0, 100));
                var lines = ToText(value).Split('\n');
                return string.Join("\n", lines.Select((line, i) => (i == 0 && !first) || line.Length == 0 ? line : pad + line));
            }

            case "truncate":
            {
                var s = ToText(value);
                var len = (int)ToLong(Arg(0, "length", 255L), at);
                return s.Length <= len ? s : s[..Math.Max(0, len - 3)] + "...";
            }

            case "wordcount":
                return (long)ToText(value).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
            case "items":
                return value is IReadOnlyDictionary<string, object?> d ? d.Select(kv => (object?)new List<object?> { kv.Key, kv.Value }).ToList() : new List<object?>();
            case "reverse":
                return value is string rs ? new string(rs.Reverse().ToArray()) : Iterate(value, at).Reverse().ToList();
            case "unique":
                return Iterate(value, at).Distinct().ToList();
            case "center":
            {
                var s = ToText(value);
                var w = (int)ToLong(Arg(0, "width", 80L), at);
                return s.Length >= w ? s : s.PadLeft((w + s.Length) / 2).PadRight(w);
            }

            default:
                throw new TemplateRenderException($"filter '{name}' is not supported by the renderer", at);
        }
    }

    private static bool Test(string name, object? value, List<object?> args, int at) => name switch
    {
        "defined" => value is not JinjaUndefined,
        "undefined" => value is JinjaUndefined,
        "none" => value is null,
        "string" => value is string,
        "number" => value is long or double,
        "integer" => value is long,
        "float" => value is double,
        "boolean" => value is bool,
        "true" => value is true,
        "false" => value is false,
        "mapping" => value is IReadOnlyDictionary<string, object?> or IDictionary<string, object?>,
        "iterable" or "sequence" => value is string or IEnumerable and not IReadOnlyDictionary<string, object?>,
        "odd" => ToLong(value, at) % 2 != 0,
        "even" => ToLong(value, at) % 2 == 0,
        "divisibleby" => args.Count > 0 && ToLong(args[0], at) != 0 && ToLong(value, at) % ToLong(args[0], at) == 0,
        "equalto" or "eq" or "sameas" => args.Count > 0 && ValueEquals(value, args[0]),
        "in" => args.Count > 0 && Contains(args[0], value),
        "lower" => value is string ls && ls == ls.ToLowerInvariant(),
        "upper" => value is string us && us == us.ToUpperInvariant(),
        _ => throw new TemplateRenderException($"test '{name}' is not supported by the renderer", at),
    };

    private static object Compare(string op, object? a, object? b, int at)
    {
        switch (op)
        {
            case "==":
                return ValueEquals(a, b);
            case "!=":
                return !ValueEquals(a, b);
            case "in":
                return Contains(b, a);
            case "not in":
                return !Contains(b, a);
        }

        int c;
        if (a is string sa && b is string sb)
        {
            c = string.CompareOrdinal(sa, sb);
        }
        else
        {
            c = ToDouble(a, at).CompareTo(ToDouble(b, at));
        }

        return op switch
        {
            "<" => c < 0,
            "<=" => c <= 0,
            ">" => c > 0,
            _ => c >= 0,
        };
    }

    private static bool Contains(object? container, object? item) => container switch
    {
        string s => s.Contains(ToText(item), StringComparison.Ordinal),
        IReadOnlyDictionary<string, object?> d => d.ContainsKey(ToText(item)),
        IEnumerable e => e.Cast<object?>().Any(x => ValueEquals(x, item)),
        _ => false,
    };

    private static bool ValueEquals(object? a, object? b)
    {
        if (a is JinjaUndefined || b is JinjaUndefined)
        {
            return a is JinjaUndefined && b is JinjaUndefined;
        }

        if (a is long or double && b is long or double)
        {
            return Convert.ToDouble(a, CultureInfo.InvariantCulture) == Convert.ToDouble(b, CultureInfo.InvariantCulture);
        }

        return Equals(a, b);
    }

    private static object Arithmetic(string op, object? a, object? b, int at)
    {
        if (op == "+" && a is string sa && b is string sb)
        {
            return sa + sb;
        }

        if (op == "+" && a is IList la && b is IList lb)
        {
            return la.Cast<object?>().Concat(lb.Cast<object?>()).ToList();
        }

        if (op == "*" && a is string rep && b is long times)
        {
            return times <= 0 ? string.Empty : times * rep.Length > MaxOutputChars ? throw new TemplateRenderException("string repetition too large", at) : string.Concat(Enumerable.Repeat(rep, (int)times));
        }

        if (a is long x && b is long y && op is "+" or "-" or "*" or "//" or "%")
        {
            return op switch
            {
                "+" => x + y,
                "-" => x - y,
                "*" => x * y,
                "//" => y == 0 ? throw new TemplateRenderException("division by zero", at) : (long)Math.Floor((double)x / y),
                _ => y == 0 ? throw new TemplateRenderException("division by zero", at) : ((x % y) + y) % y,
            };
        }

        var dx = ToDouble(a, at);
        var dy = ToDouble(b, at);
        return op switch
        {
            "+" => dx + dy,
            "-" => dx - dy,
            "*" => dx * dy,
            "/" => dy == 0 ? throw new TemplateRenderException("division by zero", at) : dx / dy,
            "//" => dy == 0 ? throw new TemplateRenderException("division by zero", at) : Math.Floor(dx / dy),
            "%" => dy == 0 ? throw new TemplateRenderException("division by zero", at) : dx % dy,
            "**" => Math.Pow(dx, dy),
            _ => throw new TemplateRenderException($"unsupported operator '{op}'", at),
        };
    }

    private static IEnumerable<object?> Iterate(object? value, int at) => value switch
    {
        null => throw new TemplateRenderException("cannot iterate over none", at),
        JinjaUndefined u => throw new TemplateRenderException($"'{u.Name}' is undefined", at),
        string s => s.Select(c => (object?)c.ToString()),
        IReadOnlyDictionary<string, object?> d => d.Keys,
        IEnumerable e => e.Cast<object?>(),
        _ => throw new TemplateRenderException("value is not iterable", at),
    };

    private static long ToLong(object? v, int at) => v switch
    {
        long l => l,
        double d => (long)d,
        bool b => b ? 1 : 0,
        string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
        _ => throw new TemplateRenderException("expected a whole number", at),
    };

    private static double ToDouble(object? v, int at) => v switch
    {
        long l => l,
        double d => d,
        bool b => b ? 1 : 0,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => throw new TemplateRenderException("expected a number", at),
    };

    public static bool Truthy(object? v) => v switch
    {
        null or JinjaUndefined => false,
        bool b => b,
        long l => l != 0,
        double d => d != 0,
        string s => s.Length > 0,
        ICollection c => c.Count > 0,
        _ => true,
    };

    /// <summary>The text Jinja would print for a value (Python's str()).</summary>
    public static string ToText(object? v) => v switch
    {
        null => "None",
        JinjaUndefined => string.Empty,
        string s => s,
        bool b => b ? "True" : "False",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d == Math.Floor(d) && Math.Abs(d) < 1e15 ? d.ToString("0.0", CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture),
        IReadOnlyDictionary<string, object?> d => "{" + string.Join(", ", d.Select(kv => Repr(kv.Key) + ": " + Repr(kv.Value))) + "}",
        IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Select(Repr)) + "]",
        _ => v.ToString() ?? string.Empty,
    };

    private static string Repr(object? v) => v is string s ? "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'" : ToText(v);

    private static object? ToJsonable(object? v) => v switch
    {
        JinjaUndefined => null,
        IReadOnlyDictionary<string, object?> d => d.ToDictionary(kv => kv.Key, kv => ToJsonable(kv.Value), StringComparer.Ordinal),
        string s => s,
        IEnumerable e => e.Cast<object?>().Select(ToJsonable).ToList(),
        _ => v,
    };

    private static string Title(string s)
    {
        var chars = s.ToCharArray();
        var start = true;
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsLetter(chars[i]))
            {
                chars[i] = start ? char.ToUpperInvariant(chars[i]) : char.ToLowerInvariant(chars[i]);
                start = false;
            }
            else
            {
                start = true;
            }
        }

        return new string(chars);
    }
}
