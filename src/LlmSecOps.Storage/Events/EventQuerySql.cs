using System.Text;
using LlmSecOps.Core.Events;
using LlmSecOps.Core.Scanning;
using Microsoft.Data.Sqlite;

namespace LlmSecOps.Storage.Events;

/// <summary>
/// Turns an <see cref="EventQuery"/> into SQL that walks an index in "newest first" order. A
/// category filter drives the query from <c>event_categories</c>, a principal filter from
/// <c>event_principals</c> (both keyed value, ts, seq), so the first rows of the walk are the
/// newest matches; otherwise <c>events</c> is walked through its ts index, or (verdict, ts) /
/// (source, ts). Events the principal index does not cover yet (past its watermark, at most a
/// few seconds of traffic) are read from <c>events</c> directly and merged in.
/// </summary>
internal static class EventQuerySql
{
    private const string Watermark = EventSchema.PrincipalWatermarkSql;

    private const string PrincipalColumnsMatch =
        "(e.user_id = $principal OR e.api_key_id = $principal OR e.tenant = $principal OR e.client_ip = $principal)";

    public static SqliteCommand Build(SqliteConnection connection, EventQuery query, bool count)
    {
        ArgumentNullException.ThrowIfNull(query);
        var cmd = connection.CreateCommand();
        var category = query.Category is { Length: > 0 } c ? FindingCategories.Normalize(c) ?? c : null;
        var principal = query.Principal is { Length: > 0 } p ? p : null;
        AddParameters(cmd, query, category, principal);

        string sql;
        if (category is not null)
        {
            // CROSS JOIN keeps the side table as the outer loop: SQLite never reorders it.
            var where = Filters(query, "k.ts", "k.category = $category");
            if (principal is not null)
            {
                where.Add($"(EXISTS (SELECT 1 FROM event_principals p WHERE p.principal = $principal AND p.ts = k.ts AND p.event_seq = k.event_seq) OR (e.seq > {Watermark} AND {PrincipalColumnsMatch}))");
            }

            sql = Select(count, "event_categories k CROSS JOIN events e ON e.seq = k.event_seq", where, "k.ts DESC, k.event_seq DESC", query.Limit);
        }
        else if (principal is not null)
        {
            var indexed = Filters(query, "k.ts", "k.principal = $principal");
            // The tail is found by rowid range ("+" keeps SQLite off the other indexes, whose
            // ranges can be far larger than the few seconds of events past the watermark).
            var tail = Filters(query, "+e.ts", $"e.seq > {Watermark}", PrincipalColumnsMatch);
            for (var i = 2; i < tail.Count; i++)
            {
                tail[i] = tail[i].Replace("e.verdict", "+e.verdict", StringComparison.Ordinal).Replace("e.source", "+e.source", StringComparison.Ordinal);
            }
            const string indexedFrom = "event_principals k CROSS JOIN events e ON e.seq = k.event_seq";
            if (count)
            {
                sql = $"SELECT (SELECT COUNT(*) FROM {indexedFrom} WHERE {string.Join(" AND ", indexed)}) + (SELECT COUNT(*) FROM events e WHERE {string.Join(" AND ", tail)})";
            }
            else
            {
                // A compound SELECT with ORDER BY is merged by SQLite: the indexed side streams in
                // index order and only the short unindexed tail is sorted.
                var limit = query.Limit > 0 ? " LIMIT $limit" : string.Empty;
                sql = $"""
                    SELECT e.doc, k.ts, k.event_seq FROM {indexedFrom} WHERE {string.Join(" AND ", indexed)}
                    UNION ALL
                    SELECT e.doc, +e.ts, e.seq FROM events e WHERE {string.Join(" AND ", tail)}
                    ORDER BY 2 DESC, 3 DESC{limit}
                    """;
            }
        }
        else
        {
            sql = Select(count, "events e", Filters(query, "e.ts"), "e.ts DESC, e.seq DESC", query.Limit);
        }

        cmd.CommandText = sql;
        return cmd;
    }

    private static List<string> Filters(EventQuery query, string tsColumn, params string[] first)
    {
        var where = new List<string>(first);
        if (query.Since is not null)
        {
            where.Add(tsColumn + " >= $since");
        }

        if (query.Until is not null)
        {
            where.Add(tsColumn + " < $until");
        }

        if (query.Verdict is not null)
        {
            where.Add("e.verdict = $verdict");
        }

        if (query.Source is { Length: > 0 })
        {
            where.Add("e.source = $source");
        }

        return where;
    }

    private static string Select(bool count, string from, List<string> where, string order, int limit)
    {
        var sql = new StringBuilder(256);
        sql.Append(count ? "SELECT COUNT(*) FROM " : "SELECT e.doc FROM ").Append(from);
        if (where.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", where);
        }

        if (!count)
        {
            sql.Append(" ORDER BY ").Append(order);
            if (limit > 0)
            {
                sql.Append(" LIMIT $limit");
            }
        }

        return sql.ToString();
    }

    private static void AddParameters(SqliteCommand cmd, EventQuery query, string? category, string? principal)
    {
        if (category is not null)
        {
            cmd.Parameters.AddWithValue("$category", category);
        }

        if (principal is not null)
        {
            cmd.Parameters.AddWithValue("$principal", principal);
        }

        if (query.Since is { } since)
        {
            cmd.Parameters.AddWithValue("$since", EventSchema.ToTs(since));
        }

        if (query.Until is { } until)
        {
            cmd.Parameters.AddWithValue("$until", EventSchema.ToTs(until));
        }

        if (query.Verdict is { } verdict)
        {
            cmd.Parameters.AddWithValue("$verdict", EventBatchWriter.VerdictName(verdict));
        }

        if (query.Source is { Length: > 0 } source)
        {
            cmd.Parameters.AddWithValue("$source", source);
        }

        if (query.Limit > 0)
        {
            cmd.Parameters.AddWithValue("$limit", query.Limit);
        }
    }
}
