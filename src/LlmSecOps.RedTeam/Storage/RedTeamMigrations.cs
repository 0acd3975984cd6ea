using LlmSecOps.Storage;

namespace LlmSecOps.RedTeam.Storage;

/// <summary>
/// The red team's tables in the shared SQLite file: runs and their attempts, indexed so attack
/// success rates per probe, family, mutator and target can be queried over time.
/// </summary>
internal static class RedTeamMigrations
{
    /// <summary>Module name in the migrations table.</summary>
    public const string Module = "redteam";

    public static MigrationSet Set { get; } = new(Module,
    [
        new Migration(1, "runs, attempts and per-run metrics", """
            CREATE TABLE redteam_runs (
                id          TEXT    PRIMARY KEY,
                kind        TEXT    NOT NULL,
                status      TEXT    NOT NULL,
                started_at  TEXT    NOT NULL,
                finished_at TEXT,
                target      TEXT    NOT NULL,
                model       TEXT,
                seed        INTEGER NOT NULL,
                planned     INTEGER NOT NULL,
                attempts    INTEGER NOT NULL DEFAULT 0,
                successes   INTEGER NOT NULL DEFAULT 0,
                failures    INTEGER NOT NULL DEFAULT 0,
                blocked     INTEGER NOT NULL DEFAULT 0,
                errors      INTEGER NOT NULL DEFAULT 0,
                config      TEXT    NOT NULL
            );
            CREATE INDEX ix_redteam_runs_started ON redteam_runs(started_at);
            CREATE INDEX ix_redteam_runs_target ON redteam_runs(target, started_at);

            CREATE TABLE redteam_attempts (
                run_id       TEXT    NOT NULL REFERENCES redteam_runs(id) ON DELETE CASCADE,
                attempt_id   TEXT    NOT NULL,
                seq          INTEGER NOT NULL,
                probe_id     TEXT    NOT NULL,
                family       TEXT    NOT NULL,
                prompt_key   TEXT    NOT NULL,
                mutator      TEXT    NOT NULL,
                target       TEXT    NOT NULL,
                outcome      TEXT    NOT NULL,
                score        REAL    NOT NULL,
                started_at   TEXT    NOT NULL,
                latency_ms   REAL    NOT NULL,
                prompt       TEXT    NOT NULL,
                response     TEXT    NOT NULL,
                conversation TEXT,
                detectors    TEXT    NOT NULL,
                evidence     TEXT,
                error        TEXT,
                http_status  INTEGER,
                retries      INTEGER NOT NULL,
                turns        INTEGER NOT NULL,
                UNIQUE (run_id, attempt_id)
            );

            -- Counts per run, probe and mutator, rewritten when a run finishes: the small,
            -- indexed time series that "ASR per probe/family/mutator/target over time" reads,
            -- so the attempts table needs no index beyond its key and writes stay cheap.
            CREATE TABLE redteam_metrics (
                run_id     TEXT    NOT NULL REFERENCES redteam_runs(id) ON DELETE CASCADE,
                started_at TEXT    NOT NULL,
                target     TEXT    NOT NULL,
                probe_id   TEXT    NOT NULL,
                family     TEXT    NOT NULL,
                mutator    TEXT    NOT NULL,
                attempts   INTEGER NOT NULL,
                successes  INTEGER NOT NULL,
                failures   INTEGER NOT NULL,
                blocked    INTEGER NOT NULL,
                errors     INTEGER NOT NULL,
                PRIMARY KEY (run_id, probe_id, mutator)
            );
            CREATE INDEX ix_redteam_metrics_probe ON redteam_metrics(probe_id, started_at);
            CREATE INDEX ix_redteam_metrics_family ON redteam_metrics(family, started_at);
            CREATE INDEX ix_redteam_metrics_mutator ON redteam_metrics(mutator, started_at);
            CREATE INDEX ix_redteam_metrics_target ON redteam_metrics(target, started_at);
            """),
    ]);
}
