using System.Numerics;

namespace LlmSecOps.Server.Telemetry.Prometheus;

/// <summary>
/// Spreads the cells of a hot series over a few cache lines, one per processor slot, so that
/// threads recording the same series on different cores do not fight over one line. A scrape
/// adds the stripes up.
/// </summary>
internal static class Striping
{
    /// <summary>Longs per cache line (64 bytes).</summary>
    public const int CacheLineLongs = 8;

    /// <summary>Number of stripes: the processor count rounded up to a power of two, at most 8.</summary>
    public static int Count { get; } = (int)Math.Min(BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, Environment.ProcessorCount)), 8u);

    /// <summary>The stripe of the calling thread, from the processor it runs on.</summary>
    public static int Current => Thread.GetCurrentProcessorId() & (Count - 1);

    /// <summary>Adds a double to a cell that holds the bits of a double, without a lock.</summary>
    public static void AddDouble(ref long cell, double value)
    {
        var seen = Volatile.Read(ref cell);
        while (true)
        {
            var next = BitConverter.DoubleToInt64Bits(BitConverter.Int64BitsToDouble(seen) + value);
            var found = Interlocked.CompareExchange(ref cell, next, seen);
            if (found == seen)
            {
                return;
            }

            seen = found;
        }
    }
}
