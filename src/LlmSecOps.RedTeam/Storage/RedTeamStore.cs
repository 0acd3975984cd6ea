using System.Globalization;
using System.Text.Json;
using LlmSecOps.Core.Serialization;
using LlmSecOps.RedTeam.Running;
using LlmSecOps.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace LlmSecOps.RedTeam.Storage;

/// <summary>Runs and attempts in the shared SQLite database.</summary>
internal sealed class RedTeamStore
{
    /// <summary>The file name inside the data directory (shared with the other commands).</summary>
    public const string FileName = "llmsecops.db";

    private const string AttemptColumns =
        "run_id, attempt_id, seq, probe_id, family, prompt_key, mutator, target, outcome, score, started_at, latency_ms, prompt, response, conversation, detectors, evidence, error, http_status, retries, turns";

    public RedTeamStore(SqliteDatabase database)
    {
        Database = database;
        database.Migrate(RedTeamMigrations.Set);
    }

    public SqliteDatabase Database { get; }

    /// <summary>Opens the store in a data directory, creating it when needed.</summary>
    public static RedTeamStore Open(string dataDirectory) => new(new SqliteDatabase(Path.Combine(dataDirectory, FileName)));

    public void CreateRun(RunRecord run)
    {
        using var c = Database.OpenConnection();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            INSERT INTO redteam_runs (id, kind, status, started_at, finished_at, target, model, seed, planned, config)
            VALUES ($id, $kind, $status, $started, NULL, $target, $model, $seed, $planned, $config)
            """;
        cmd.Parameters.AddWithValue("$id", run.Id);
        cmd.Parameters.AddWithValue("$kind", run.Kind);
        cmd.Parameters.AddWithValue("$status", run.Status);
        cmd.Parameters.AddWithValue("$started", Format(run.StartedAt));
        cmd.Parameters.AddWithValue("$target", run.Target);
        cmd.Parameters.AddWithValue("$model", (object?)run.Model ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$seed", run.Seed);
        cmd.Parameters.AddWithValue("$planned", run.Planned);
        cmd.Parameters.AddWithValue("$config", run.Config);
        cmd.ExecuteNonQuery();
    }

    /// <summary>Sets the status, recomputes the counts from the stored attempts and rewrites the run's metrics rows.</summary>
    public void FinishRun(string runId, string status, DateTimeOffset? finishedAt)
    {
        using var c = Database.OpenConnection();
        using var tx = c.BeginTransaction();
        using (var cmd = c.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = """
                UPDATE redteam_runs SET
                    status = $status,
                    finished_at = $finished,
                    attempts  = (SELECT COUNT(*) FROM redteam_attempts a WHERE a.run_id = $id),
                    successes = (SELECT COUNT(*) FROM redteam_attempts a WHERE a.run_id = $id AND a.outcome = 'success'),
                    failures  = (SELECT COUNT(*) FROM redteam_attempts a WHERE a.run_id = $id AND a.outcome = 'fail'),
                    blocked   = (SELECT COUNT(*) FROM redteam_attempts a WHERE a.run_id = $id AND a.outcome = 'blocked'),
                    errors    = (SELECT COUNT(*) FROM redteam_attempts a WHERE a.run_id = $id AND a.outcome = 'error')
                WHERE id = $id;
                DELETE FROM redteam_metrics WHERE run_id = $id;
                INSERT INTO redteam_metrics (run_id, started_at, target, probe_id, family, mutator, attempts, successes, failures, blocked, errors)
                SELECT a.run_id, r.started_at, r.target, a.probe_id, a.family, a.mutator, COUNT(*),
                       SUM(a.outcome = 'success'), SUM(a.outcome = 'fail'), SUM(a.outcome = 'blocked'), SUM(a.outcome = 'error')
                FROM redteam_attempts a JOIN redteam_runs r ON r.id = a.run_id
                WHERE a.run_id = $id
                GROUP BY a.probe_id, a.family, a.mutator;
                """;
            cmd.Parameters.AddWithValue("$id", runId);
            cmd.Parameters.AddWithValue("$status", status);
            cmd.Parameters.AddWithValue("$finished", finishedAt is { } f ? Format(f) : DBNull.Value);
            cmd.ExecuteNonQuery();
        }

        tx.Commit();
    }

    public void SetStatus(string runId, string status)
    {
        using var c = Database.OpenConnection();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "UPDATE redteam_runs SET status = $status WHERE id = $id";
        cmd.Parameters.AddWithValue("$id", runId);
        cmd.Parameters.AddWithValue("$status", status);
        cmd.ExecuteNonQuery();
    }

    public RunRecord? GetRun(string runId)
    {
        using var c = Database.OpenConnection();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT * FROM redteam_runs WHERE id = $id";
        cmd.Parameters.AddWithValue("$id", runId);
        using var r = cmd.ExecuteReader();
        return r.Read() ? ReadRun(r) : null;
    }

    /// <summary>Runs, newest first.</summary>
    public IReadOnlyList<RunRecord> ListRuns(int limit, string? kind = null)
    {
        using var c = Database.OpenConnection();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT * FROM redteam_runs " + (kind is null ? string.Empty : "WHERE kind = $kind ") + "ORDER BY started_at DESC, id DESC LIMIT $limit";
        cmd.Parameters.AddWithValue("$limit", limit);
        if (kind is not null)
        {
            cmd.Parameters.AddWithValue("$kind", kind);
        }

        using var r = cmd.ExecuteReader();
        var list = new List<RunRecord>();
        while (r.Read())
        {
            list.Add(ReadRun(r));
        }

        return list;
    }

    /// <summary>Ids of the attempts a run has stored (to skip on resume).</summary>
    public HashSet<string> CompletedAttemptIds(string runId)
    {
        using var c = Database.OpenConnection();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT attempt_id FROM redteam_attempts WHERE run_id = $id";
        cmd.Parameters.AddWithValue("$id", runId);
        using var r = cmd.ExecuteReader();
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (r.Read())
        {
            set.Add(r.GetString(0));
        }

        return set;
    }

    /// <summary>Every stored attempt of a run, in plan order.</summary>
    public IReadOnlyList<AttemptResult> ReadAttempts(string runId)
    {
        using var c = Database.OpenConnection();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {AttemptColumns} FROM redteam_attempts WHERE run_id = $id ORDER BY seq";
        cmd.Parameters.AddWithValue("$id", runId);
        using var r = cmd.ExecuteReader();
        var list = new List<AttemptResult>();
        while (r.Read())
        {
            list.Add(new AttemptResult
            {
                RunId = r.GetString(0),
                AttemptId = r.GetString(1),
                Sequence = r.GetInt32(2),
                ProbeId = r.GetString(3),
                Family = r.GetString(4),
                PromptKey = r.GetString(5),
                Mutator = r.GetString(6),
                Target = r.GetString(7),
                Outcome = ParseOutcome(r.GetString(8)),
                Score = r.GetDouble(9),
                StartedAt = DateTimeOffset.Parse(r.GetString(10), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                LatencyMs = r.GetDouble(11),
                Prompt = r.GetString(12),
                Response = r.GetString(13),
                ConversationJson = r.IsDBNull(14) ? null : r.GetString(14),
                Detectors = JsonSerializer.Deserialize<List<DetectorOutcome>>(r.GetString(15), JsonDefaults.Options) ?? [],
                Evidence = r.IsDBNull(16) ? null : r.GetString(16),
                Error = r.IsDBNull(17) ? null : r.GetString(17),
                HttpStatus = r.IsDBNull(18) ? null : r.GetInt32(18),
                Retries = r.GetInt32(19),
                Turns = r.GetInt32(20),
            });
        }

        return list;
    }

    /// <summary>
    /// Attack success rate per run over time for one dimension value (probe, family, mutator or
    /// target): the history a dashboard draws.
    /// </summary>
    public IReadOnlyList<TrendPoint> Trend(string dimension, string? value, int limit)
    {
        var column = dimension switch
        {
            "probe" => "m.probe_id",
            "family" => "m.family",
            "mutator" => "m.mutator",
            "target" => "m.target",
            _ => throw new ArgumentException($"unknown dimension '{dimension}'", nameof(dimension)),
        };
        using var c = Database.OpenConnection();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"""
            SELECT m.run_id, m.started_at, {column} AS key,
                   SUM(m.successes), SUM(m.attempts - m.errors), SUM(m.attempts)
            FROM redteam_metrics m
            {(value is null ? string.Empty : $"WHERE {column} = $value")}
            GROUP BY m.run_id, key
            ORDER BY m.started_at DESC, m.run_id DESC, key
            LIMIT $limit
            """;
        cmd.Parameters.AddWithValue("$limit", limit);
        if (value is not null)
        {
            cmd.Parameters.AddWithValue("$value", value);
        }

        using var r = cmd.ExecuteReader();
        var list = new List<TrendPoint>();
        while (r.Read())
        {
            list.Add(new TrendPoint(
                r.GetString(0),
                DateTimeOffset.Parse(r.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                r.GetString(2),
                r.GetInt32(3),
                r.GetInt32(4),
                r.GetInt32(5)));
        }

        return list;
    }

    internal static string Format(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    internal static string OutcomeName(AttemptOutcome outcome) => outcome switch
    {
        AttemptOutcome.Success => "success",
        AttemptOutcome.Fail => "fail",
        AttemptOutcome.Blocked => "blocked",
        _ => "error",
    };

    internal static AttemptOutcome ParseOutcome(string s) => s switch
    {
        "success" => AttemptOutcome.Success,
        "fail" => AttemptOutcome.Fail,
        "blocked" => AttemptOutcome.Blocked,
        _ => AttemptOutcome.Error,
    };

    internal static SqliteCommand PrepareInsert(SqliteConnection connection)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = $"""
            INSERT OR REPLACE INTO redteam_attempts ({AttemptColumns})
            VALUES ($run, $attempt, $seq, $probe, $family, $key, $mutator, $target, $outcome, $score, $started, $latency, $prompt, $response, $conversation, $detectors, $evidence, $error, $status, $retries, $turns)
            """;
        foreach (var name in (string[])["$run", "$attempt", "$seq", "$probe", "$family", "$key", "$mutator", "$target", "$outcome", "$score", "$started", "$latency", "$prompt", "$response", "$conversation", "$detectors", "$evidence", "$error", "$status", "$retries", "$turns"])
        {
            cmd.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        cmd.Prepare();
        return cmd;
    }

    internal static void Bind(SqliteCommand cmd, AttemptResult a)
    {
        var p = cmd.Parameters;
        p[0].Value = a.RunId;
        p[1].Value = a.AttemptId;
        p[2].Value = a.Sequence;
        p[3].Value = a.ProbeId;
        p[4].Value = a.Family;
        p[5].Value = a.PromptKey;
        p[6].Value = a.Mutator;
        p[7].Value = a.Target;
        p[8].Value = OutcomeName(a.Outcome);
        p[9].Value = a.Score;
        p[10].Value = Format(a.StartedAt);
        p[11].Value = a.LatencyMs;
        p[12].Value = a.Prompt;
        p[13].Value = a.Response;
        p[14].Value = (object?)a.ConversationJson ?? DBNull.Value;
        p[15].Value = JsonSerializer.Serialize(a.Detectors, JsonDefaults.Options);
        p[16].Value = (object?)a.Evidence ?? DBNull.Value;
        p[17].Value = (object?)a.Error ?? DBNull.Value;
        p[18].Value = a.HttpStatus is { } s ? s : DBNull.Value;
        p[19].Value = a.Retries;
        p[20].Value = a.Turns;
    }

    private static RunRecord ReadRun(SqliteDataReader r) => new()
    {
        Id = r.GetString(r.GetOrdinal("id")),
        Kind = r.GetString(r.GetOrdinal("kind")),
        Status = r.GetString(r.GetOrdinal("status")),
        StartedAt = DateTimeOffset.Parse(r.GetString(r.GetOrdinal("started_at")), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        FinishedAt = r.IsDBNull(r.GetOrdinal("finished_at")) ? null : DateTimeOffset.Parse(r.GetString(r.GetOrdinal("finished_at")), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        Target = r.GetString(r.GetOrdinal("target")),
        Model = r.IsDBNull(r.GetOrdinal("model")) ? null : r.GetString(r.GetOrdinal("model")),
        Seed = r.GetInt32(r.GetOrdinal("seed")),
        Planned = r.GetInt32(r.GetOrdinal("planned")),
        Attempts = r.GetInt32(r.GetOrdinal("attempts")),
        Successes = r.GetInt32(r.GetOrdinal("successes")),
        Failures = r.GetInt32(r.GetOrdinal("failures")),
        Blocked = r.GetInt32(r.GetOrdinal("blocked")),
        Errors = r.GetInt32(r.GetOrdinal("errors")),
        Config = r.GetString(r.GetOrdinal("config")),
    };
}
