using LlmSecOps.Storage.Sqlite;

namespace LlmSecOps.Storage.Tests;

public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("llmsecops-db-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Migrate_AppliesEachVersionOncePerModule()
    {
        var db = new SqliteDatabase(Path.Combine(_dir, "a.db"));
        var set = new MigrationSet("things", [
            new Migration(2, "add colour", "ALTER TABLE things ADD COLUMN colour TEXT;"),
            new Migration(1, "create", "CREATE TABLE things (id INTEGER PRIMARY KEY);"),
        ]);

        Assert.Equal(2, db.Migrate(set));
        Assert.Equal(0, db.Migrate(set));
        Assert.Equal([1, 2], db.AppliedVersions("things"));
        Assert.Empty(db.AppliedVersions("other"));

        var reopened = new SqliteDatabase(Path.Combine(_dir, "a.db"));
        Assert.Equal(0, reopened.Migrate(set));
    }

    [Fact]
    public void Constructor_PutsTheFileInWalMode()
    {
        var db = new SqliteDatabase(Path.Combine(_dir, "sub", "b.db"));
        using var connection = db.OpenConnection();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", (string?)cmd.ExecuteScalar());
    }

    [Fact]
    public void Migrate_FailingMigration_RollsBackAndIsNotRecorded()
    {
        var db = new SqliteDatabase(Path.Combine(_dir, "c.db"));
        var set = new MigrationSet("bad", [new Migration(1, "broken", "CREATE TABLE ok1 (id INTEGER); CREATE TABLE ok1 (id INTEGER);")]);

        Assert.ThrowsAny<Microsoft.Data.Sqlite.SqliteException>(() => db.Migrate(set));
        Assert.Empty(db.AppliedVersions("bad"));
    }

    [Fact]
    public void Constructor_NewFileUses8KPages_ExistingFileKeepsItsPageSize()
    {
        var fresh = new SqliteDatabase(Path.Combine(_dir, "d.db"));
        var oldPath = Path.Combine(_dir, "old.db");
        using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={oldPath};Pooling=False"))
        {
            old.Open();
            using var cmd = old.CreateCommand();
            cmd.CommandText = "PRAGMA page_size=4096; CREATE TABLE t (x INTEGER);";
            cmd.ExecuteNonQuery();
        }

        var existing = new SqliteDatabase(oldPath);

        Assert.Equal(8192L, PageSize(fresh));
        Assert.Equal(4096L, PageSize(existing));
    }

    private static long PageSize(SqliteDatabase db)
    {
        using var connection = db.OpenConnection();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA page_size;";
        return (long)cmd.ExecuteScalar()!;
    }
}
