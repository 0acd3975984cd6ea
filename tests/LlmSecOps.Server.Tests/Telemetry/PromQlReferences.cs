using System.Text;

namespace LlmSecOps.Server.Tests.Telemetry;

/// <summary>
/// Pulls metric names and label names out of a PromQL expression, well enough to check that
/// dashboards and alert rules only use series the exporter produces. Not a PromQL parser:
/// strings, durations, numbers and Grafana variables are dropped, identifiers followed by
/// "(" are functions, and a fixed set of keywords is skipped.
/// </summary>
internal static class PromQlReferences
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "offset", "bool",
        "sum", "avg", "min", "max", "count", "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values", "group",
        "inf", "nan", "Inf", "NaN",
    };

    private static readonly string[] GroupingKeywords = ["by", "without", "on", "ignoring", "group_left", "group_right"];

    public static (HashSet<string> Metrics, HashSet<string> Labels) Extract(string expression)
    {
        var metrics = new HashSet<string>(StringComparer.Ordinal);
        var labels = new HashSet<string>(StringComparer.Ordinal);
        var text = expression;
        var length = text.Length;
        var output = new StringBuilder(length);
        var i = 0;
        while (i < length)
        {
            var c = text[i];
            if (c is '"' or '\'' or '`')
            {
                i = SkipString(text, i);
                output.Append(' ');
            }
            else if (c == '{')
            {
                var end = text.IndexOf('}', i);
                foreach (var matcher in SplitOutsideStrings(text[(i + 1)..end]))
                {
                    var name = new string(matcher.TakeWhile(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_').ToArray()).Trim();
                    if (name.Length > 0)
                    {
                        labels.Add(name);
                    }
                }

                i = end + 1;
                output.Append(' ');
            }
            else if (c == '[')
            {
                i = text.IndexOf(']', i) + 1;
                output.Append(' ');
            }
            else if (c == '$')
            {
                i++;
                while (i < length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                output.Append(' ');
            }
            else
            {
                output.Append(c);
                i++;
            }
        }

        var cleaned = output.ToString();
        var tokens = Tokenize(cleaned);
        for (var t = 0; t < tokens.Count; t++)
        {
            var token = tokens[t];
            if (GroupingKeywords.Contains(token) && t + 1 < tokens.Count && tokens[t + 1] == "(")
            {
                t += 2;
                while (t < tokens.Count && tokens[t] != ")")
                {
                    if (tokens[t] != ",")
                    {
                        labels.Add(tokens[t]);
                    }

                    t++;
                }

                continue;
            }

            if (!IsIdentifier(token) || Keywords.Contains(token))
            {
                continue;
            }

            if (t + 1 < tokens.Count && tokens[t + 1] == "(")
            {
                continue;
            }

            metrics.Add(token);
        }

        return (metrics, labels);
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsAsciiLetter(c) || c is '_' or ':')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or ':'))
                {
                    i++;
                }

                tokens.Add(text[start..i]);
            }
            else if (char.IsAsciiDigit(c) || c == '.')
            {
                // Numbers, including 1e-9 and 0x1F.
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '.' || ((text[i] is '-' or '+') && (text[i - 1] is 'e' or 'E'))))
                {
                    i++;
                }
            }
            else
            {
                tokens.Add(c.ToString());
                i++;
            }
        }

        return tokens;
    }

    private static bool IsIdentifier(string token) => token.Length > 0 && (char.IsAsciiLetter(token[0]) || token[0] is '_' or ':');

    private static int SkipString(string text, int start)
    {
        var quote = text[start];
        var i = start + 1;
        while (i < text.Length && text[i] != quote)
        {
            i += text[i] == '\\' && quote != '`' ? 2 : 1;
        }

        return i + 1;
    }

    private static IEnumerable<string> SplitOutsideStrings(string matchers)
    {
        var start = 0;
        var i = 0;
        while (i < matchers.Length)
        {
            if (matchers[i] is '"' or '\'' or '`')
            {
                i = SkipString(matchers, i);
                continue;
            }

            if (matchers[i] == ',')
            {
                yield return matchers[start..i].Trim();
                start = i + 1;
            }

            i++;
        }

        yield return matchers[start..].Trim();
    }
}
