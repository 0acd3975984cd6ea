namespace LlmSecOps.Server.Telemetry.Prometheus;

/// <summary>
/// The latest value of a gauge or of an observable instrument, with the collection it was
/// observed in so that series an observable callback stopped reporting disappear.
/// </summary>
internal sealed class LastValueSeries : Series
{
    private readonly Lock _sync = new();
    private long _bits;
    private long _epoch = -1;

    public LastValueSeries(string labels)
        : base(labels)
    {
    }

    /// <summary>The collection the value was last observed in.</summary>
    public long Epoch => Volatile.Read(ref _epoch);

    /// <summary>The value as raw bits (an integer, or the bits of a double).</summary>
    public long Bits => Volatile.Read(ref _bits);

    /// <summary>Replaces the value (synchronous gauges).</summary>
    public void Set(long bits)
    {
        Volatile.Write(ref _bits, bits);
    }

    /// <summary>
    /// Records an observation made during collection <paramref name="epoch"/>. Two observations
    /// of the same series in one collection (the same instrument published by two meters)
    /// add up; the first one of a new collection replaces the old value.
    /// </summary>
    public void Observe(long value, bool isInteger, long epoch)
    {
        lock (_sync)
        {
            if (_epoch == epoch)
            {
                _bits = isInteger ? _bits + value : BitConverter.DoubleToInt64Bits(BitConverter.Int64BitsToDouble(_bits) + BitConverter.Int64BitsToDouble(value));
            }
            else
            {
                _bits = value;
                _epoch = epoch;
            }
        }
    }
}
