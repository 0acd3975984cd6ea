namespace LlmSecOps.Server.Telemetry.Prometheus;

/// <summary>
/// Explicit-bucket histogram counts and sum, striped across cache lines. Bucket <c>i</c>
/// counts values in <c>(bound[i-1], bound[i]]</c>; the last bucket counts everything above the
/// highest bound. The count is the sum of the buckets, so <c>+Inf</c> and <c>_count</c> always agree.
/// </summary>
internal sealed class HistogramSeries : Series
{
    private readonly double[] _bounds;
    private readonly long[] _cells;
    private readonly int _stride;
    private readonly int _sumOffset;

    public HistogramSeries(string labels, double[] bounds)
        : base(labels)
    {
        _bounds = bounds;
        _sumOffset = bounds.Length + 1;

        // Round each stripe up to whole cache lines and leave one line between stripes.
        _stride = ((_sumOffset + 1 + Striping.CacheLineLongs - 1) / Striping.CacheLineLongs * Striping.CacheLineLongs) + Striping.CacheLineLongs;
        _cells = new long[Striping.Count * _stride];
    }

    public int BucketCount => _bounds.Length + 1;

    public void Record(double value)
    {
        var offset = Striping.Current * _stride;
        Interlocked.Increment(ref _cells[offset + BucketOf(value)]);
        Striping.AddDouble(ref _cells[offset + _sumOffset], value);
    }

    public void Record(long value)
    {
        var offset = Striping.Current * _stride;
        Interlocked.Increment(ref _cells[offset + BucketOf(value)]);
        Interlocked.Add(ref _cells[offset + _sumOffset], value);
    }

    /// <summary>Copies the per-bucket counts (not cumulative) into <paramref name="buckets"/>.</summary>
    public void ReadBuckets(Span<long> buckets)
    {
        buckets.Clear();
        for (var stripe = 0; stripe < _cells.Length; stripe += _stride)
        {
            for (var i = 0; i < buckets.Length; i++)
            {
                buckets[i] += Volatile.Read(ref _cells[stripe + i]);
            }
        }
    }

    public long SumInt64()
    {
        long total = 0;
        for (var stripe = 0; stripe < _cells.Length; stripe += _stride)
        {
            total += Volatile.Read(ref _cells[stripe + _sumOffset]);
        }

        return total;
    }

    public double SumDouble()
    {
        double total = 0;
        for (var stripe = 0; stripe < _cells.Length; stripe += _stride)
        {
            total += BitConverter.Int64BitsToDouble(Volatile.Read(ref _cells[stripe + _sumOffset]));
        }

        return total;
    }

    private int BucketOf(double value)
    {
        // Binary search for the first bound >= value; bounds are few, sorted and finite.
        int low = 0, high = _bounds.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (value <= _bounds[mid])
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        return low;
    }
}
