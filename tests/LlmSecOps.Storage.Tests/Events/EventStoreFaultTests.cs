using System.Text.Json;
using LlmSecOps.Core.Events;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Core.Serialization;
using LlmSecOps.Storage.Events;
using Microsoft.Data.Sqlite;

namespace LlmSecOps.Storage.Tests.Events;

public sealed class EventStoreFaultTests : IDisposable
{
    private static readonly TimeSpan Timeout = StoreFixture.Timeout;
    private readonly StoreFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    private static EventStoreOptions FastFailing(EventStoreOptions o) => o with
    {
        BatchSize = 100,
        MaxRetries = 1,
        RetryDelay = TimeSpan.FromMilliseconds(1),
        MaxRetryDelay = TimeSpan.FromMilliseconds(5),
        SpoolReplayInterval = TimeSpan.FromMilliseconds(100),
    };

    [Fact]
    public async Task RefusedBatches_AreSpooled_ThenReplayedWhenTheDatabaseRecovers_NoneLostOrDuplicated()
    {
        // The first 4 commit attempts fail: with one retry each, two batches go to the spool. No
        // periodic replay: the first successful batch is what triggers it. How many events a
        // batch holds depends on how far the writer had got when it woke (at most 100), so the
        // spooled count is checked against what was replayed, not against a fixed number.
        var failures = 4;
        var ids = new List<Guid>();
        await using (var store = _fx.Open(o => FastFailing(o) with { SpoolReplayInterval = TimeSpan.FromHours(1) }, fault: () => Interlocked.Decrement(ref failures) >= 0))
        {
            for (var round = 0; round < 5; round++)
            {
                for (var i = 0; i < 100; i++)
                {
                    var evt = StoreFixture.Event(round * 100 + i, categories: [FindingCategories.Pii], principal: new Principal { UserId = "u" });
                    ids.Add(evt.Id);
                    store.Write(evt);
                }

                await store.FlushAsync().WaitAsync(Timeout);
            }

            await StoreFixture.EventuallyAsync(async () => await store.CountAsync(new EventQuery()) == 500, "all 500 events");
            var stats = store.Statistics;
            Assert.InRange(stats.Spooled, 2, 200);
            Assert.Equal(stats.Spooled, stats.Replayed);
            Assert.Equal(4, stats.FailedAttempts);
            Assert.Equal(500, await store.CountAsync(new EventQuery { Category = FindingCategories.Pii, Principal = "u" }).WaitAsync(Timeout));
        }

        Assert.Equal(500, _fx.RawCount("SELECT COUNT(DISTINCT id) FROM events"));
        Assert.Equal(500, _fx.RawCount());
        Assert.Equal(500, _fx.RawCount("SELECT COUNT(*) FROM event_categories"));
        Assert.Empty(_fx.SpoolFiles());
    }

    [Fact]
    public async Task DatabaseRefusesEverything_EventsWaitInTheSpool_AndAreStoredOnNextOpen()
    {
        var written = new List<Guid>();
        await using (var store = _fx.Open(FastFailing, fault: () => true))
        {
            for (var i = 0; i < 250; i++)
            {
                var evt = StoreFixture.Event(i);
                written.Add(evt.Id);
                store.Write(evt);
            }

            await store.FlushAsync().WaitAsync(Timeout);
            Assert.Equal(250, store.Statistics.Spooled);
        }

        Assert.Equal(0, _fx.RawCount());
        var spooledIds = _fx.SpoolFiles()
            .SelectMany(File.ReadAllLines)
            .Select(line => JsonSerializer.Deserialize<LlmEvent>(line, JsonDefaults.Options)!.Id)
            .ToList();
        Assert.Equal(written.Order(), spooledIds.Distinct().Order());

        await using (var reopened = _fx.Open())
        {
            await reopened.FlushAsync().WaitAsync(Timeout);
            Assert.Equal(250, await reopened.CountAsync(new EventQuery()).WaitAsync(Timeout));
        }

        Assert.Equal(250, _fx.RawCount("SELECT COUNT(DISTINCT id) FROM events"));
        Assert.Empty(_fx.SpoolFiles());
    }

    [Fact]
    public async Task SpoolHoldingCommittedEvents_ReplayAddsOnlyTheMissingOnes()
    {
        var events = Enumerable.Range(0, 150).Select(i => StoreFixture.Event(i)).ToList();
        await using (var store = _fx.Open())
        {
            foreach (var evt in events.Take(100))
            {
                store.Write(evt);
            }
        }

        Directory.CreateDirectory(_fx.SpoolDirectory);
        await File.WriteAllLinesAsync(
            Path.Combine(_fx.SpoolDirectory, "spool-20260301T120000000-batch-test.jsonl"),
            events.Select(e => JsonSerializer.Serialize(e, JsonDefaults.Options)));

        await using (var reopened = _fx.Open())
        {
            await reopened.FlushAsync().WaitAsync(Timeout);
            Assert.Equal(50, reopened.Statistics.Replayed);
        }

        Assert.Equal(150, _fx.RawCount());
        Assert.Empty(_fx.SpoolFiles());
    }

    [Fact]
    public async Task TornSpoolLine_IsSetAside_AndTheRestIsReplayed()
    {
        Directory.CreateDirectory(_fx.SpoolDirectory);
        var lines = Enumerable.Range(0, 10).Select(i => JsonSerializer.Serialize(StoreFixture.Event(i), JsonDefaults.Options)).ToList();
        var torn = lines[^1][..40];
        lines.Add(torn);
        await File.WriteAllTextAsync(Path.Combine(_fx.SpoolDirectory, "spool-20260301T120000000-batch-torn.jsonl"), string.Join('\n', lines));

        await using (var store = _fx.Open())
        {
            await store.FlushAsync().WaitAsync(Timeout);
            Assert.Equal(1, store.Statistics.Rejected);
        }

        Assert.Equal(10, _fx.RawCount());
        Assert.Empty(_fx.SpoolFiles());
        var rejected = Assert.Single(Directory.GetFiles(_fx.SpoolDirectory, "rejected-*"));
        Assert.Equal([torn], await File.ReadAllLinesAsync(rejected));
    }

    [Fact]
    public async Task DatabaseLockedByAnotherProcess_EventsAreSpooled_AndReplayedAfterTheLockIsReleased()
    {
        await using var store = _fx.Open(o => FastFailing(o) with { MaxRetries = 0, BusyTimeout = TimeSpan.FromMilliseconds(50) });
        using var locker = new SqliteConnection($"Data Source={store.Options.DatabasePath};Pooling=False");
        locker.Open();
        using (var begin = locker.CreateCommand())
        {
            begin.CommandText = "PRAGMA busy_timeout = 0; BEGIN EXCLUSIVE; INSERT INTO events (id, ts, source, verdict, retention, doc) VALUES ('lock', 0, 'x', 'allow', 'full', '{}');";
            begin.ExecuteNonQuery();
        }

        for (var i = 0; i < 50; i++)
        {
            store.Write(StoreFixture.Event(i));
        }

        await store.FlushAsync().WaitAsync(Timeout);
        Assert.Equal(50, store.Statistics.Spooled);
        Assert.NotEmpty(_fx.SpoolFiles());
        Assert.Equal(0, await store.CountAsync(new EventQuery()).WaitAsync(Timeout));

        using (var rollback = locker.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK;";
            rollback.ExecuteNonQuery();
        }

        await StoreFixture.EventuallyAsync(async () => await store.CountAsync(new EventQuery()) == 50, "replay after the lock is released");
        await StoreFixture.EventuallyAsync(() => Task.FromResult(_fx.SpoolFiles().Count == 0), "spool files deleted");
        Assert.Equal(50, store.Statistics.Replayed);
    }

    [Fact]
    public async Task QueueFull_OverflowGoesToTheSpool_NothingIsDropped()
    {
        using var gate = new ManualResetEventSlim();
        var first = 1;
        var store = _fx.Open(
            o => o with { QueueCapacity = 10, BatchSize = 10, Linger = TimeSpan.Zero, SpoolReplayInterval = TimeSpan.FromMilliseconds(50) },
            fault: () =>
            {
                // The first commit stalls (a slow disk), so the queue fills behind it.
                if (Interlocked.Exchange(ref first, 0) == 1)
                {
                    gate.Wait(Timeout);
                }

                return false;
            });

        var ids = new HashSet<Guid>();
        for (var i = 0; i < 500; i++)
        {
            var evt = StoreFixture.Event(i);
            ids.Add(evt.Id);
            store.Write(evt);
        }

        Assert.True(store.Statistics.Spooled >= 400, $"spooled {store.Statistics.Spooled}");
        gate.Set();
        await store.FlushAsync().WaitAsync(Timeout);
        await StoreFixture.EventuallyAsync(async () => await store.CountAsync(new EventQuery()) == 500, "overflow replayed");
        await store.DisposeAsync().AsTask().WaitAsync(Timeout);

        Assert.Equal(500, _fx.RawCount("SELECT COUNT(DISTINCT id) FROM events"));
        Assert.Equal(500, _fx.RawCount());
        Assert.Empty(_fx.SpoolFiles());
    }

    [Fact]
    public async Task OverflowSpooled_ThenDisposed_IsCommittedAtShutdown()
    {
        using var gate = new ManualResetEventSlim();
        var first = 1;
        var store = _fx.Open(
            o => o with { QueueCapacity = 5, BatchSize = 5, Linger = TimeSpan.Zero, SpoolReplayInterval = TimeSpan.FromHours(1) },
            fault: () =>
            {
                if (Interlocked.Exchange(ref first, 0) == 1)
                {
                    gate.Wait(Timeout);
                }

                return false;
            });

        for (var i = 0; i < 100; i++)
        {
            store.Write(StoreFixture.Event(i));
        }

        gate.Set();
        await store.DisposeAsync().AsTask().WaitAsync(Timeout);

        Assert.Equal(100, _fx.RawCount());
        Assert.Empty(_fx.SpoolFiles());
    }

    [Fact]
    public async Task SpoolFileStillLockedByAnotherStore_IsLeftAlone_UntilReleased()
    {
        Directory.CreateDirectory(_fx.SpoolDirectory);
        var path = Path.Combine(_fx.SpoolDirectory, "spool-20260301T120000000-overflow-other.jsonl");
        var holder = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        try
        {
            holder.Write(System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(StoreFixture.Event(1), JsonDefaults.Options) + "\n"));
            holder.Flush(flushToDisk: true);

            await using var store = _fx.Open(o => o with { SpoolReplayInterval = TimeSpan.FromMilliseconds(50) });
            await store.FlushAsync().WaitAsync(Timeout);
            await Task.Delay(200);

            Assert.True(File.Exists(path));
            Assert.Equal(0, await store.CountAsync(new EventQuery()).WaitAsync(Timeout));

            await holder.DisposeAsync();
            await StoreFixture.EventuallyAsync(async () => await store.CountAsync(new EventQuery()) == 1, "replay once the other writer closed the file");
            await StoreFixture.EventuallyAsync(() => Task.FromResult(!File.Exists(path)), "spool file deleted");
        }
        finally
        {
            await holder.DisposeAsync();
        }
    }
}
