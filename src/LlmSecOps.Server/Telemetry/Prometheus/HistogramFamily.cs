using System.Text;

namespace LlmSecOps.Server.Telemetry.Prometheus;

/// <summary>
/// An explicit-bucket histogram: <c>_bucket{le}</c> cumulative counts ending with <c>+Inf</c>,
/// <c>_sum</c> and <c>_count</c>. Bounds come from the instrument's advice, else the defaults.
/// </summary>
internal sealed class HistogramFamily : MetricFamily
{
    private readonly SeriesTable<HistogramSeries> _series;
    private readonly double[] _bounds;
    private readonly byte[] _bucketName;
    private readonly byte[] _sumName;
    private readonly byte[] _countName;
    private readonly byte[][] _leLabels;

    public HistogramFamily(string name, string? help, bool isInteger, double[] bounds, LabelPolicy policy, string fixedLabels, int maxSeries)
        : base(name, help, PrometheusMetricKind.Histogram, isInteger)
    {
        _bounds = bounds;
        _series = new SeriesTable<HistogramSeries>(policy, fixedLabels, isHistogram: true, maxSeries, labels => new HistogramSeries(labels, _bounds));
        _bucketName = Encoding.UTF8.GetBytes(name + "_bucket{");
        _sumName = Encoding.UTF8.GetBytes(name + "_sum");
        _countName = Encoding.UTF8.GetBytes(name + "_count");
        _leLabels = new byte[bounds.Length + 1][];
        Span<byte> number = stackalloc byte[32];
        for (var i = 0; i <= bounds.Length; i++)
        {
            var length = PrometheusTextWriter.FormatDouble(i < bounds.Length ? bounds[i] : double.PositiveInfinity, number);
            _leLabels[i] = [.. "le=\""u8, .. number[..length], .. "\"} "u8];
        }
    }

    public override string Shape => $"histogram:{IsInteger}:{string.Join(',', _bounds)}";

    public override long Overflowed => _series.Overflowed;

    public override void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var series = _series.Get(tags);
        if (IsInteger)
        {
            series.Record(value);
        }
        else
        {
            series.Record((double)value);
        }
    }

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // NaN and infinities would poison the sum for good.
        if (!double.IsFinite(value))
        {
            return;
        }

        var series = _series.Get(tags);
        if (IsInteger)
        {
            series.Record((long)value);
        }
        else
        {
            series.Record(value);
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
        Span<long> buckets = _bounds.Length < 128 ? stackalloc long[_bounds.Length + 1] : new long[_bounds.Length + 1];
        foreach (var series in all)
        {
            series.ReadBuckets(buckets);
            long cumulative = 0;
            for (var i = 0; i < buckets.Length; i++)
            {
                cumulative += buckets[i];
                writer.WriteRaw(_bucketName);
                if (series.LabelBytes.Length > 0)
                {
                    writer.WriteRaw(series.LabelBytes);
                    writer.WriteByte((byte)',');
                }

                writer.WriteRaw(_leLabels[i]);
                writer.WriteInt64(cumulative);
                writer.WriteNewLine();
            }

            WriteSampleStart(ref writer, _sumName, series.LabelBytes);
            if (IsInteger)
            {
                writer.WriteInt64(series.SumInt64());
            }
            else
            {
                writer.WriteDouble(series.SumDouble());
            }

            writer.WriteNewLine();
            WriteSampleStart(ref writer, _countName, series.LabelBytes);
            writer.WriteInt64(cumulative);
            writer.WriteNewLine();
        }
    }
}
