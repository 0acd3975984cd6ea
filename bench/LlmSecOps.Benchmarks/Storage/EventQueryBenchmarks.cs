using BenchmarkDotNet.Attributes;
using LlmSecOps.Core.Events;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Storage.Events;

namespace LlmSecOps.Benchmarks.Storage;

/// <summary>
/// Dashboard-style queries over a store of one million events spanning 30 days (built once under
/// the temp directory and reused). Budget: under 100 ms each.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class EventQueryBenchmarks
{
    private const int Events = 1_000_000;
    private SqliteEventStore? _store;

    /// <summary>The filter under test.</summary>
    [ParamsSource(nameof(Filters))]
    public string Filter { get; set; } = "none";

    public static IEnumerable<string> Filters =>
    [
        "none", "last-24h", "verdict=block", "category=prompt_injection", "principal=user-17",
        "principal=tenant-7", "source=probe", "category=pii+principal=tenant-7", "verdict=block+last-7d",
    ];

    [GlobalSetup]
    public void Setup()
    {
        var dir = BenchEvents.EnsureDataset(Events);
        _store = EventStore.Open(new EventStoreOptions { DataDirectory = dir });
    }

    [GlobalCleanup]
    public void Cleanup() => _store!.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>The newest 100 matches (a dashboard page).</summary>
    [Benchmark]
    public Task<IReadOnlyList<LlmEvent>> Newest100() => _store!.QueryAsync(Query() with { Limit = 100 });

    /// <summary>How many events match (a dashboard counter).</summary>
    [Benchmark]
    public Task<long> Count() => _store!.CountAsync(Query());

    private EventQuery Query()
    {
        var query = new EventQuery();
        foreach (var part in Filter.Split('+'))
        {
            var (key, value) = part.Split('=') is [var k, var v] ? (k, v) : (part, string.Empty);
            query = key switch
            {
                "last-24h" => query with { Since = BenchEvents.End.AddDays(-1) },
                "last-7d" => query with { Since = BenchEvents.End.AddDays(-7) },
                "verdict" => query with { Verdict = Enum.Parse<Verdict>(value, ignoreCase: true) },
                "category" => query with { Category = value },
                "principal" => query with { Principal = value },
                "source" => query with { Source = value },
                _ => query,
            };
        }

        return query;
    }
}
