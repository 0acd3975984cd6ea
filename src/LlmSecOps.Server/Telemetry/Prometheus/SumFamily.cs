namespace LlmSecOps.Server.Telemetry.Prometheus;

/// <summary>
/// A synchronous <c>Counter</c> (monotonic, exposed as a counter) or <c>UpDownCounter</c>
/// (exposed as a gauge). A counter ignores negative and non-finite increments so it can never
/// go down.
/// </summary>
internal sealed class SumFamily : MetricFamily
{
    private readonly SeriesTable<SumSeries> _series;
    private readonly bool _monotonic;

    public SumFamily(string name, string? help, bool monotonic, bool isInteger, LabelPolicy policy, string fixedLabels, int maxSeries)
        : base(name, help, monotonic ? PrometheusMetricKind.Counter : PrometheusMetricKind.Gauge, isInteger)
    {
        _monotonic = monotonic;
        _series = new SeriesTable<SumSeries>(policy, fixedLabels, isHistogram: false, maxSeries, static labels => new SumSeries(labels));
    }

    public override string Shape => $"sum:{_monotonic}:{IsInteger}";

    public override long Overflowed => _series.Overflowed;

    public override void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_monotonic && value < 0)
        {
            return;
        }

        var series = _series.Get(tags);
        if (IsInteger)
        {
            series.Add(value);
        }
        else
        {
            series.Add((double)value);
        }
    }

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (!double.IsFinite(value) || (_monotonic && value < 0))
        {
            return;
        }

        var series = _series.Get(tags);
        if (IsInteger)
        {
            series.Add((long)value);
        }
        else
        {
            series.Add(value);
        }
    }

    public override void Write(ref PrometheusTextWriter writer)
    {
        var all = _series.Snapshot;
        if (all.Length == 0)
        {
            return;
        }

        writer.WriteRaw(Header);
        foreach (var series in all)
        {
            WriteSampleStart(ref writer, NameBytes, series.LabelBytes);
            if (IsInteger)
            {
                writer.WriteInt64(series.SumInt64());
            }
            else
            {
                writer.WriteDouble(series.SumDouble());
            }

            writer.WriteNewLine();
        }
    }
}
