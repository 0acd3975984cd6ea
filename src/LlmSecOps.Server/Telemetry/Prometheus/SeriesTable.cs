using System.Collections.Concurrent;

namespace LlmSecOps.Server.Telemetry.Prometheus;

/// <summary>
/// The series of one metric family, found from a measurement's tags without a lock or an
/// allocation once the tag set has been seen. A new tag set takes a lock once: its canonical
/// label text decides which series it joins, so tags given in another order or tag values of
/// another type that print the same (<c>200</c> and <c>"200"</c>) land in the same series.
/// The number of series is capped: past the cap every new label set goes to a single overflow
/// series labelled <c>otel_metric_overflow="true"</c>, so a label explosion costs bounded memory.
/// </summary>
/// <typeparam name="TSeries">The series type of the family.</typeparam>
internal sealed class SeriesTable<TSeries>
    where TSeries : Series
{
    /// <summary>The label of the series that takes everything past the cardinality cap.</summary>
    public const string OverflowLabel = "otel_metric_overflow=\"true\"";

    private readonly ConcurrentDictionary<TagKey, TSeries> _byTags;
    private readonly ConcurrentDictionary<TagKey, TSeries>.AlternateLookup<TagSpan> _lookup;
    private readonly Dictionary<string, TSeries> _byLabels = new(StringComparer.Ordinal);
    private readonly Func<string, TSeries> _create;
    private readonly LabelPolicy _policy;
    private readonly string _fixedLabels;
    private readonly bool _isHistogram;
    private readonly int _maxSeries;
    private readonly int _maxTagKeys;
    private readonly Lock _sync = new();
    private TSeries[] _ordered = [];
    private TSeries? _overflow;
    private int _tagKeys;
    private long _overflowed;

    public SeriesTable(LabelPolicy policy, string fixedLabels, bool isHistogram, int maxSeries, Func<string, TSeries> create)
    {
        _policy = policy;
        _fixedLabels = fixedLabels;
        _isHistogram = isHistogram;
        _maxSeries = maxSeries;

        // Distinct tag orders of the same series each take a key; allow a few per series.
        _maxTagKeys = checked(maxSeries * 4);
        _create = create;
        _byTags = new ConcurrentDictionary<TagKey, TSeries>(TagKeyComparer.Instance);
        _lookup = _byTags.GetAlternateLookup<TagSpan>();
    }

    /// <summary>The series in label order, overflow last; a stable snapshot for a scrape.</summary>
    public TSeries[] Snapshot => Volatile.Read(ref _ordered);

    /// <summary>How many new label sets went to the overflow series.</summary>
    public long Overflowed => Interlocked.Read(ref _overflowed);

    /// <summary>The series for a measurement's tags.</summary>
    public TSeries Get(ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _lookup.TryGetValue(new TagSpan(tags), out var series) ? series : Add(tags);

    private TSeries Add(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        lock (_sync)
        {
            if (_lookup.TryGetValue(new TagSpan(tags), out var existing))
            {
                return existing;
            }

            var canRemember = _tagKeys < _maxTagKeys;
            if (!canRemember && _byLabels.Count >= _maxSeries)
            {
                // Saturated: no more keys, no more series. Skip building the labels entirely.
                Interlocked.Increment(ref _overflowed);
                return Overflow();
            }

            var labels = Join(_fixedLabels, _policy.Build(tags, _isHistogram));
            if (!_byLabels.TryGetValue(labels, out var series))
            {
                if (_byLabels.Count >= _maxSeries)
                {
                    Interlocked.Increment(ref _overflowed);
                    series = Overflow();
                }
                else
                {
                    series = _create(labels);
                    _byLabels.Add(labels, series);
                    Publish(series);
                }
            }

            if (canRemember)
            {
                _byTags.TryAdd(TagKeyComparer.Instance.Create(new TagSpan(tags)), series);
                _tagKeys++;
            }

            return series;
        }
    }

    private TSeries Overflow()
    {
        if (_overflow is null)
        {
            _overflow = _create(Join(_fixedLabels, OverflowLabel));
            Publish(_overflow);
        }

        return _overflow;
    }

    // Copy-on-write keeps scrapes lock-free; new series are rare next to measurements.
    private void Publish(TSeries series)
    {
        var current = _ordered;
        var next = new TSeries[current.Length + 1];
        var overflowLast = _overflow is not null && !ReferenceEquals(series, _overflow);
        var count = overflowLast ? current.Length - 1 : current.Length;
        var at = 0;
        if (ReferenceEquals(series, _overflow))
        {
            at = count;
        }
        else
        {
            while (at < count && string.CompareOrdinal(current[at].Labels, series.Labels) < 0)
            {
                at++;
            }
        }

        Array.Copy(current, 0, next, 0, at);
        next[at] = series;
        Array.Copy(current, at, next, at + 1, current.Length - at);
        Volatile.Write(ref _ordered, next);
    }

    private static string Join(string first, string second) =>
        first.Length == 0 ? second : second.Length == 0 ? first : first + "," + second;
}
