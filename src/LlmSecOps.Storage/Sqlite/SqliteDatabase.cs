using Microsoft.Data.Sqlite;

namespace LlmSecOps.Storage.Sqlite;

/// <summary>
/// One SQLite database file in WAL mode, with per-module versioned migrations. Connections are
/// cheap (pooled by the provider); open one per unit of work.
/// </summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;
    private readonly Lock _migrateGate = new();

    /// <summary>Opens (creating if needed) the database file at <paramref name="path"/>.</summary>
    public SqliteDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        var dir = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

        using var connection = OpenConnection();

        // Only takes effect on a new file (before WAL mode is set). Event rows with their JSON
        // are 1-2 KB: 4 KB pages hold two and waste a quarter of the file, 8 KB pages waste ~10%.
        Execute(connection, "PRAGMA page_size=8192;");
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                module     TEXT    NOT NULL,
                version    INTEGER NOT NULL,
                name       TEXT    NOT NULL,
                applied_at TEXT    NOT NULL,
                PRIMARY KEY (module, version)
            );
            """);
    }

    /// <summary>Full path of the database file.</summary>
    public string Path { get; }

    /// <summary>Opens a connection with the pragmas every connection needs.</summary>
    public SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;");
        return connection;
    }

    /// <summary>Applies the migrations of a module that are not applied yet; returns how many ran.</summary>
    public int Migrate(MigrationSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        lock (_migrateGate)
        {
            using var connection = OpenConnection();
            var applied = new HashSet<int>();
            using (var cmd = connection.CreateCommand())
            {
                cmd.CommandText = "SELECT version FROM schema_migrations WHERE module = $m";
                cmd.Parameters.AddWithValue("$m", set.Module);
                using var reader = cmd.ExecuteReader();
                while (reader.Read())
                {
                    applied.Add(reader.GetInt32(0));
                }
            }

            var ran = 0;
            foreach (var migration in set.Migrations.OrderBy(m => m.Version))
            {
                if (applied.Contains(migration.Version))
                {
                    continue;
                }

                using var tx = connection.BeginTransaction();
                using (var cmd = connection.CreateCommand())
                {
                    cmd.Transaction = tx;
                    cmd.CommandText = migration.Sql;
                    cmd.ExecuteNonQuery();
                }

                using (var cmd = connection.CreateCommand())
                {
                    cmd.Transaction = tx;
                    cmd.CommandText = "INSERT INTO schema_migrations(module, version, name, applied_at) VALUES ($m, $v, $n, $t)";
                    cmd.Parameters.AddWithValue("$m", set.Module);
                    cmd.Parameters.AddWithValue("$v", migration.Version);
                    cmd.Parameters.AddWithValue("$n", migration.Name);
                    cmd.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                    cmd.ExecuteNonQuery();
                }

                tx.Commit();
                ran++;
            }

            return ran;
        }
    }

    /// <summary>Versions applied for a module, ascending.</summary>
    public IReadOnlyList<int> AppliedVersions(string module)
    {
        using var connection = OpenConnection();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT version FROM schema_migrations WHERE module = $m ORDER BY version";
        cmd.Parameters.AddWithValue("$m", module);
        using var reader = cmd.ExecuteReader();
        var list = new List<int>();
        while (reader.Read())
        {
            list.Add(reader.GetInt32(0));
        }

        return list;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
