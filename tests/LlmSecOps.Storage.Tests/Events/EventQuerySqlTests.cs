using LlmSecOps.Core.Events;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Storage.Events;
using Microsoft.Data.Sqlite;

namespace LlmSecOps.Storage.Tests.Events;

/// <summary>Both ways of answering a category + principal filter give the same rows, counts and order.</summary>
public sealed class EventQuerySqlTests : IDisposable
{
    private static readonly TimeSpan Timeout = StoreFixture.Timeout;
    private readonly StoreFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task CategoryAndPrincipal_DrivenFromEitherSide_GiveTheSameAnswer()
    {
        // The first 300 events reach the principal index; the other 299 stay past its watermark.
        await using var store = _fx.Open(o => o with { PrincipalIndexBatch = 300, PrincipalIndexInterval = TimeSpan.FromHours(1) });
        var random = new Random(3);
        string[] categories = [FindingCategories.Pii, FindingCategories.Secret, FindingCategories.PromptInjection];
        for (var i = 0; i < 599; i++)
        {
            var cats = categories.Where(_ => random.Next(3) == 0).ToArray();
            var principal = new Principal { UserId = "u" + random.Next(5), Tenant = "t" + random.Next(2), ClientIp = "10.0.0." + random.Next(3) };
            store.Write(StoreFixture.Event(random.Next(10_000), verdict: (Verdict)random.Next(4), categories: cats, principal: principal));
            if (i == 299)
            {
                await store.FlushAsync().WaitAsync(Timeout);
            }
        }

        await store.FlushAsync().WaitAsync(Timeout);
        await StoreFixture.EventuallyAsync(() => Task.FromResult(_fx.RawCount("SELECT COUNT(DISTINCT event_seq) FROM event_principals") == 300), "first half indexed");

        await using var connection = store.Database.OpenConnection();
        foreach (var query in new[]
        {
            new EventQuery { Category = FindingCategories.Pii, Principal = "u1", Limit = 0 },
            new EventQuery { Category = FindingCategories.Secret, Principal = "t0", Limit = 7 },
            new EventQuery { Category = FindingCategories.PromptInjection, Principal = "10.0.0.2", Verdict = Verdict.Block, Limit = 0 },
            new EventQuery { Category = FindingCategories.Pii, Principal = "t1", Since = StoreFixture.Base.AddMinutes(2_000), Until = StoreFixture.Base.AddMinutes(8_000), Limit = 0 },
        })
        {
            var byCategory = Read(connection, query, drivePrincipal: false);
            var byPrincipal = Read(connection, query, drivePrincipal: true);
            var expected = Expected(store, query);

            Assert.NotEmpty(expected);
            Assert.Equal(expected, byCategory);
            Assert.Equal(expected, byPrincipal);
            Assert.Equal(Count(connection, query, false), Count(connection, query, true));
            Assert.Equal(await store.CountAsync(query with { Limit = 0 }).WaitAsync(Timeout), Count(connection, query, true));
        }
    }

    private static List<Guid> Expected(SqliteEventStore store, EventQuery query)
    {
        // The reference answer: every event filtered in memory.
        var all = store.QueryAsync(new EventQuery { Limit = 0 }).GetAwaiter().GetResult();
        var matches = all.Where(e =>
                e.Categories.Contains(query.Category) &&
                (e.Principal!.UserId == query.Principal || e.Principal.Tenant == query.Principal || e.Principal.ClientIp == query.Principal) &&
                (query.Verdict is null || e.Verdict == query.Verdict) &&
                (query.Since is null || e.Timestamp >= query.Since) &&
                (query.Until is null || e.Timestamp < query.Until))
            .OrderByDescending(e => e.Timestamp)
            .Select(e => e.Id);
        return (query.Limit > 0 ? matches.Take(query.Limit) : matches).ToList();
    }

    private static List<Guid> Read(SqliteConnection connection, EventQuery query, bool drivePrincipal)
    {
        using var cmd = EventQuerySql.Build(connection, query, count: false, drivePrincipal);
        using var reader = cmd.ExecuteReader();
        var ids = new List<Guid>();
        while (reader.Read())
        {
            ids.Add(System.Text.Json.JsonSerializer.Deserialize<LlmEvent>(reader.GetString(0), Core.Serialization.JsonDefaults.Options)!.Id);
        }

        return ids;
    }

    private static long Count(SqliteConnection connection, EventQuery query, bool drivePrincipal)
    {
        using var cmd = EventQuerySql.Build(connection, query, count: true, drivePrincipal);
        return (long)cmd.ExecuteScalar()!;
    }
}
