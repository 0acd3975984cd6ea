using BenchmarkDotNet.Attributes;
using LlmSecOps.Core.Events;
using LlmSecOps.Storage.Events;

namespace LlmSecOps.Benchmarks.Storage;

/// <summary>
/// Event ingestion into SQLite through the store's public path: Write() from the caller, batched
/// commits on the writer thread, FlushAsync until durable. Reported per event; events/s = 1 / mean.
/// Budget: 50,000 events/s.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class EventIngestionBenchmarks
{
    private const int Events = 100_000;
    private LlmEvent[] _events = [];
    private string _dir = string.Empty;
    private SqliteEventStore? _store;

    [GlobalSetup]
    public void Setup() => _events = BenchEvents.Create(Events);

    [IterationSetup]
    public void OpenFreshStore()
    {
        _dir = Directory.CreateTempSubdirectory("llmsecops-bench-ingest-").FullName;
        _store = EventStore.Open(new EventStoreOptions { DataDirectory = _dir });
    }

    [IterationCleanup]
    public void DeleteStore()
    {
        _store!.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Writes 100,000 events with fresh ids and waits until they are committed.</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public async Task WriteAndFlush()
    {
        var store = _store!;
        foreach (var evt in _events)
        {
            store.Write(evt with { Id = Guid.CreateVersion7() });
        }

        await store.FlushAsync();
    }
}
