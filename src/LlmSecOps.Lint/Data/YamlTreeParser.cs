using System.Globalization;
using LlmSecOps.Lint.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace LlmSecOps.Lint.Data;

/// <summary>
/// Reads YAML into <see cref="DataNode"/> trees straight from the parser's events, so depth,
/// node count and aliases are bounded before anything is built (an alias refers to the anchored
/// node instead of copying it, which defeats "billion laughs" expansion).
/// </summary>
internal static class YamlTreeParser
{
    /// <summary>Deepest nesting accepted.</summary>
    public const int MaxDepth = 64;

    /// <summary>Most nodes accepted in one file.</summary>
    public const int MaxNodes = 500_000;

    /// <summary>
    /// Parses every document in <c>source[start..end]</c>. Offsets in the trees are offsets into
    /// <paramref name="source"/>. Returns the documents read before an error, and the error.
    /// </summary>
    public static IReadOnlyList<DataNode> Parse(string source, int start, int end, out ParseError? error)
    {
        var documents = new List<DataNode>();
        var anchors = new Dictionary<string, DataNode>(StringComparer.Ordinal);
        var stack = new List<Frame>();
        var nodes = 0;
        var lastOffset = start;
        error = null;
        try
        {
            var parser = new Parser(new StringReader(source.Substring(start, end - start)));
            while (parser.MoveNext())
            {
                var ev = parser.Current!;
                lastOffset = start + (int)ev.Start.Index;
                switch (ev)
                {
                    case DocumentStart:
                        anchors.Clear();
                        break;
                    case MappingStart ms:
                        if (stack.Count >= MaxDepth)
                        {
                            error = new ParseError(lastOffset, $"YAML nested deeper than {MaxDepth} levels");
                            return documents;
                        }

                        stack.Add(new Frame(true, start + (int)ms.Start.Index, ms.Anchor.IsEmpty ? null : ms.Anchor.Value));
                        break;
                    case SequenceStart ss:
                        if (stack.Count >= MaxDepth)
                        {
                            error = new ParseError(lastOffset, $"YAML nested deeper than {MaxDepth} levels");
                            return documents;
                        }

                        stack.Add(new Frame(false, start + (int)ss.Start.Index, ss.Anchor.IsEmpty ? null : ss.Anchor.Value));
                        break;
                    case MappingEnd or SequenceEnd:
                    {
                        var frame = stack[^1];
                        stack.RemoveAt(stack.Count - 1);
                        var endOffset = start + (int)ev.End.Index;
                        DataNode built = frame.IsMap
                            ? new DataMap(frame.Entries(), frame.Start, endOffset)
                            : new DataSequence(frame.Items, frame.Start, endOffset);
                        if (frame.Anchor is not null)
                        {
                            anchors[frame.Anchor] = built;
                        }

                        if (Add(built) is { } doc)
                        {
                            documents.Add(doc);
                        }

                        break;
                    }

                    case Scalar scalar:
                    {
                        if (++nodes > MaxNodes)
                        {
                            error = new ParseError(lastOffset, $"YAML document has more than {MaxNodes} values");
                            return documents;
                        }

                        var node = MakeScalar(source, start, scalar);
                        if (!scalar.Anchor.IsEmpty)
                        {
                            anchors[scalar.Anchor.Value] = node;
                        }

                        if (Add(node) is { } doc)
                        {
                            documents.Add(doc);
                        }

                        break;
                    }

                    case AnchorAlias alias:
                    {
                        var at = start + (int)alias.Start.Index;
                        var node = anchors.TryGetValue(alias.Value.Value, out var target)
                            ? target
                            : new DataScalar(string.Empty, ScalarKind.Null, at, start + (int)alias.End.Index, TextOrigin.Contiguous(at));
                        if (Add(node) is { } doc)
                        {
                            documents.Add(doc);
                        }

                        break;
                    }
                }

                if (ev is MappingStart or SequenceStart && ++nodes > MaxNodes)
                {
                    error = new ParseError(lastOffset, $"YAML document has more than {MaxNodes} values");
                    return documents;
                }
            }
        }
        catch (YamlException ex)
        {
            error = new ParseError(start + (int)Math.Max(0, ex.Start.Index), Clean(ex));
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException or IndexOutOfRangeException or NotSupportedException)
        {
            // Some malformed input surfaces as a position-less exception; the last event read is
            // where the trouble starts.
            error = new ParseError(lastOffset, "invalid YAML near here: " + ex.Message);
        }

        return documents;

        DataNode? Add(DataNode node)
        {
            if (stack.Count == 0)
            {
                return node;
            }

            stack[^1].Add(node);
            return null;
        }
    }

    private static DataScalar MakeScalar(string source, int baseOffset, Scalar scalar)
    {
        var s = baseOffset + (int)scalar.Start.Index;
        var e = baseOffset + (int)scalar.End.Index;
        var value = scalar.Value ?? string.Empty;
        var kind = scalar.Style == ScalarStyle.Plain ? PlainKind(value) : ScalarKind.String;
        TextOrigin origin = scalar.Style switch
        {
            ScalarStyle.Plain when e - s == value.Length => TextOrigin.Contiguous(s),
            ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted when e - s == value.Length + 2 && !value.Contains('\'', StringComparison.Ordinal) && !value.Contains('\\', StringComparison.Ordinal) && !value.Contains('\n', StringComparison.Ordinal)
                => TextOrigin.Contiguous(s + 1),
            _ => TextOrigin.Lazy(s, () => ScalarAligner.Align(
                source, s, e, value, scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded, scalar.Style == ScalarStyle.DoubleQuoted)),
        };
        return new DataScalar(value, kind, s, e, origin);
    }

    private static ScalarKind PlainKind(string value)
    {
        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return ScalarKind.Null;
            case "true" or "True" or "TRUE" or "false" or "False" or "FALSE":
                return ScalarKind.Boolean;
        }

        if (value.Length > 0 && (char.IsAsciiDigit(value[0]) || value[0] is '-' or '+' or '.')
            && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            return ScalarKind.Number;
        }

        return ScalarKind.String;
    }

    private static string Clean(YamlException ex)
    {
        var msg = ex.InnerException?.Message ?? ex.Message;
        var idx = msg.IndexOf("): ", StringComparison.Ordinal);
        return "invalid YAML: " + (idx >= 0 && msg.StartsWith("(Line", StringComparison.Ordinal) ? msg[(idx + 3)..] : msg);
    }

    private sealed class Frame(bool isMap, int start, string? anchor)
    {
        private DataNode? _pendingKey;

        public bool IsMap { get; } = isMap;

        public int Start { get; } = start;

        public string? Anchor { get; } = anchor;

        public List<DataNode> Items { get; } = [];

        public void Add(DataNode node)
        {
            if (!IsMap)
            {
                Items.Add(node);
                return;
            }

            if (_pendingKey is null)
            {
                _pendingKey = node;
                return;
            }

            Items.Add(_pendingKey);
            Items.Add(node);
            _pendingKey = null;
        }

        public List<KeyValuePair<DataScalar, DataNode>> Entries()
        {
            var list = new List<KeyValuePair<DataScalar, DataNode>>(Items.Count / 2);
            for (var i = 0; i + 1 < Items.Count; i += 2)
            {
                // Complex (non-scalar) keys are rare in prompt files; they are kept as an empty key.
                var key = Items[i] as DataScalar
                    ?? new DataScalar(string.Empty, ScalarKind.Null, Items[i].Start, Items[i].End, TextOrigin.Contiguous(Items[i].Start));
                list.Add(new KeyValuePair<DataScalar, DataNode>(key, Items[i + 1]));
            }

            return list;
        }
    }
}
