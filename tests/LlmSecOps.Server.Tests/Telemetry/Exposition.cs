using System.Globalization;
using System.Text;

namespace LlmSecOps.Server.Tests.Telemetry;

/// <summary>
/// A strict reader of the Prometheus text format (0.0.4), written from the format description
/// for the tests: it rejects anything a scraper could misread (bad names, unescaped quotes,
/// missing final newline, duplicate TYPE lines, duplicate series) so tests can assert that the
/// exporter's output means what it says.
/// </summary>
internal sealed class Exposition
{
    public Dictionary<string, string> Types { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Help { get; } = new(StringComparer.Ordinal);

    public List<Sample> Samples { get; } = [];

    public static Exposition Parse(string text)
    {
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            throw new FormatException("The exposition does not end with a line feed.");
        }

        var result = new Exposition();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var n = 0; n < lines.Length - 1; n++)
        {
            var line = lines[n];
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                ParseComment(result, line, n + 1);
                continue;
            }

            var sample = ParseSample(line, n + 1);
            if (!seen.Add(sample.Key))
            {
                throw new FormatException($"Line {n + 1}: duplicate series {sample.Key}.");
            }

            result.Samples.Add(sample);
        }

        return result;
    }

    /// <summary>Samples whose name is <paramref name="name"/> and whose labels include all of <paramref name="labels"/>.</summary>
    public IEnumerable<Sample> Find(string name, params (string Name, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value));

    /// <summary>The value of the one sample matching; fails when there is not exactly one.</summary>
    public double Single(string name, params (string Name, string Value)[] labels)
    {
        var found = Find(name, labels).ToList();
        if (found.Count != 1)
        {
            throw new InvalidOperationException($"Expected one sample {name} {string.Join(",", labels)}, found {found.Count}.");
        }

        return found[0].Value;
    }

    private static void ParseComment(Exposition result, string line, int number)
    {
        var parts = line.Split(' ', 4);
        if (parts.Length < 3 || parts[0] != "#" || (parts[1] != "HELP" && parts[1] != "TYPE"))
        {
            return;
        }

        var name = parts[2];
        CheckMetricName(name, number);
        if (parts[1] == "TYPE")
        {
            var type = parts.Length > 3 ? parts[3] : string.Empty;
            if (type is not ("counter" or "gauge" or "histogram" or "summary" or "untyped"))
            {
                throw new FormatException($"Line {number}: unknown type '{type}'.");
            }

            if (!result.Types.TryAdd(name, type))
            {
                throw new FormatException($"Line {number}: second TYPE line for {name}.");
            }
        }
        else if (!result.Help.TryAdd(name, parts.Length > 3 ? parts[3] : string.Empty))
        {
            throw new FormatException($"Line {number}: second HELP line for {name}.");
        }
    }

    private static Sample ParseSample(string line, int number)
    {
        var i = 0;
        while (i < line.Length && line[i] != '{' && line[i] != ' ')
        {
            i++;
        }

        var name = line[..i];
        CheckMetricName(name, number);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (true)
            {
                if (i >= line.Length)
                {
                    throw new FormatException($"Line {number}: unterminated label set.");
                }

                if (line[i] == '}')
                {
                    i++;
                    break;
                }

                var start = i;
                while (i < line.Length && line[i] != '=')
                {
                    i++;
                }

                var labelName = line[start..i];
                if (!IsLabelName(labelName))
                {
                    throw new FormatException($"Line {number}: invalid label name '{labelName}'.");
                }

                if (i + 1 >= line.Length || line[i + 1] != '"')
                {
                    throw new FormatException($"Line {number}: label value of {labelName} is not quoted.");
                }

                i += 2;
                var value = new StringBuilder();
                while (true)
                {
                    if (i >= line.Length)
                    {
                        throw new FormatException($"Line {number}: unterminated label value.");
                    }

                    var c = line[i++];
                    if (c == '"')
                    {
                        break;
                    }

                    if (c == '\\')
                    {
                        if (i >= line.Length)
                        {
                            throw new FormatException($"Line {number}: dangling backslash.");
                        }

                        var escaped = line[i++];
                        value.Append(escaped switch
                        {
                            '\\' => '\\',
                            '"' => '"',
                            'n' => '\n',
                            _ => throw new FormatException($"Line {number}: unknown escape \\{escaped}."),
                        });
                    }
                    else
                    {
                        value.Append(c);
                    }
                }

                if (!labels.TryAdd(labelName, value.ToString()))
                {
                    throw new FormatException($"Line {number}: label {labelName} twice.");
                }

                if (i < line.Length && line[i] == ',')
                {
                    i++;
                }
            }
        }

        if (i >= line.Length || line[i] != ' ')
        {
            throw new FormatException($"Line {number}: no space before the value.");
        }

        var valueText = line[(i + 1)..].Split(' ')[0];
        var number_ = valueText switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            _ => double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                ? v
                : throw new FormatException($"Line {number}: value '{valueText}' is not a number."),
        };

        return new Sample(name, labels, number_);
    }

    private static void CheckMetricName(string name, int number)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] is '_' or ':') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':'))
        {
            throw new FormatException($"Line {number}: invalid metric name '{name}'.");
        }
    }

    private static bool IsLabelName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
