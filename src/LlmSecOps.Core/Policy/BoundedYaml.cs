using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace LlmSecOps.Core.Policy;

/// <summary>
/// Loads YAML written by people (policies, gateway configuration, probe files) into nodes, with
/// the limits every such loader needs: nesting is bounded on the parser's event stream before the
/// recursive node builder runs, so a hostile <c>[[[[…</c> cannot overflow the stack; aliases are
/// refused, so a few lines cannot expand into millions of nodes; and every failure is reported
/// with a line and column instead of an exception.
/// </summary>
public static class BoundedYaml
{
    /// <summary>Receives one failure: where it is (1-based; 0 when unknown) and what it is.</summary>
    public delegate void ErrorSink(int line, int column, string message);

    /// <summary>Parses every document of <paramref name="yaml"/>; null, with the failure reported, when it is not acceptable YAML.</summary>
    /// <param name="yaml">The text.</param>
    /// <param name="maxDepth">Deepest nesting of mappings and sequences allowed.</param>
    /// <param name="aliasMessage">What to say when the text uses an alias.</param>
    /// <param name="error">Where failures go.</param>
    public static IReadOnlyList<YamlNode>? LoadDocuments(string yaml, int maxDepth, string aliasMessage, ErrorSink error)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(error);
        var lastLine = 1;
        var lastColumn = 1;
        try
        {
            var parser = new Parser(new StringReader(yaml));
            var depth = 0;
            while (parser.MoveNext())
            {
                if (parser.Current is { } current)
                {
                    lastLine = (int)current.End.Line;
                    lastColumn = (int)current.End.Column;
                }

                switch (parser.Current)
                {
                    case MappingStart or SequenceStart:
                        if (++depth > maxDepth)
                        {
                            var m = parser.Current!.Start;
                            error((int)m.Line, (int)m.Column, $"nesting deeper than {maxDepth} levels");
                            return null;
                        }

                        break;
                    case MappingEnd or SequenceEnd:
                        depth--;
                        break;
                    case AnchorAlias alias:
                        error((int)alias.Start.Line, (int)alias.Start.Column, aliasMessage);
                        return null;
                }
            }

            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            return stream.Documents.Select(static d => d.RootNode).ToList();
        }
        catch (YamlException ex)
        {
            // The library prefixes its messages with the position, which the report carries already.
            var message = ex.InnerException?.Message ?? ex.Message;
            var at = message.IndexOf("): ", StringComparison.Ordinal);
            if (at >= 0 && message.StartsWith("(Line", StringComparison.Ordinal))
            {
                message = message[(at + 3)..];
            }

            error((int)ex.Start.Line, (int)ex.Start.Column, "invalid YAML: " + message);
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // Some malformed input is reported with exceptions that carry no position; the end of
            // the last event read is where the trouble starts.
            error(lastLine, lastColumn, "invalid YAML near here: " + ex.Message);
            return null;
        }
    }

    /// <summary>
    /// Parses a text that must hold one mapping: an empty text is an empty mapping; several
    /// documents or another kind of root are reported.
    /// </summary>
    /// <param name="yaml">The text.</param>
    /// <param name="maxDepth">Deepest nesting of mappings and sequences allowed.</param>
    /// <param name="aliasMessage">What to say when the text uses an alias.</param>
    /// <param name="severalDocumentsMessage">What to say when the text holds more than one document.</param>
    /// <param name="notMappingMessage">What to say when the root is not a mapping.</param>
    /// <param name="error">Where failures go.</param>
    public static YamlMappingNode? LoadMapping(
        string yaml, int maxDepth, string aliasMessage, string severalDocumentsMessage, string notMappingMessage, ErrorSink error)
    {
        if (LoadDocuments(yaml, maxDepth, aliasMessage, error) is not { } documents)
        {
            return null;
        }

        if (documents.Count == 0 || documents[0] is YamlScalarNode { Value: null or "" })
        {
            return new YamlMappingNode();
        }

        if (documents.Count > 1)
        {
            error(0, 0, severalDocumentsMessage);
            return null;
        }

        if (documents[0] is YamlMappingNode map)
        {
            return map;
        }

        var s = documents[0].Start;
        error((int)s.Line, (int)s.Column, notMappingMessage);
        return null;
    }

    /// <summary>A scalar spelling true/yes/on or false/no/off (any case); null for anything else.</summary>
    public static bool? ScalarBool(YamlNode node) => (node as YamlScalarNode)?.Value?.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        _ => null,
    };
}
