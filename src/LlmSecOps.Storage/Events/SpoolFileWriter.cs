using System.Globalization;
using System.Text;

namespace LlmSecOps.Storage.Events;

/// <summary>
/// Appends events as JSON lines to one spool file at a time. The file is opened on the first
/// append and closed by <see cref="Close"/>; a closed file is never written again, so replay can
/// read and delete it without racing a writer. While open, the file is locked against other
/// processes. Thread-safe.
/// </summary>
internal sealed class SpoolFileWriter : IDisposable
{
    /// <summary>Spool file names start with this and sort by creation time.</summary>
    public const string Prefix = "spool-";

    private static readonly byte[] NewLine = "\n"u8.ToArray();

    private readonly string _directory;
    private readonly string _kind;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private FileStream? _stream;
    private string? _path;

    public SpoolFileWriter(string directory, string kind, TimeProvider time)
    {
        _directory = directory;
        _kind = kind;
        _time = time;
    }

    /// <summary>
    /// Appends lines; with <paramref name="durable"/> they are on disk (fsync) when this returns.
    /// Returns the file written and whether this call created it.
    /// </summary>
    public (string Path, bool Created) Append(IEnumerable<string> lines, bool durable, bool closeAfter = false)
    {
        lock (_gate)
        {
            var created = false;
            try
            {
                if (_stream is null)
                {
                    Directory.CreateDirectory(_directory);
                    _path = Path.Combine(_directory, NewFileName());
                    // FileShare.None takes an exclusive advisory lock, so a store in another process
                    // sharing the directory skips this file until it is closed.
                    _stream = new FileStream(_path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024);
                    created = true;
                }

                foreach (var line in lines)
                {
                    _stream.Write(Encoding.UTF8.GetBytes(line));
                    _stream.Write(NewLine);
                }

                if (durable)
                {
                    _stream.Flush(flushToDisk: true);
                }

                var path = _path!;
                if (closeAfter)
                {
                    CloseLocked();
                }

                return (path, created);
            }
            catch
            {
                // A half-written file is closed so the retry starts a fresh one; replay sets aside
                // a torn last line instead of failing the whole file.
                CloseQuietly();
                throw;
            }
        }
    }

    /// <summary>Forces everything appended so far to disk.</summary>
    public void Sync()
    {
        lock (_gate)
        {
            _stream?.Flush(flushToDisk: true);
        }
    }

    /// <summary>Syncs and closes the current file; the next append starts a new one.</summary>
    public void Close()
    {
        lock (_gate)
        {
            CloseLocked();
        }
    }

    public void Dispose() => Close();

    private void CloseLocked()
    {
        if (_stream is null)
        {
            return;
        }

        try
        {
            _stream.Flush(flushToDisk: true);
        }
        finally
        {
            _stream.Dispose();
            _stream = null;
            _path = null;
        }
    }

    private void CloseQuietly()
    {
        try
        {
            _stream?.Dispose();
        }
        catch (IOException)
        {
            // The file is abandoned either way; what reached it is replayed, the rest is retried.
        }

        _stream = null;
        _path = null;
    }

    private string NewFileName() =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{_time.GetUtcNow():yyyyMMdd'T'HHmmssfffffff}-{_kind}-{Guid.NewGuid():N}.jsonl");
}
