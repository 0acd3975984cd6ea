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

    /// <summary>Side-table rows counted to choose the driving table when both category and principal are given.</summary>
    private const int ProbeCap = 20_000;

    /// <summary>
    /// Builds the query. With both a category and a principal, the side table with fewer matches
    /// drives it (see <see cref="PreferPrincipal"/>) and the other is checked by key.
    /// </summary>
    public static SqliteCommand Build(SqliteConnection connection, EventQuery query, bool count, bool drivePrincipal = false)
    {
        ArgumentNullException.ThrowIfNull(query);
        var cmd = connection.CreateCommand();
        var category = query.Category is { Length: > 0 } c ? FindingCategories.Normalize(c) ?? c : null;
        var principal = query.Principal is { Length: > 0 } p ? p : null;
        AddParameters(cmd, query, category, principal);

        // A count that filters on nothing stored in events is answered from the side table's
        // key alone; anything else joins each candidate to its event row.
        var join = !count || query.Verdict is not null || query.Source is { Length: > 0 };
        string sql;
        if (category is not null && (principal is null || !drivePrincipal))
        {
            // CROSS JOIN keeps the side table as the outer loop: SQLite never reorders it.
            var where = Filters(query, "k.ts", "k.category = $category");
            if (principal is not null)
            {
                // Refers to k only, so it is checked before the event row is read.
                where.Insert(1, $"(EXISTS (SELECT 1 FROM event_principals p WHERE p.principal = $principal AND p.ts = k.ts AND p.event_seq = k.event_seq) OR (k.event_seq > {Watermark} AND EXISTS (SELECT 1 FROM events t WHERE t.seq = k.event_seq AND {PrincipalColumnsMatch.Replace("e.", "t.", StringComparison.Ordinal)})))");
            }

            sql = Select(count, join ? "event_categories k CROSS JOIN events e ON e.seq = k.event_seq" : "event_categories k", where, "k.ts DESC, k.event_seq DESC", query.Limit);
        }
        else if (principal is not null)
        {
            var indexed = Filters(query, "k.ts", "k.principal = $principal");
            if (category is not null)
            {
                indexed.Insert(1, "EXISTS (SELECT 1 FROM event_categories c WHERE c.category = $category AND c.ts = k.ts AND c.event_seq = k.event_seq)");
            }

            // The tail is found by rowid range ("+" keeps SQLite off the other indexes, whose
            // ranges can be far larger than the few seconds of events past the watermark).
            var tail = Filters(query, "+e.ts", $"e.seq > {Watermark}", PrincipalColumnsMatch);
            for (var i = 2; i < tail.Count; i++)
            {
                tail[i] = tail[i].Replace("e.verdict", "+e.verdict", StringComparison.Ordinal).Replace("e.source", "+e.source", StringComparison.Ordinal);
            }

            if (category is not null)
            {
                tail.Add("EXISTS (SELECT 1 FROM event_categories c WHERE c.category = $category AND c.ts = e.ts AND c.event_seq = e.seq)");
            }

            var indexedFrom = join ? "event_principals k CROSS JOIN events e ON e.seq = k.event_seq" : "event_principals k";
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

    /// <summary>
    /// Whether a query with both a category and a principal should be driven from the principal
    /// index: true when the principal has fewer indexed matches in the time range than the
    /// category (each counted up to a cap, a covering-index walk of a millisecond or two), or when
    /// both are past the cap, since probing the small category table is the cheaper check.
    /// </summary>
    public static bool PreferPrincipal(SqliteConnection connection, EventQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Category is not { Length: > 0 } c || query.Principal is not { Length: > 0 } p)
        {
            return false;
        }

        var categories = CappedCount(connection, query, "event_categories", "category", FindingCategories.Normalize(c) ?? c);
        var principals = CappedCount(connection, query, "event_principals", "principal", p);
        return principals < categories || (principals >= ProbeCap && categories >= ProbeCap);
    }

    private static long CappedCount(SqliteConnection connection, EventQuery query, string table, string column, string value)
    {
        using var cmd = connection.CreateCommand();
        var where = new List<string> { $"{column} = $v" };
        cmd.Parameters.AddWithValue("$v", value);
        if (query.Since is { } since)
        {
            where.Add("ts >= $since");
            cmd.Parameters.AddWithValue("$since", EventSchema.ToTs(since));
        }

        if (query.Until is { } until)
        {
            where.Add("ts < $until");
            cmd.Parameters.AddWithValue("$until", EventSchema.ToTs(until));
        }

        cmd.CommandText = $"SELECT COUNT(*) FROM (SELECT 1 FROM {table} WHERE {string.Join(" AND ", where)} LIMIT {ProbeCap})";
        return (long)cmd.ExecuteScalar()!;
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
