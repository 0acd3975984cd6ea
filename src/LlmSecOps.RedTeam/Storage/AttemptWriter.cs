using System.Threading.Channels;
using LlmSecOps.RedTeam.Running;
using Microsoft.Data.Sqlite;

namespace LlmSecOps.RedTeam.Storage;

/// <summary>
/// Commits attempts to SQLite as they arrive, on one background connection: whatever has queued
/// up since the last commit goes in one transaction, so a slow disk batches more and a fast one
/// commits each attempt within milliseconds. A refused write is retried with back-off; if the
/// database stays unavailable the run stops, and the attempts not committed are simply run again
/// on <c>--resume</c>.
/// </summary>
internal sealed class AttemptWriter : IAsyncDisposable
{
    private const int MaxBatch = 512;
    private readonly Channel<AttemptResult> _queue = Channel.CreateBounded<AttemptResult>(new BoundedChannelOptions(20_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly RedTeamStore _store;
    private readonly Task _loop;
    private long _written;

    public AttemptWriter(RedTeamStore store)
    {
        _store = store;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Attempts committed so far.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>The failure that stopped the writer, if any.</summary>
    public Exception? Fault { get; private set; }

    public ValueTask WriteAsync(AttemptResult attempt, CancellationToken cancellationToken)
    {
        if (Fault is { } fault)
        {
            throw new IOException("the attempt store stopped accepting writes: " + fault.Message, fault);
        }

        return _queue.Writer.WriteAsync(attempt, cancellationToken);
    }

    /// <summary>Commits everything queued and stops.</summary>
    public async Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        if (Fault is { } fault)
        {
            throw new IOException("attempts could not be stored: " + fault.Message, fault);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or InvalidOperationException)
        {
            // Already reported through Fault.
        }
    }

    private async Task LoopAsync()
    {
        var batch = new List<AttemptResult>(MaxBatch);
        try
        {
            using var connection = _store.Database.OpenConnection();
            using var insert = RedTeamStore.PrepareInsert(connection);
            var reader = _queue.Reader;
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (batch.Count < MaxBatch && reader.TryRead(out var a))
                {
                    batch.Add(a);
                }

                await CommitWithRetryAsync(connection, insert, batch).ConfigureAwait(false);
                Interlocked.Add(ref _written, batch.Count);
                batch.Clear();
            }
        }
        catch (Exception ex) when (ex is SqliteException or IOException or InvalidOperationException)
        {
            Fault = ex;
            _queue.Writer.TryComplete(ex);
        }
    }

    private static async Task CommitWithRetryAsync(SqliteConnection connection, SqliteCommand insert, List<AttemptResult> batch)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var tx = connection.BeginTransaction();
                insert.Transaction = tx;
                foreach (var a in batch)
                {
                    RedTeamStore.Bind(insert, a);
                    insert.ExecuteNonQuery();
                }

                tx.Commit();
                return;
            }
            catch (SqliteException) when (attempt < 6)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 << attempt)).ConfigureAwait(false);
            }
        }
    }
}
