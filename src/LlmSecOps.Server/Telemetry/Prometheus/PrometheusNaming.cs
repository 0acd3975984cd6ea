using System.Text;

namespace LlmSecOps.Server.Telemetry.Prometheus;

/// <summary>
/// Translates OpenTelemetry instrument names, units and attribute keys into Prometheus names,
/// following the OpenTelemetry "Prometheus and OpenMetrics compatibility" rules: invalid
/// characters become <c>_</c> (runs collapsed to one), the unit is spelled out and appended
/// unless the name already ends with it, annotations in braces (<c>{token}</c>) are dropped,
/// <c>1</c> becomes <c>_ratio</c> on gauges, <c>a/b</c> becomes <c>a_per_b</c>, and monotonic
/// sums end in <c>_total</c>.
/// </summary>
internal static class PrometheusNaming
{
    /// <summary>
    /// The Prometheus metric family name of an instrument. One rule goes beyond the
    /// specification: a family that is not a counter and would end in <c>_count</c>,
    /// <c>_sum</c>, <c>_bucket</c> or <c>_total</c> gets <c>_value</c> appended.
    /// </summary>
    /// <param name="instrumentName">The OpenTelemetry instrument name, e.g. <c>gen_ai.client.operation.duration</c>.</param>
    /// <param name="unit">The UCUM unit, e.g. <c>s</c>, <c>By</c>, <c>{token}</c>; null or empty for none.</param>
    /// <param name="kind">What the family is exposed as.</param>
    public static string MetricName(string instrumentName, string? unit, PrometheusMetricKind kind)
    {
        var name = Sanitize(instrumentName, isLabel: false);
        var counter = kind == PrometheusMetricKind.Counter;

        // The unit goes before the type suffix, so a name that already says _total loses it first.
        if (counter && name.EndsWith("_total", StringComparison.Ordinal) && name.Length > "_total".Length)
        {
            name = name[..^"_total".Length];
        }

        var unitSuffix = UnitSuffix(unit, kind);
        if (unitSuffix.Length > 0 && !name.EndsWith("_" + unitSuffix, StringComparison.Ordinal) && name != unitSuffix)
        {
            name = name + "_" + unitSuffix;
        }

        if (counter)
        {
            return name + "_total";
        }

        // Prometheus reads these endings as parts of a histogram, summary or counter (promtool
        // lints them), so a gauge or histogram named like that (dotnet.assembly.count) gets "_value".
        foreach (var reserved in ReservedSuffixes)
        {
            if (name.EndsWith(reserved, StringComparison.Ordinal))
            {
                return name + "_value";
            }
        }

        return name;
    }

    private static readonly string[] ReservedSuffixes = ["_count", "_sum", "_bucket", "_total"];

    /// <summary>
    /// The spelled-out unit for a UCUM unit string, without a leading underscore; empty when
    /// the unit adds nothing to the name (no unit, or only an annotation like <c>{request}</c>).
    /// </summary>
    public static string UnitSuffix(string? unit, PrometheusMetricKind kind)
    {
        if (string.IsNullOrWhiteSpace(unit))
        {
            return string.Empty;
        }

        var stripped = StripAnnotations(unit.Trim());
        if (stripped.Length == 0)
        {
            return string.Empty;
        }

        if (stripped == "1")
        {
            // A dimensionless ratio; the spec only names it on gauges.
            return kind == PrometheusMetricKind.Gauge ? "ratio" : string.Empty;
        }

        var slash = stripped.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            var numerator = MainUnit(stripped[..slash]);
            var denominator = PerUnit(stripped[(slash + 1)..]);
            if (numerator.Length == 0)
            {
                return denominator.Length == 0 ? string.Empty : "per_" + denominator;
            }

            return denominator.Length == 0 ? numerator : numerator + "_per_" + denominator;
        }

        return MainUnit(stripped);
    }

    /// <summary>A Prometheus label name for an attribute key (<c>gen_ai.request.model</c> → <c>gen_ai_request_model</c>).</summary>
    public static string LabelName(string attributeKey) => Sanitize(attributeKey, isLabel: true);

    /// <summary>
    /// Replaces every character outside <c>[a-zA-Z0-9_]</c> (and, for metric names, the
    /// colon, which Prometheus reserves for recording rules) by <c>_</c>, collapses runs of
    /// <c>_</c>, and makes sure the first character is not a digit.
    /// </summary>
    public static string Sanitize(string value, bool isLabel)
    {
        if (string.IsNullOrEmpty(value))
        {
            return isLabel ? "key_empty" : "unnamed";
        }

        var builder = new StringBuilder(value.Length + 4);
        var lastWasUnderscore = false;
        foreach (var c in value)
        {
            var valid = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9');
            if (valid)
            {
                builder.Append(c);
                lastWasUnderscore = false;
            }
            else if (!lastWasUnderscore)
            {
                builder.Append('_');
                lastWasUnderscore = true;
            }
        }

        // Trailing underscores come only from punctuation at the end; they add nothing.
        while (builder.Length > 1 && builder[^1] == '_')
        {
            builder.Length--;
        }

        if (builder.Length == 1 && builder[0] == '_')
        {
            return isLabel ? "key_empty" : "unnamed";
        }

        if (builder[0] is >= '0' and <= '9')
        {
            builder.Insert(0, isLabel ? "key_" : "_");
        }

        return builder.ToString();
    }

    private static string StripAnnotations(string unit)
    {
        if (!unit.Contains('{', StringComparison.Ordinal))
        {
            return unit;
        }

        var builder = new StringBuilder(unit.Length);
        var depth = 0;
        foreach (var c in unit)
        {
            if (c == '{')
            {
                depth++;
            }
            else if (c == '}')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0)
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim();
    }

    private static string MainUnit(string unit) => unit switch
    {
        "" => string.Empty,
        "d" => "days",
        "h" => "hours",
        "min" => "minutes",
        "s" => "seconds",
        "ms" => "milliseconds",
        "us" => "microseconds",
        "ns" => "nanoseconds",
        "By" => "bytes",
        "KiBy" => "kibibytes",
        "MiBy" => "mebibytes",
        "GiBy" => "gibibytes",
        "TiBy" => "tibibytes",
        "KBy" => "kilobytes",
        "MBy" => "megabytes",
        "GBy" => "gigabytes",
        "TBy" => "terabytes",
        "bit" => "bits",
        "m" => "meters",
        "V" => "volts",
        "A" => "amperes",
        "J" => "joules",
        "W" => "watts",
        "g" => "grams",
        "Cel" => "celsius",
        "Hz" => "hertz",
        "%" => "percent",
        _ => UnknownUnit(unit),
    };

    private static string PerUnit(string unit) => unit switch
    {
        "" => string.Empty,
        "s" => "second",
        "m" => "minute",
        "h" => "hour",
        "d" => "day",
        "w" => "week",
        "mo" => "month",
        "y" => "year",
        _ => UnknownUnit(unit),
    };

    // A unit Prometheus has no word for is kept as written, minus anything that cannot appear
    // in a name: "nats" stays "nats".
    private static string UnknownUnit(string unit)
    {
        var builder = new StringBuilder(unit.Length);
        foreach (var c in unit)
        {
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_')
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim('_');
    }
}
