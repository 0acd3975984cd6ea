namespace LlmSecOps.Storage.Events;

/// <summary>
/// Tables of the <c>events</c> module. The full event is kept as JSON in <c>doc</c>; the columns
/// beside it are copies of the fields queries filter or aggregate on, so later versions add
/// columns (and back-fill them from <c>doc</c>) without touching stored events.
/// </summary>
internal static class EventSchema
{
    public const string Module = "events";

    // ts is Unix time in microseconds (UTC): sortable, compact, and exact enough to order events
    // within a millisecond. seq is the rowid: the insertion order and the key the side tables use.
    // Category and principal rows carry ts so "newest first" under those filters is an ordered
    // index walk instead of a sort. Only what EventQuery filters on is indexed: every index is paid
    // for on each insert, and ingestion has a budget too.
    //
    // event_principals is filled behind the writer, in sorted runs: with thousands of active users,
    // keys and addresses, inserting per event would dirty one page per row in every transaction.
    // event_index_state.seq marks how far it is filled; queries read events past that mark directly.
    private const string V1 = """
        CREATE TABLE events (
            seq               INTEGER PRIMARY KEY,
            id                TEXT    NOT NULL,
            ts                INTEGER NOT NULL,
            source            TEXT    NOT NULL,
            verdict           TEXT    NOT NULL,
            user_id           TEXT,
            tenant            TEXT,
            client_ip         TEXT,
            api_key_id        TEXT,
            model             TEXT,
            route             TEXT,
            upstream          TEXT,
            trace_id          TEXT,
            status            INTEGER,
            total_ms          REAL,
            guard_ms          REAL,
            upstream_ms       REAL,
            first_token_ms    REAL,
            prompt_tokens     INTEGER,
            completion_tokens INTEGER,
            entropy_mean      REAL,
            entropy_max       REAL,
            retention         TEXT    NOT NULL,
            doc               TEXT    NOT NULL
        );
        CREATE UNIQUE INDEX ux_events_id ON events(id);
        CREATE INDEX ix_events_ts ON events(ts);
        CREATE INDEX ix_events_verdict_ts ON events(verdict, ts);
        CREATE INDEX ix_events_source_ts ON events(source, ts);

        CREATE TABLE event_categories (
            category  TEXT    NOT NULL,
            ts        INTEGER NOT NULL,
            event_seq INTEGER NOT NULL,
            PRIMARY KEY (category, ts, event_seq)
        ) WITHOUT ROWID;

        CREATE TABLE event_principals (
            principal TEXT    NOT NULL,
            ts        INTEGER NOT NULL,
            event_seq INTEGER NOT NULL,
            PRIMARY KEY (principal, ts, event_seq)
        ) WITHOUT ROWID;

        CREATE TABLE event_index_state (
            name TEXT    NOT NULL PRIMARY KEY,
            seq  INTEGER NOT NULL
        );
        INSERT INTO event_index_state (name, seq) VALUES ('principals', 0);
        """;

    /// <summary>Every version of the module's schema.</summary>
    public static MigrationSet Migrations { get; } = new(Module, [
        new Migration(1, "events, categories and principals", V1),
    ]);

    /// <summary>SQL for the last event seq already in <c>event_principals</c>.</summary>
    public const string PrincipalWatermarkSql = "(SELECT seq FROM event_index_state WHERE name = 'principals')";

    /// <summary>Converts a timestamp to the stored <c>ts</c> value (Unix microseconds, UTC).</summary>
    public static long ToTs(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;
}
