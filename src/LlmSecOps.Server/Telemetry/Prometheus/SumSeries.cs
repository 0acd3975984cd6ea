namespace LlmSecOps.Server.Telemetry.Prometheus;

/// <summary>A running sum (counter or up-down counter), striped across cache lines.</summary>
internal sealed class SumSeries : Series
{
    private readonly long[] _cells = new long[Striping.Count * Striping.CacheLineLongs];

    public SumSeries(string labels)
        : base(labels)
    {
    }

    public void Add(long value) => Interlocked.Add(ref _cells[Striping.Current * Striping.CacheLineLongs], value);

    public void Add(double value) => Striping.AddDouble(ref _cells[Striping.Current * Striping.CacheLineLongs], value);

    public long SumInt64()
    {
        long total = 0;
        for (var i = 0; i < _cells.Length; i += Striping.CacheLineLongs)
        {
            total += Volatile.Read(ref _cells[i]);
        }

        return total;
    }

    public double SumDouble()
    {
        double total = 0;
        for (var i = 0; i < _cells.Length; i += Striping.CacheLineLongs)
        {
            total += BitConverter.Int64BitsToDouble(Volatile.Read(ref _cells[i]));
        }

        return total;
    }
}
