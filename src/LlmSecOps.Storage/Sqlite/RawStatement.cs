using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace LlmSecOps.Storage.Sqlite;

/// <summary>
/// A prepared statement driven through the native API on a connection's handle, for hot insert
/// loops: binding by index into a reused UTF-8 buffer and stepping directly costs a fraction of
/// a command's per-execution overhead. It runs inside whatever transaction the connection has
/// open; failures throw <see cref="SqliteException"/> like the provider does.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;
    private byte[] _buffer = new byte[4096];

    public RawStatement(SqliteConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        var rc = raw.sqlite3_prepare_v2(_db, sql, out _stmt);
        if (rc != raw.SQLITE_OK)
        {
            throw Error(rc);
        }
    }

    /// <summary>Binds text (or null) to the 1-based parameter <paramref name="index"/>.</summary>
    public void Text(int index, string? value)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(_stmt, index));
        }
        else
        {
            Text(index, value.AsSpan());
        }
    }

    /// <summary>Binds text to the 1-based parameter <paramref name="index"/>.</summary>
    public void Text(int index, ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            // An empty span would bind a null pointer, which SQLite stores as NULL.
            Check(raw.sqlite3_bind_text(_stmt, index, string.Empty));
            return;
        }

        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_buffer.Length < max)
        {
            _buffer = new byte[Math.Max(max, _buffer.Length * 2)];
        }

        // The span overload binds with SQLITE_TRANSIENT (SQLite copies), so the buffer is reusable at once.
        var length = Encoding.UTF8.GetBytes(value, _buffer);
        Check(raw.sqlite3_bind_text(_stmt, index, _buffer.AsSpan(0, length)));
    }

    /// <summary>Binds an integer (or null).</summary>
    public void Integer(int index, long? value) =>
        Check(value is { } v ? raw.sqlite3_bind_int64(_stmt, index, v) : raw.sqlite3_bind_null(_stmt, index));

    /// <summary>Binds a real (or null; NaN and infinities, which SQLite cannot compare, bind as null).</summary>
    public void Real(int index, double? value) =>
        Check(value is { } v && double.IsFinite(v) ? raw.sqlite3_bind_double(_stmt, index, v) : raw.sqlite3_bind_null(_stmt, index));

    /// <summary>Runs the statement to completion; returns the rows it changed.</summary>
    public int Execute()
    {
        var rc = raw.sqlite3_step(_stmt);
        if (rc is not (raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            var error = Error(rc);
            raw.sqlite3_reset(_stmt);
            throw error;
        }

        raw.sqlite3_reset(_stmt);
        return raw.sqlite3_changes(_db);
    }

    /// <summary>The rowid of the last row inserted on the connection.</summary>
    public long LastInsertRowId => raw.sqlite3_last_insert_rowid(_db);

    public void Dispose() => _stmt.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw Error(rc);
        }
    }

    private SqliteException Error(int rc) =>
        new(raw.sqlite3_errmsg(_db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(_db));
}
