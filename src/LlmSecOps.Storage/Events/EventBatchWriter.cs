using LlmSecOps.Core.Events;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace LlmSecOps.Storage.Events;

/// <summary>
/// Inserts batches of events in one transaction over one long-lived connection with prepared
/// statements. Used only by the store's writer task. After a failure the caller calls
/// <see cref="Reset"/> so the next attempt starts on a fresh connection.
/// </summary>
internal sealed class EventBatchWriter : IDisposable
{
    private const string InsertEventSql = """
        INSERT OR IGNORE INTO events (
            id, ts, source, verdict, user_id, tenant, client_ip, api_key_id, model, route, upstream,
            trace_id, status, total_ms, guard_ms, upstream_ms, first_token_ms, prompt_tokens,
            completion_tokens, entropy_mean, entropy_max, retention, doc)
        VALUES (
            $id, $ts, $source, $verdict, $user_id, $tenant, $client_ip, $api_key_id, $model, $route, $upstream,
            $trace_id, $status, $total_ms, $guard_ms, $upstream_ms, $first_token_ms, $prompt_tokens,
            $completion_tokens, $entropy_mean, $entropy_max, $retention, $doc);
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
    private SqliteCommand? _insertEvent;
    private SqliteCommand? _insertCategory;
    private SqliteParameter[] _eventParameters = [];
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
    public int Insert(IReadOnlyList<PendingEvent> batch)
    {
        EnsureOpen();
        var inserted = 0;

        // Deferred: the write lock is taken by the first insert, whose wait is bounded by the
        // writer's own busy timeout instead of the connection default.
        using var tx = _connection!.BeginTransaction(deferred: true);
        _insertEvent!.Transaction = tx;
        _insertCategory!.Transaction = tx;
        var lastSeq = _lastSeq;
        foreach (var pending in batch)
        {
            var evt = pending.Event;
            var ts = EventSchema.ToTs(evt.Timestamp);
            Bind(evt, ts, pending.Json);
            if (_insertEvent.ExecuteNonQuery() == 0)
            {
                continue;
            }

            // Read straight from the handle: cheaper than a RETURNING clause's data reader.
            var seq = SQLitePCL.raw.sqlite3_last_insert_rowid(_connection.Handle);
            lastSeq = seq;
            inserted++;
            foreach (var category in evt.Categories)
            {
                _insertCategory.Parameters[0].Value = category;
                _insertCategory.Parameters[1].Value = ts;
                _insertCategory.Parameters[2].Value = seq;
                _insertCategory.ExecuteNonQuery();
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

            // Microsoft.Data.Sqlite also retries busy statements until the command timeout (whole
            // seconds, 0 = forever), so it gets the same bound, rounded up.
            var timeout = CommandTimeoutSeconds;
            _insertEvent = connection.CreateCommand();
            _insertEvent.CommandText = InsertEventSql;
            _insertEvent.CommandTimeout = timeout;
            string[] names =
            [
                "$id", "$ts", "$source", "$verdict", "$user_id", "$tenant", "$client_ip", "$api_key_id", "$model",
                "$route", "$upstream", "$trace_id", "$status", "$total_ms", "$guard_ms", "$upstream_ms",
                "$first_token_ms", "$prompt_tokens", "$completion_tokens", "$entropy_mean", "$entropy_max",
                "$retention", "$doc",
            ];
            _eventParameters = new SqliteParameter[names.Length];
            for (var i = 0; i < names.Length; i++)
            {
                // No declared type: each value binds as what it is (text, integer, real or null).
                _eventParameters[i] = _insertEvent.Parameters.AddWithValue(names[i], DBNull.Value);
            }

            _insertCategory = CreateSideInsert(connection, "INSERT OR IGNORE INTO event_categories (category, ts, event_seq) VALUES ($k, $ts, $seq);", timeout);
            _connection = connection;
        }
        catch
        {
            connection.Dispose();
            _insertEvent?.Dispose();
            _insertCategory?.Dispose();
            _insertEvent = _insertCategory = null;
            throw;
        }
    }

    private static SqliteCommand CreateSideInsert(SqliteConnection connection, string sql, int timeout)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = timeout;
        cmd.Parameters.Add("$k", SqliteType.Text);
        cmd.Parameters.Add("$ts", SqliteType.Integer);
        cmd.Parameters.Add("$seq", SqliteType.Integer);
        return cmd;
    }

    private void Bind(LlmEvent evt, long ts, string json)
    {
        var p = _eventParameters;
        var principal = evt.Principal;
        var latency = evt.Latency;
        p[0].Value = evt.Id.ToString("D");
        p[1].Value = ts;
        p[2].Value = evt.Source;
        p[3].Value = VerdictName(evt.Verdict);
        p[4].Value = Db(principal?.UserId);
        p[5].Value = Db(principal?.Tenant);
        p[6].Value = Db(principal?.ClientIp);
        p[7].Value = Db(principal?.ApiKeyId);
        p[8].Value = Db(evt.Model);
        p[9].Value = Db(evt.Route);
        p[10].Value = Db(evt.Upstream);
        p[11].Value = Db(evt.TraceId);
        p[12].Value = evt.Status is { } status ? status : DBNull.Value;
        p[13].Value = Db(latency?.TotalMs);
        p[14].Value = Db(latency?.GuardMs);
        p[15].Value = Db(latency?.UpstreamMs);
        p[16].Value = Db(latency?.FirstTokenMs);
        p[17].Value = evt.Usage is { } u1 ? u1.PromptTokens : DBNull.Value;
        p[18].Value = evt.Usage is { } u2 ? u2.CompletionTokens : DBNull.Value;
        p[19].Value = Db(evt.EntropyMean);
        p[20].Value = Db(evt.EntropyMax);
        p[21].Value = evt.Retention ?? "full";
        p[22].Value = json;
    }

    private static object Db(string? value) => value is null ? DBNull.Value : value;

    // NaN is not a number SQLite can store or compare; it is kept in the JSON document only.
    private static object Db(double? value) => value is { } d && double.IsFinite(d) ? d : DBNull.Value;

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
