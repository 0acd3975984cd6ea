using System.Buffers;
using System.Collections.Frozen;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmSecOps.Server.Telemetry.Prometheus;

/// <summary>
/// Aggregates the measurements of the configured meters in memory and renders them in the
/// Prometheus text exposition format. A <see cref="MeterListener"/> delivers every measurement
/// together with its <see cref="MetricFamily"/>, which finds the series without a lock and adds
/// to striped cells; a scrape polls the observable instruments and writes every family.
/// </summary>
internal sealed class PrometheusExporter : IDisposable
{
    /// <summary>The content type of the text exposition format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    // Bounds when an instrument gives no advice: the OpenTelemetry SDK defaults, and for
    // seconds the HTTP duration buckets, since the SDK defaults are milliseconds-shaped.
    private static readonly double[] DefaultBounds = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];
    private static readonly double[] DefaultSecondsBounds = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
    private const int MaxBuckets = 128;

    private readonly PrometheusExporterOptions _options;
    private readonly FrozenSet<string> _meters;
    private readonly object? _meterScope;
    private readonly LabelPolicy _policy;
    private readonly ILogger _logger;
    private readonly CollectionEpoch _epoch = new();
    private readonly Lock _familiesLock = new();
    private readonly Dictionary<string, MetricFamily> _families = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reportedOverflow = new(StringComparer.Ordinal);
    private readonly Lock _collectLock = new();
    private readonly byte[] _targetInfo;
    private readonly ProcessMetrics? _process;
    private readonly MeterListener _listener;
    private MetricFamily[] _ordered = [];

    /// <param name="options">What to export.</param>
    /// <param name="resource">Resource attributes for <c>target_info</c> (e.g. <c>service.name</c>).</param>
    /// <param name="meterScope">
    /// The application's <c>IMeterFactory</c>. Meters created by another factory (another host
    /// in the same process) are ignored; meters created without one are always taken.
    /// </param>
    /// <param name="logger">Where conflicts and overflows are reported.</param>
    public PrometheusExporter(
        PrometheusExporterOptions options,
        IReadOnlyList<KeyValuePair<string, string?>>? resource = null,
        object? meterScope = null,
        ILogger? logger = null)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(options));
        }

        _options = options;
        _meters = options.Meters.ToFrozenSet(StringComparer.Ordinal);
        _meterScope = meterScope;
        _policy = new LabelPolicy(options.ExcludedTagKeys, options.MaxLabelValueLength);
        _logger = logger ?? NullLogger.Instance;
        _process = options.IncludeProcessMetrics ? new ProcessMetrics() : null;
        _targetInfo = options.IncludeTargetInfo ? RenderTargetInfo(resource ?? []) : [];

        _listener = new MeterListener
        {
            InstrumentPublished = OnInstrumentPublished,
        };
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, state) => ((MetricFamily)state!).Record((double)value, tags));
        _listener.Start();
    }

    /// <summary>
    /// Polls the observable instruments and writes the whole exposition into
    /// <paramref name="output"/>. Concurrent scrapes take turns.
    /// </summary>
    public void Collect(IBufferWriter<byte> output)
    {
        lock (_collectLock)
        {
            _epoch.Advance();
            _listener.RecordObservableInstruments();

            var writer = new PrometheusTextWriter(output);
            if (_targetInfo.Length > 0)
            {
                writer.WriteRaw(_targetInfo);
            }

            _process?.Write(ref writer);
            foreach (var family in Volatile.Read(ref _ordered))
            {
                family.Write(ref writer);
                if (family.Overflowed > 0 && _reportedOverflow.Add(family.Name))
                {
                    PrometheusExporterLog.SeriesOverflow(_logger, family.Name, _options.MaxSeriesPerInstrument);
                }
            }

            writer.Flush();
        }
    }

    /// <summary>The exposition as a string (tests and diagnostics).</summary>
    public string CollectText()
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        Collect(buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (!_meters.Contains(instrument.Meter.Name))
        {
            return;
        }

        if (instrument.Meter.Scope is not null && !ReferenceEquals(instrument.Meter.Scope, _meterScope))
        {
            return;
        }

        var family = FamilyFor(instrument);
        if (family is not null)
        {
            listener.EnableMeasurementEvents(instrument, family);
        }
    }

    private MetricFamily? FamilyFor(Instrument instrument)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        var valueType = type.GetGenericArguments()[0];
        var isInteger = valueType == typeof(long) || valueType == typeof(int) || valueType == typeof(short) || valueType == typeof(byte);
        var fixedLabels = _options.IncludeScopeLabels
            ? LabelPolicy.RenderFixed([new("otel_scope_name", instrument.Meter.Name), new("otel_scope_version", instrument.Meter.Version)])
            : string.Empty;
        var max = _options.MaxSeriesPerInstrument;

        Func<string, MetricFamily>? create = null;
        PrometheusMetricKind kind;
        if (definition == typeof(Counter<>))
        {
            kind = PrometheusMetricKind.Counter;
            create = name => new SumFamily(name, instrument.Description, monotonic: true, isInteger, _policy, fixedLabels, max);
        }
        else if (definition == typeof(UpDownCounter<>))
        {
            kind = PrometheusMetricKind.Gauge;
            create = name => new SumFamily(name, instrument.Description, monotonic: false, isInteger, _policy, fixedLabels, max);
        }
        else if (definition == typeof(Histogram<>))
        {
            kind = PrometheusMetricKind.Histogram;
            var bounds = BoundsFor(instrument);
            create = name => new HistogramFamily(name, instrument.Description, isInteger, bounds, _policy, fixedLabels, max);
        }
        else if (definition == typeof(Gauge<>))
        {
            kind = PrometheusMetricKind.Gauge;
            create = name => new LastValueFamily(name, instrument.Description, kind, isInteger, epoch: null, _policy, fixedLabels, max);
        }
        else if (definition == typeof(ObservableCounter<>))
        {
            kind = PrometheusMetricKind.Counter;
            create = name => new LastValueFamily(name, instrument.Description, PrometheusMetricKind.Counter, isInteger, _epoch, _policy, fixedLabels, max);
        }
        else if (definition == typeof(ObservableUpDownCounter<>) || definition == typeof(ObservableGauge<>))
        {
            kind = PrometheusMetricKind.Gauge;
            create = name => new LastValueFamily(name, instrument.Description, PrometheusMetricKind.Gauge, isInteger, _epoch, _policy, fixedLabels, max);
        }
        else
        {
            return null;
        }

        var familyName = PrometheusNaming.MetricName(instrument.Name, instrument.Unit, kind);
        lock (_familiesLock)
        {
            var candidate = create(familyName);
            if (_families.TryGetValue(familyName, out var existing))
            {
                // The same instrument from another meter instance shares the family; anything
                // else with the same name would put two TYPE lines in one scrape, so it is dropped.
                if (existing.Shape == candidate.Shape)
                {
                    return existing;
                }

                PrometheusExporterLog.NameConflict(_logger, instrument.Meter.Name, instrument.Name, familyName);
                return null;
            }

            if (IsReservedName(familyName))
            {
                PrometheusExporterLog.NameConflict(_logger, instrument.Meter.Name, instrument.Name, familyName);
                return null;
            }

            _families.Add(familyName, candidate);
            _ordered = [.. _families.Values.OrderBy(static f => f.Name, StringComparer.Ordinal)];
            return candidate;
        }
    }

    // Names the exporter writes itself must not be taken by an instrument.
    private bool IsReservedName(string name) =>
        (_options.IncludeTargetInfo && name == "target_info")
        || (_options.IncludeProcessMetrics && (name.StartsWith("process_", StringComparison.Ordinal) || name == "dotnet_total_memory_bytes"));

    private static double[] BoundsFor(Instrument instrument)
    {
        IEnumerable<double>? advised = instrument switch
        {
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries,
            Histogram<float> h => h.Advice?.HistogramBucketBoundaries?.Select(static b => (double)b),
            Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(static b => (double)b),
            Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(static b => (double)b),
            Histogram<short> h => h.Advice?.HistogramBucketBoundaries?.Select(static b => (double)b),
            Histogram<byte> h => h.Advice?.HistogramBucketBoundaries?.Select(static b => (double)b),
            Histogram<decimal> h => h.Advice?.HistogramBucketBoundaries?.Select(static b => (double)b),
            _ => null,
        };

        if (advised is not null)
        {
            var bounds = advised.ToArray();
            if (bounds.Length is > 0 and <= MaxBuckets && IsStrictlyIncreasing(bounds))
            {
                return bounds;
            }
        }

        return instrument.Unit == "s" ? DefaultSecondsBounds : DefaultBounds;
    }

    private static bool IsStrictlyIncreasing(double[] bounds)
    {
        for (var i = 0; i < bounds.Length; i++)
        {
            if (!double.IsFinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1]))
            {
                return false;
            }
        }

        return true;
    }

    private static byte[] RenderTargetInfo(IReadOnlyList<KeyValuePair<string, string?>> resource)
    {
        var labels = LabelPolicy.RenderFixed(resource);
        if (labels.Length == 0)
        {
            return [];
        }

        return Encoding.UTF8.GetBytes($"# HELP target_info Target metadata\n# TYPE target_info gauge\ntarget_info{{{labels}}} 1\n");
    }
}
