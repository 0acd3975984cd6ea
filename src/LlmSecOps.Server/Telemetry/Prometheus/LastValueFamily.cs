namespace LlmSecOps.Server.Telemetry.Prometheus;

/// <summary>
/// Instruments whose value is reported rather than accumulated here: observable counters
/// (cumulative totals, exposed as counters), observable up-down counters and observable gauges
/// (exposed as gauges), and the synchronous <c>Gauge</c>. An observable series not reported in
/// the current collection is left out of the scrape.
/// </summary>
internal sealed class LastValueFamily : MetricFamily
{
    private readonly SeriesTable<LastValueSeries> _series;
    private readonly CollectionEpoch? _epoch;

    /// <param name="epoch">The exporter's collection counter for observable instruments; null for a synchronous gauge.</param>
    public LastValueFamily(string name, string? help, PrometheusMetricKind kind, bool isInteger, CollectionEpoch? epoch, LabelPolicy policy, string fixedLabels, int maxSeries)
        : base(name, help, kind, isInteger)
    {
        _epoch = epoch;
        _series = new SeriesTable<LastValueSeries>(policy, fixedLabels, isHistogram: false, maxSeries, static labels => new LastValueSeries(labels));
    }

    public override string Shape => $"last:{Kind}:{IsInteger}:{_epoch is not null}";

    public override long Overflowed => _series.Overflowed;

    public override void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var bits = IsInteger ? value : BitConverter.DoubleToInt64Bits(value);
        Store(bits, tags);
    }

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        var bits = IsInteger ? (long)value : BitConverter.DoubleToInt64Bits(value);
        Store(bits, tags);
    }

    public override void Write(ref PrometheusTextWriter writer)
    {
        var all = _series.Snapshot;
        var current = _epoch?.Current;
        var headerWritten = false;
        foreach (var series in all)
        {
            if (current is { } epoch && series.Epoch != epoch)
            {
                continue;
            }

            if (!headerWritten)
            {
                writer.WriteRaw(Header);
                headerWritten = true;
            }

            WriteSampleStart(ref writer, NameBytes, series.LabelBytes);
            if (IsInteger)
            {
                writer.WriteInt64(series.Bits);
            }
            else
            {
                writer.WriteDouble(BitConverter.Int64BitsToDouble(series.Bits));
            }

            writer.WriteNewLine();
        }
    }

    private void Store(long bits, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var series = _series.Get(tags);
        if (_epoch is null)
        {
            series.Set(bits);
        }
        else
        {
            series.Observe(bits, IsInteger, _epoch.Current);
        }
    }
}
