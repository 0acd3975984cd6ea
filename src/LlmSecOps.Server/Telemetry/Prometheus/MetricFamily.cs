using System.Text;

namespace LlmSecOps.Server.Telemetry.Prometheus;

/// <summary>
/// One Prometheus metric family: the aggregation of one instrument (or of same-named
/// instruments of the same shape published by several meters). It is the state object the
/// listener hands back with every measurement, so recording needs no lookup by instrument.
/// </summary>
internal abstract class MetricFamily
{
    protected MetricFamily(string name, string? help, PrometheusMetricKind kind, bool isInteger)
    {
        Name = name;
        Kind = kind;
        IsInteger = isInteger;
        NameBytes = Encoding.UTF8.GetBytes(name);
        var type = kind switch
        {
            PrometheusMetricKind.Counter => "counter",
            PrometheusMetricKind.Histogram => "histogram",
            _ => "gauge",
        };
        Header = Encoding.UTF8.GetBytes($"# HELP {name} {EscapeHelp(string.IsNullOrWhiteSpace(help) ? name : help)}\n# TYPE {name} {type}\n");
    }

    /// <summary>The family name, with unit and type suffixes.</summary>
    public string Name { get; }

    /// <summary>The Prometheus type.</summary>
    public PrometheusMetricKind Kind { get; }

    /// <summary>Whether values are integers (rendered without a decimal point).</summary>
    public bool IsInteger { get; }

    /// <summary>
    /// What another instrument must match to share this family: kind, number type and, for
    /// histograms, the bucket bounds.
    /// </summary>
    public abstract string Shape { get; }

    /// <summary>How many label sets were folded into the overflow series.</summary>
    public abstract long Overflowed { get; }

    protected byte[] NameBytes { get; }

    protected byte[] Header { get; }

    /// <summary>Records an integer measurement (byte, short, int, long instruments).</summary>
    public abstract void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    /// <summary>Records a floating-point measurement (float, double, decimal instruments).</summary>
    public abstract void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    /// <summary>Writes the HELP and TYPE lines and every sample; nothing when the family has no series yet.</summary>
    public abstract void Write(ref PrometheusTextWriter writer);

    /// <summary>Writes <c>name{labels} </c> (or <c>name </c>) for a sample of the family itself.</summary>
    protected static void WriteSampleStart(ref PrometheusTextWriter writer, byte[] name, byte[] labels)
    {
        writer.WriteRaw(name);
        if (labels.Length > 0)
        {
            writer.WriteByte((byte)'{');
            writer.WriteRaw(labels);
            writer.WriteByte((byte)'}');
        }

        writer.WriteByte((byte)' ');
    }

    /// <summary>HELP text escapes backslash and line feed only.</summary>
    public static string EscapeHelp(string help) => help.Replace("\\", @"\\", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);
}
