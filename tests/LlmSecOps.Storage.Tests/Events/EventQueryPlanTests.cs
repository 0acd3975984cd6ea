using LlmSecOps.Core.Events;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Storage.Events;

namespace LlmSecOps.Storage.Tests.Events;

/// <summary>
/// The filters dashboards use must walk an index in "newest first" order: no full scan of
/// events and no sort of the matches. Query speed at a million events is measured in bench/.
/// </summary>
public sealed class EventQueryPlanTests : IDisposable
{
    private readonly StoreFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    public static TheoryData<string> Queries() => new()
    {
        "none", "since", "since+until", "verdict", "verdict+since", "source", "category", "category+since",
        "principal", "principal+since", "category+principal", "category+verdict+source", "principal+verdict",
        "category+principal+drive-principal", "category+principal+since+drive-principal",
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Plan_UsesAnIndexInNewestFirstOrder(string filters)
    {
        var query = new EventQuery { Limit = 100 };
        foreach (var f in filters.Split('+'))
        {
            query = f switch
            {
                "since" => query with { Since = StoreFixture.Base },
                "until" => query with { Until = StoreFixture.Base.AddDays(1) },
                "verdict" => query with { Verdict = Verdict.Block },
                "source" => query with { Source = "serve" },
                "category" => query with { Category = FindingCategories.PromptInjection },
                "principal" => query with { Principal = "10.0.0.1" },
                _ => query,
            };
        }

        await using var store = _fx.Open();
        await using var connection = store.Database.OpenConnection();
        var drivePrincipal = filters.EndsWith("drive-principal", StringComparison.Ordinal);
        foreach (var count in new[] { false, true })
        {
            await using var cmd = EventQuerySql.Build(connection, query, count, drivePrincipal);
            cmd.CommandText = "EXPLAIN QUERY PLAN " + cmd.CommandText;
            var plan = new List<(int Id, int Parent, string Detail)>();
            await using (var reader = await cmd.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    plan.Add((reader.GetInt32(0), reader.GetInt32(1), reader.GetString(3)));
                }
            }

            // Events past the principal index's watermark (a few seconds of traffic) are read by
            // rowid range and sorted: the one sort allowed, and only in that part of the plan.
            var tail = new HashSet<int>(plan.Where(r => r.Detail == "RIGHT").Select(r => r.Id));
            foreach (var row in plan)
            {
                if (tail.Contains(row.Parent))
                {
                    tail.Add(row.Id);
                }
            }

            var text = string.Join(" | ", plan.Select(r => r.Detail));
            Assert.All(plan.Where(r => !tail.Contains(r.Id)), r => Assert.DoesNotContain("TEMP B-TREE", r.Detail, StringComparison.Ordinal));
            Assert.All(plan.Where(r => r.Detail.StartsWith("SCAN", StringComparison.Ordinal) && r.Detail != "SCAN CONSTANT ROW"), r => Assert.Contains("INDEX", r.Detail, StringComparison.Ordinal));
            if (filters.Contains("principal", StringComparison.Ordinal) && (drivePrincipal || !filters.Contains("category", StringComparison.Ordinal)))
            {
                Assert.Contains("rowid>?", text, StringComparison.Ordinal);
                if (!count)
                {
                    Assert.Contains("MERGE (UNION ALL)", text, StringComparison.Ordinal);
                }
            }

            if (!count && filters != "none")
            {
                Assert.Contains("USING", text, StringComparison.Ordinal);
            }
        }
    }
}
