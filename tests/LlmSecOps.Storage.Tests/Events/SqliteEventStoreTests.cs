using System.Text.Json;
using LlmSecOps.Core.Events;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Core.Serialization;
using LlmSecOps.Storage.Events;

namespace LlmSecOps.Storage.Tests.Events;

public sealed class SqliteEventStoreTests : IDisposable
{
    private static readonly TimeSpan Timeout = StoreFixture.Timeout;
    private readonly StoreFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task Write_Flush_Query_RoundTripsEveryField()
    {
        var original = new LlmEvent
        {
            Timestamp = StoreFixture.Base.AddTicks(1234567),
            Source = "serve",
            TraceId = "4bf92f3577b34da6a3ce929d0e0e4736",
            Route = "/v1/chat/completions",
            Model = "demo-model",
            Upstream = "http://127.0.0.1:9999",
            Principal = new Principal { UserId = "alice", Roles = ["analyst"], Tenant = "acme", ClientIp = "10.0.0.7", ApiKeyId = "key-1" },
            Verdict = Verdict.Redact,
            Findings =
            [
                new Finding { Category = FindingCategories.Pii, Rule = "pii.email", Score = 0.97, Span = new TextSpan(5, 15), Entity = "EMAIL", Action = PolicyAction.Redact },
                new Finding { Category = FindingCategories.Secret, Rule = "secret.aws", Encodings = ["base64"], Action = PolicyAction.Redact },
            ],
            Request = "mail [EMAIL_1] now",
            Response = "ok",
            Retention = "full",
            Status = 200,
            Latency = new EventLatency { TotalMs = 12.5, GuardMs = 0.25, UpstreamMs = 11, FirstTokenMs = 3 },
            Usage = new TokenUsage(12, 34),
            EntropyMean = 1.25,
            EntropyMax = 3.5,
            LogProbs = [new TokenLogProb { Token = "ok", LogProb = -0.1, Top = [new TopLogProb("fine", -2.5)] }],
            ToolsOffered = ["get_weather"],
            ToolsCalled = ["get_weather"],
            Attributes = new Dictionary<string, string> { ["run_id"] = "r1" },
        };

        await using (var store = _fx.Open())
        {
            store.Write(original);
            await store.FlushAsync().WaitAsync(Timeout);
            var found = Assert.Single(await store.QueryAsync(new EventQuery()).WaitAsync(Timeout));

            Assert.Equal(
                JsonSerializer.Serialize(original, JsonDefaults.Options),
                JsonSerializer.Serialize(found, JsonDefaults.Options));
        }

        // The indexed columns hold the same values as the document.
        Assert.Equal(1, _fx.RawCount("SELECT COUNT(*) FROM events WHERE verdict = 'redact' AND user_id = 'alice' AND tenant = 'acme' AND client_ip = '10.0.0.7' AND api_key_id = 'key-1' AND model = 'demo-model' AND route = '/v1/chat/completions' AND status = 200 AND prompt_tokens = 12 AND completion_tokens = 34 AND total_ms = 12.5 AND entropy_mean = 1.25"));
        Assert.Equal(2, _fx.RawCount("SELECT COUNT(*) FROM event_categories"));
        Assert.Equal(4, _fx.RawCount("SELECT COUNT(*) FROM event_principals"));
    }

    [Fact]
    public async Task QueryAsync_NewestFirst_HonoursLimit_CountIgnoresLimit()
    {
        await using var store = _fx.Open();
        var order = new[] { 5, 1, 9, 3, 7 };
        foreach (var minute in order)
        {
            store.Write(StoreFixture.Event(minute));
        }

        await store.FlushAsync().WaitAsync(Timeout);

        var top3 = await store.QueryAsync(new EventQuery { Limit = 3 }).WaitAsync(Timeout);
        Assert.Equal([9, 7, 5], top3.Select(e => (int)(e.Timestamp - StoreFixture.Base).TotalMinutes));
        Assert.Equal(5, await store.CountAsync(new EventQuery { Limit = 3 }).WaitAsync(Timeout));
        Assert.Equal(5, (await store.QueryAsync(new EventQuery { Limit = 0 }).WaitAsync(Timeout)).Count);
    }

    [Fact]
    public async Task QueryAsync_TimeRange_SinceInclusiveUntilExclusive()
    {
        await using var store = _fx.Open();
        for (var m = 0; m < 10; m++)
        {
            store.Write(StoreFixture.Event(m));
        }

        await store.FlushAsync().WaitAsync(Timeout);
        var query = new EventQuery { Since = StoreFixture.Base.AddMinutes(3), Until = StoreFixture.Base.AddMinutes(6) };

        var found = await store.QueryAsync(query).WaitAsync(Timeout);

        Assert.Equal([5, 4, 3], found.Select(e => (int)(e.Timestamp - StoreFixture.Base).TotalMinutes));
        Assert.Equal(3, await store.CountAsync(query).WaitAsync(Timeout));
    }

    [Theory]
    [InlineData("indexed")]
    [InlineData("unindexed")]
    [InlineData("mixed")]
    public async Task QueryAsync_EachFilter_SelectsOnlyMatchingEvents(string principalIndex)
    {
        // Principals reach their index behind the writer; queries must see every event whether
        // it is indexed yet or not, in the same order.
        var batch = principalIndex switch { "indexed" => 1, "mixed" => 3, _ => 1_000_000 };
        await using var store = _fx.Open(o => o with { PrincipalIndexBatch = batch, PrincipalIndexInterval = TimeSpan.FromHours(1) });
        var alice = new Principal { UserId = "alice", Tenant = "acme", ClientIp = "10.0.0.1", ApiKeyId = "k-alice" };
        var bob = new Principal { UserId = "bob", Tenant = "acme", ClientIp = "10.0.0.2", ApiKeyId = "k-bob" };
        store.Write(StoreFixture.Event(1, "serve", Verdict.Block, [FindingCategories.PromptInjection], alice));
        store.Write(StoreFixture.Event(4, "probe", Verdict.Flag, [FindingCategories.Pii], alice));
        store.Write(StoreFixture.Event(5, "serve", Verdict.Block, [FindingCategories.PromptInjection, FindingCategories.Pii], bob));
        await store.FlushAsync().WaitAsync(Timeout);
        store.Write(StoreFixture.Event(2, "serve", Verdict.Redact, [FindingCategories.Pii, FindingCategories.Secret], bob));
        store.Write(StoreFixture.Event(3, "scan", Verdict.Allow, null, Principal.Local));
        await store.FlushAsync().WaitAsync(Timeout);
        var expectIndexed = principalIndex switch { "indexed" => 5, "mixed" => 3, _ => 0 };
        await StoreFixture.EventuallyAsync(
            () => Task.FromResult(_fx.RawCount("SELECT COUNT(DISTINCT event_seq) FROM event_principals") == expectIndexed),
            $"{expectIndexed} events in the principal index");

        async Task<int[]> Minutes(EventQuery q)
        {
            var events = await store.QueryAsync(q).WaitAsync(Timeout);
            Assert.Equal(events.Count, await store.CountAsync(q).WaitAsync(Timeout));
            return events.Select(e => (int)(e.Timestamp - StoreFixture.Base).TotalMinutes).ToArray();
        }

        Assert.Equal(new[] { 5, 1 }, await Minutes(new EventQuery { Verdict = Verdict.Block }));
        Assert.Equal(new[] { 5, 4, 2 }, await Minutes(new EventQuery { Category = FindingCategories.Pii }));
        Assert.Equal(new[] { 2 }, await Minutes(new EventQuery { Category = "secrets" }));
        Assert.Equal(new[] { 4, 1 }, await Minutes(new EventQuery { Principal = "alice" }));
        Assert.Equal(new[] { 4, 1 }, await Minutes(new EventQuery { Principal = "k-alice" }));
        Assert.Equal(new[] { 5, 2 }, await Minutes(new EventQuery { Principal = "10.0.0.2" }));
        Assert.Equal(new[] { 5, 4, 2, 1 }, await Minutes(new EventQuery { Principal = "acme" }));
        Assert.Equal(new[] { 3 }, await Minutes(new EventQuery { Source = "scan" }));
        Assert.Equal(new[] { 5, 2, 1 }, await Minutes(new EventQuery { Source = "serve" }));
        Assert.Equal(new[] { 5 }, await Minutes(new EventQuery { Category = FindingCategories.Pii, Principal = "bob", Verdict = Verdict.Block }));
        Assert.Equal(new[] { 4 }, await Minutes(new EventQuery { Category = FindingCategories.Pii, Principal = "alice", Source = "probe" }));
        Assert.Equal(new[] { 2 }, await Minutes(new EventQuery { Principal = "acme", Verdict = Verdict.Redact, Since = StoreFixture.Base.AddMinutes(2) }));
        Assert.Empty(await Minutes(new EventQuery { Principal = "nobody" }));
        Assert.Empty(await Minutes(new EventQuery { Category = FindingCategories.CanaryLeak }));
    }

    [Fact]
    public async Task Write_SameIdTwice_IsStoredOnce()
    {
        var id = Guid.CreateVersion7();
        await using (var store = _fx.Open())
        {
            store.Write(StoreFixture.Event(1, id: id));
            await store.FlushAsync().WaitAsync(Timeout);
            store.Write(StoreFixture.Event(2, id: id, categories: [FindingCategories.Pii]));
            await store.FlushAsync().WaitAsync(Timeout);
        }

        Assert.Equal(1, _fx.RawCount());
        Assert.Equal(0, _fx.RawCount("SELECT COUNT(*) FROM event_categories"));
    }

    [Fact]
    public async Task DisposeAsync_WithoutFlush_WritesEverythingQueued()
    {
        const int n = 20_000;
        var store = _fx.Open();
        for (var i = 0; i < n; i++)
        {
            store.Write(StoreFixture.Event(i % 1000, categories: [FindingCategories.Pii]));
        }

        await store.DisposeAsync().AsTask().WaitAsync(Timeout);

        Assert.Equal(n, _fx.RawCount());
        Assert.Equal(n, _fx.RawCount("SELECT COUNT(*) FROM event_categories"));
        Assert.Empty(_fx.SpoolFiles());
    }

    [Fact]
    public async Task Writer_CommitsOnItsOwnThread_NotOnThePool()
    {
        // The fault seam runs inside each batch's transaction, on whatever thread commits it.
        var committers = new System.Collections.Concurrent.ConcurrentBag<(bool Pool, string? Name)>();
        await using (var store = _fx.Open(fault: () =>
        {
            committers.Add((Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name));
            return false;
        }))
        {
            for (var i = 0; i < 50; i++)
            {
                store.Write(StoreFixture.Event(i));
                if (i % 10 == 9)
                {
                    await store.FlushAsync().WaitAsync(Timeout);
                }
            }
        }

        Assert.True(committers.Count >= 5, $"{committers.Count} commits");
        Assert.All(committers, c =>
        {
            Assert.False(c.Pool);
            Assert.Equal("llmsecops-event-writer", c.Name);
        });
        Assert.Equal(50, _fx.RawCount());
    }

    [Fact]
    public async Task Write_FromManyThreads_StoresEveryEventOnce()
    {
        const int threads = 8, each = 2_500;
        var ids = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        await using (var store = _fx.Open())
        {
            await Task.WhenAll(Enumerable.Range(0, threads).Select(t => Task.Run(() =>
            {
                for (var i = 0; i < each; i++)
                {
                    var evt = StoreFixture.Event(i, principal: new Principal { UserId = "u" + t });
                    ids.Add(evt.Id);
                    store.Write(evt);
                }
            }))).WaitAsync(Timeout);
            await store.FlushAsync().WaitAsync(Timeout);

            Assert.Equal(each, await store.CountAsync(new EventQuery { Principal = "u3" }).WaitAsync(Timeout));
        }

        Assert.Equal(threads * each, _fx.RawCount());
        Assert.Equal(threads * each, _fx.RawCount("SELECT COUNT(DISTINCT id) FROM events"));
    }

    [Fact]
    public async Task ExportAsync_StreamsAllMatchesNewestFirst()
    {
        await using var store = _fx.Open();
        for (var m = 0; m < 2_500; m++)
        {
            store.Write(StoreFixture.Event(m, verdict: m % 2 == 0 ? Verdict.Block : Verdict.Allow));
        }

        await store.FlushAsync().WaitAsync(Timeout);
        var previous = DateTimeOffset.MaxValue;
        var count = 0;
        using var cts = new CancellationTokenSource(Timeout);
        await foreach (var evt in store.ExportAsync(new EventQuery { Verdict = Verdict.Block, Limit = 0 }, cts.Token))
        {
            Assert.Equal(Verdict.Block, evt.Verdict);
            Assert.True(evt.Timestamp < previous);
            previous = evt.Timestamp;
            count++;
        }

        Assert.Equal(1_250, count);
    }

    [Fact]
    public async Task Open_Twice_AppliesTheSchemaOnce()
    {
        await (await Task.Run(() => _fx.Open()).WaitAsync(Timeout)).DisposeAsync();
        await using var store = _fx.Open();

        Assert.Equal([1], store.Database.AppliedVersions("events"));
    }

    [Fact]
    public async Task Write_AfterDispose_IsSpooledAndStoredOnNextOpen()
    {
        var store = _fx.Open();
        await store.DisposeAsync().AsTask().WaitAsync(Timeout);
        var late = StoreFixture.Event(1);

        store.Write(late);

        Assert.Single(_fx.SpoolFiles());
        await using var reopened = _fx.Open();
        await reopened.FlushAsync().WaitAsync(Timeout);
        var found = Assert.Single(await reopened.QueryAsync(new EventQuery()).WaitAsync(Timeout));
        Assert.Equal(late.Id, found.Id);
        Assert.Empty(_fx.SpoolFiles());
    }

    [Fact]
    public async Task Open_InvalidOptions_ReportsEveryProblem()
    {
        var options = new EventStoreOptions
        {
            DataDirectory = _fx.Directory,
            FileName = "../x.db",
            BatchSize = 0,
            QueueCapacity = -1,
            MaxRetries = -2,
            SpoolReplayInterval = TimeSpan.Zero,
        };

        var ex = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => EventStore.Open(options));

        Assert.Equal(5, ex.Failures.Count());
        Assert.Contains(ex.Failures, f => f.StartsWith("FileName", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("BatchSize", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(_fx.Directory, "x.db")));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Write_EmptyAndNullStrings_StayDistinctInColumns()
    {
        await using (var store = _fx.Open())
        {
            store.Write(StoreFixture.Event(1) with { Route = string.Empty, Model = null, Principal = new Principal { UserId = string.Empty } });
        }

        Assert.Equal(1, _fx.RawCount("SELECT COUNT(*) FROM events WHERE route = '' AND model IS NULL AND user_id = '' AND tenant IS NULL"));
        Assert.Equal(0, _fx.RawCount("SELECT COUNT(*) FROM event_principals"));
    }
}
