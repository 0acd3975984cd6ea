using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace LlmSecOps.Server.Telemetry.Prometheus;

/// <summary>
/// Turns the tags of a measurement into the canonical, escaped Prometheus label text of its
/// series (<c>a="x",b="y"</c>, sorted by label name). Runs once per new series, never per
/// measurement. Tags that would identify a person or a machine are dropped here, whatever
/// instrument they come from.
/// </summary>
internal sealed class LabelPolicy
{
    private readonly FrozenSet<string> _excludedKeys;
    private readonly int _maxValueLength;

    public LabelPolicy(IEnumerable<string> excludedKeys, int maxValueLength)
    {
        _excludedKeys = excludedKeys.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _maxValueLength = maxValueLength;
    }

    /// <summary>Whether a tag key is never turned into a label.</summary>
    public bool IsExcluded(string key) => _excludedKeys.Contains(key);

    /// <summary>The label text of the series the tags belong to (no braces); empty when there are no labels.</summary>
    public string Build(ReadOnlySpan<KeyValuePair<string, object?>> tags, bool isHistogram)
    {
        List<(string Name, string Value)>? pairs = null;
        foreach (var tag in tags)
        {
            if (tag.Key is null || _excludedKeys.Contains(tag.Key))
            {
                continue;
            }

            var value = FormatValue(tag.Value);
            if (string.IsNullOrEmpty(value))
            {
                // Prometheus treats an empty label as an absent one.
                continue;
            }

            if (value.Length > _maxValueLength)
            {
                value = value[.._maxValueLength];
            }

            pairs ??= new List<(string, string)>(tags.Length);
            pairs.Add((tag.Key, value));
        }

        return pairs is null ? string.Empty : Render(pairs, isHistogram);
    }

    /// <summary>The label text of fixed labels (scope name and version, resource attributes); empty values are left out.</summary>
    public static string RenderFixed(IEnumerable<KeyValuePair<string, string?>> labels)
    {
        var pairs = new List<(string, string)>();
        foreach (var (key, value) in labels)
        {
            if (!string.IsNullOrEmpty(value))
            {
                pairs.Add((key, value));
            }
        }

        return pairs.Count == 0 ? string.Empty : Render(pairs, isHistogram: false);
    }

    /// <summary>Escapes a label value: backslash, double quote and line feed.</summary>
    public static string EscapeLabelValue(string value)
    {
        if (value.AsSpan().IndexOfAny('\\', '"', '\n') < 0)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => builder.Append(@"\\"),
                '"' => builder.Append("\\\""),
                '\n' => builder.Append(@"\n"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    /// <summary>
    /// The string form of an attribute value, per the OpenTelemetry attribute rules. A value
    /// whose <c>ToString</c> throws becomes <c>(unprintable)</c>: this runs inside the code that
    /// records the measurement, which must never fail because of metrics.
    /// </summary>
    public static string? FormatValue(object? value)
    {
        try
        {
            return value switch
            {
                null => null,
                string s => s,
                bool b => b ? "true" : "false",
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                float f => f.ToString("R", CultureInfo.InvariantCulture),
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
        }
#pragma warning disable CA1031 // Any exception from foreign ToString code must stay out of the caller.
        catch (Exception)
#pragma warning restore CA1031
        {
            return "(unprintable)";
        }
    }

    private static string Render(List<(string Key, string Value)> pairs, bool isHistogram)
    {
        var named = new List<(string Name, string Key, string Value)>(pairs.Count);
        foreach (var (key, value) in pairs)
        {
            var name = PrometheusNaming.LabelName(key);

            // "le" belongs to the bucket boundary; an instrument's own "le" tag must not collide with it.
            if (isHistogram && name == "le")
            {
                name = "key_le";
            }

            named.Add((name, key, value));
        }

        named.Sort(static (a, b) =>
        {
            var byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : string.CompareOrdinal(a.Key, b.Key);
        });

        var builder = new StringBuilder();
        for (var i = 0; i < named.Count; i++)
        {
            var (name, _, value) = named[i];

            // Keys that sanitise to the same name are merged, values joined with ';' in key order.
            var merged = value;
            while (i + 1 < named.Count && named[i + 1].Name == name)
            {
                i++;
                merged += ";" + named[i].Value;
            }

            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            builder.Append(name).Append("=\"").Append(EscapeLabelValue(merged)).Append('"');
        }

        return builder.ToString();
    }
}
