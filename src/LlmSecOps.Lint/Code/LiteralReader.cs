using LlmSecOps.Lint.Data;
using LlmSecOps.Lint.Text;

namespace LlmSecOps.Lint.Code;

/// <summary>
/// Reads a dict/object/list literal in source code into a <see cref="DataNode"/> tree: string
/// keys (or bare identifier keys in JavaScript), literal values, nested literals; anything else
/// becomes an expression scalar with its source text. Lets tool definitions written as Python
/// dicts or TypeScript objects go through the same checks as JSON ones.
/// </summary>
internal static class LiteralReader
{
    private const int MaxDepth = 32;

    public static DataNode? Read(CodeFile code, int open, int depth = 0)
    {
        var t = code.At(open);
        if (t is null || depth > MaxDepth)
        {
            return null;
        }

        var close = code.Match(open);
        if (close < 0)
        {
            return null;
        }

        if (t.IsPunct("{"))
        {
            var entries = new List<KeyValuePair<DataScalar, DataNode>>();
            foreach (var arg in code.ArgumentsOf(open))
            {
                if (arg.Keyword is null || arg.ValueStart >= arg.End)
                {
                    continue;
                }

                var keyToken = code.Tokens[arg.Start];
                var key = keyToken.Kind == CodeTokenKind.String && keyToken.Literal is { } kl
                    ? new DataScalar(kl.Value, ScalarKind.String, keyToken.Start, keyToken.End, kl.Origin)
                    : new DataScalar(keyToken.Text, ScalarKind.String, keyToken.Start, keyToken.End, TextOrigin.Contiguous(keyToken.Start));
                entries.Add(new KeyValuePair<DataScalar, DataNode>(key, Value(code, arg.ValueStart, arg.End, depth)));
            }

            return new DataMap(entries, t.Start, code.Tokens[close].End);
        }

        if (t.IsPunct("["))
        {
            var items = new List<DataNode>();
            foreach (var arg in code.ArgumentsOf(open))
            {
                items.Add(Value(code, arg.Start, arg.End, depth));
            }

            return new DataSequence(items, t.Start, code.Tokens[close].End);
        }

        return null;
    }

    private static DataNode Value(CodeFile code, int start, int end, int depth)
    {
        var first = code.Tokens[start];
        if (end - start == 1)
        {
            switch (first.Kind)
            {
                case CodeTokenKind.String when first.Literal is { Interpolated: false } lit:
                    return new DataScalar(lit.Value, ScalarKind.String, first.Start, first.End, lit.Origin);
                case CodeTokenKind.Number:
                    return new DataScalar(first.Text, ScalarKind.Number, first.Start, first.End, TextOrigin.Contiguous(first.Start));
                case CodeTokenKind.Identifier when first.Text is "True" or "False" or "true" or "false":
                    return new DataScalar(first.Text.ToLowerInvariant(), ScalarKind.Boolean, first.Start, first.End, TextOrigin.Contiguous(first.Start));
                case CodeTokenKind.Identifier when first.Text is "None" or "null" or "undefined":
                    return new DataScalar(first.Text, ScalarKind.Null, first.Start, first.End, TextOrigin.Contiguous(first.Start));
            }
        }

        if ((first.IsPunct("{") || first.IsPunct("[")) && code.Match(start) == end - 1 && Read(code, start, depth + 1) is { } nested)
        {
            return nested;
        }

        var s = first.Start;
        var e = code.Tokens[end - 1].End;
        return new DataScalar(code.Text[s..e], ScalarKind.Expression, s, e, TextOrigin.Contiguous(s));
    }
}
