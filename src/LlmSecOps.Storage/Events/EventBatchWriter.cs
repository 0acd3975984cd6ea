using System.Diagnostics;
using LlmSecOps.Core.Events;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace LlmSecOps.Storage.Events;

/// <summary>
/// Inserts batches of events in one transaction over one long-lived connection with prepared
/// statements. Used only by the store's writer thread. After a failure the caller calls
/// <see cref="Reset"/> so the next attempt starts on a fresh connection.
/// </summary>
internal sealed class EventBatchWriter : IDisposable
{
    private const string InsertEventSql = """
        INSERT OR IGNORE INTO events (
            id, ts, source, verdict, user_id, tenant, client_ip, api_key_id, model, route, upstream,
            trace_id, status, total_ms, guard_ms, upstream_ms, first_token_ms, prompt_tokens,
            completion_tokens, entropy_mean, entropy_max, retention, doc)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23);
        """;

    // Sorted by key so each principal's run of new rows lands on its B-tree pages in one pass.
    private const string MergePrincipalsSql = """
        INSERT OR IGNORE INTO event_principals (principal, ts, event_seq)
        SELECT principal, ts, seq FROM (
            SELECT user_id AS principal, ts, seq FROM events WHERE seq > $from AND seq <= $to AND user_id IS NOT NULL AND user_id <> ''
            UNION SELECT api_key_id, ts, seq FROM events WHERE seq > $from AND seq <= $to AND api_key_id IS NOT NULL AND api_key_id <> ''
            UNION SELECT tenant, ts, seq FROM events WHERE seq > $from AND seq <= $to AND tenant IS NOT NULL AND tenant <> ''
            UNION SELECT client_ip, ts, seq FROM events WHERE seq > $from AND seq <= $to AND client_ip IS NOT NULL AND client_ip <> ''
        )
        ORDER BY principal, ts, seq;
        UPDATE event_index_state SET seq = $to WHERE name = 'principals';
        """;

    private readonly SqliteDatabase _database;
    private readonly int _busyTimeoutMs;
    private readonly Func<bool>? _fault;
    private SqliteConnection? _connection;
    private RawStatement? _insertEvent;
    private RawStatement? _insertCategory;
    private long _lastSeq;
    private long _principalWatermark;

    /// <param name="database">The database.</param>
    /// <param name="busyTimeout">How long to wait for another connection's lock.</param>
    /// <param name="fault">Test seam: when it returns true the transaction fails before commit.</param>
    public EventBatchWriter(SqliteDatabase database, TimeSpan busyTimeout, Func<bool>? fault)
    {
        _database = database;
        _busyTimeoutMs = (int)Math.Min(int.MaxValue, busyTimeout.TotalMilliseconds);
        _fault = fault;
    }

    /// <summary>
    /// Inserts the events and their categories in one transaction; returns how many were new
    /// (duplicates by id are ignored). Principals are indexed later by <see cref="MergePrincipals"/>.
    /// </summary>
    /// <param name="batch">The events.</param>
    /// <param name="yieldFor">
    /// How long into the batch to give up the core between events. Each event is a few
    /// microseconds of work; a request thread woken on the writer's core then runs at once
    /// instead of after the whole batch. Past this time (the host is busy and every yield cost a
    /// turn) the rest of the batch runs straight through, so the writer never falls behind.
    /// </param>
    public int Insert(IReadOnlyList<PendingEvent> batch, TimeSpan yieldFor = default)
    {
        var started = Stopwatch.GetTimestamp();
        EnsureOpen();
        var inserted = 0;

        // Deferred: the write lock is taken by the first insert, whose wait is bounded by the
        // writer's own busy timeout instead of the connection default.
        using var tx = _connection!.BeginTransaction(deferred: true);
        var insertEvent = _insertEvent!;
        var insertCategory = _insertCategory!;
        var lastSeq = _lastSeq;
        foreach (var pending in batch)
        {
            var evt = pending.Event;
            var ts = EventSchema.ToTs(evt.Timestamp);
            if (yieldFor > TimeSpan.Zero && Stopwatch.GetElapsedTime(started) < yieldFor)
            {
                Thread.Yield();
            }

            Bind(insertEvent, evt, ts, pending.Json);
            if (insertEvent.Execute() == 0)
            {
                continue;
            }

            var seq = insertEvent.LastInsertRowId;
            lastSeq = seq;
            inserted++;
            foreach (var category in evt.Categories)
            {
                insertCategory.Text(1, category);
                insertCategory.Integer(2, ts);
                insertCategory.Integer(3, seq);
                insertCategory.Execute();
            }
        }

        if (_fault?.Invoke() == true)
        {
            throw new IOException("injected fault: batch refused before commit");
        }

        tx.Commit();
        _lastSeq = lastSeq;
        return inserted;
    }

    /// <summary>Events written but not yet in <c>event_principals</c> (an upper bound).</summary>
    public long PrincipalBacklog => _connection is null ? 0 : Math.Max(0, _lastSeq - _principalWatermark);

    /// <summary>
    /// Adds the principals of up to <paramref name="maxEvents"/> events past the watermark to
    /// <c>event_principals</c> and moves the watermark, in one transaction. Returns whether events
    /// past the new watermark remain.
    /// </summary>
    public bool MergePrincipals(int maxEvents)
    {
        EnsureOpen();
        using var tx = _connection!.BeginTransaction(deferred: true);
        using var cmd = _connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandTimeout = CommandTimeoutSeconds;
        cmd.CommandText = "SELECT " + EventSchema.PrincipalWatermarkSql + ", (SELECT COALESCE(MAX(seq), 0) FROM events);";
        long from, max;
        using (var reader = cmd.ExecuteReader())
        {
            reader.Read();
            from = reader.GetInt64(0);
            max = reader.GetInt64(1);
        }

        var to = Math.Min(max, from + maxEvents);
        if (to > from)
        {
            cmd.CommandText = MergePrincipalsSql;
            cmd.Parameters.AddWithValue("$from", from);
            cmd.Parameters.AddWithValue("$to", to);
            cmd.ExecuteNonQuery();
        }

        tx.Commit();
        _principalWatermark = to;
        _lastSeq = Math.Max(_lastSeq, max);
        return max > to;
    }

    /// <summary>Drops the connection and statements after a failure.</summary>
    public void Reset()
    {
        _insertEvent?.Dispose();
        _insertCategory?.Dispose();
        _insertEvent = _insertCategory = null;
        try
        {
            _connection?.Dispose();
        }
        catch (SqliteException)
        {
            // The connection is being thrown away because it failed; closing it may fail too.
        }

        _connection = null;
    }

    public void Dispose() => Reset();

    private int CommandTimeoutSeconds => Math.Max(1, (int)Math.Ceiling(_busyTimeoutMs / 1000.0));

    private void EnsureOpen()
    {
        if (_connection is not null)
        {
            return;
        }

        var connection = _database.OpenConnection();
        try
        {
            using (var pragma = connection.CreateCommand())
            {
                // A larger page cache keeps the hot index pages of recent events in memory.
                pragma.CommandText = $"PRAGMA busy_timeout = {_busyTimeoutMs}; PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY;";
                pragma.ExecuteNonQuery();
                pragma.CommandText = "SELECT " + EventSchema.PrincipalWatermarkSql + ", (SELECT COALESCE(MAX(seq), 0) FROM events);";
                using var reader = pragma.ExecuteReader();
                reader.Read();
                _principalWatermark = reader.GetInt64(0);
                _lastSeq = reader.GetInt64(1);
            }

            // Prepared on the handle: the busy_timeout above bounds how long a step waits for a lock.
            _insertEvent = new RawStatement(connection, InsertEventSql);
            _insertCategory = new RawStatement(connection, "INSERT OR IGNORE INTO event_categories (category, ts, event_seq) VALUES (?1, ?2, ?3);");
            _connection = connection;
        }
        catch
        {
            _insertEvent?.Dispose();
            _insertCategory?.Dispose();
            _insertEvent = _insertCategory = null;
            connection.Dispose();
            throw;
        }
    }

    private static void Bind(RawStatement insert, LlmEvent evt, long ts, string json)
    {
        var principal = evt.Principal;
        var latency = evt.Latency;
        Span<char> id = stackalloc char[36];
        evt.Id.TryFormat(id, out _, "D");
        insert.Text(1, id);
        insert.Integer(2, ts);
        insert.Text(3, evt.Source);
        insert.Text(4, VerdictName(evt.Verdict));
        insert.Text(5, principal?.UserId);
        insert.Text(6, principal?.Tenant);
        insert.Text(7, principal?.ClientIp);
        insert.Text(8, principal?.ApiKeyId);
        insert.Text(9, evt.Model);
        insert.Text(10, evt.Route);
        insert.Text(11, evt.Upstream);
        insert.Text(12, evt.TraceId);
        insert.Integer(13, evt.Status);
        insert.Real(14, latency?.TotalMs);
        insert.Real(15, latency?.GuardMs);
        insert.Real(16, latency?.UpstreamMs);
        insert.Real(17, latency?.FirstTokenMs);
        insert.Integer(18, evt.Usage?.PromptTokens);
        insert.Integer(19, evt.Usage?.CompletionTokens);
        insert.Real(20, evt.EntropyMean);
        insert.Real(21, evt.EntropyMax);
        insert.Text(22, evt.Retention ?? "full");
        insert.Text(23, json);
    }

    /// <summary>The stored (and JSON) name of a verdict.</summary>
    public static string VerdictName(Verdict verdict) => verdict switch
    {
        Verdict.Allow => "allow",
        Verdict.Flag => "flag",
        Verdict.Redact => "redact",
        Verdict.Block => "block",
        _ => verdict.ToString().ToLowerInvariant(),
    };
}
