using System.Threading.Channels;
using LlmSecOps.Core.Events;
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
    private readonly IEventSink? _events;
    private readonly string _kind;
    private readonly string? _model;
    private readonly Task _loop;
    private long _written;

    /// <param name="store">The red-team tables.</param>
    /// <param name="events">
    /// Where each attempt also goes as an event, once its row is committed: an event never
    /// describes an attempt that a resume would run again, and the workers do not pay for it.
    /// </param>
    /// <param name="kind"><c>probe</c> or <c>replay</c>, recorded on the events.</param>
    /// <param name="model">Model of the target, recorded on the events.</param>
    public AttemptWriter(RedTeamStore store, IEventSink? events = null, string kind = "probe", string? model = null)
    {
        _store = store;
        _events = events;
        _kind = kind;
        _model = model;
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
                if (_events is not null)
                {
                    foreach (var a in batch)
                    {
                        _events.Write(AttemptEvents.Create(a, _kind, _model));
                    }
                }

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
