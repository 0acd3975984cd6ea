using LlmSecOps.Core.Events;
using LlmSecOps.Storage.Events;

namespace LlmSecOps.Cli.Commands;

/// <summary>Opens the SQLite event store the gateway writes to, and checks it for <c>/readyz</c>.</summary>
internal static class GatewayStore
{
    /// <summary>Opens (creating) the store in a data directory; a store that cannot be opened is a usage error.</summary>
    public static SqliteEventStore Open(string dataDirectory)
    {
        try
        {
            Directory.CreateDirectory(dataDirectory);
            return EventStore.Open(new EventStoreOptions { DataDirectory = dataDirectory });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException or Microsoft.Extensions.Options.OptionsValidationException)
        {
            throw new UsageException($"cannot open the event store in {dataDirectory}: {ex.Message}", ex);
        }
    }

    /// <summary>Readiness: the data directory takes a write and queued events become durable.</summary>
    public static Func<CancellationToken, Task<string?>> Readiness(string dataDirectory, IEventSink store) => async ct =>
    {
        var probe = Path.Combine(dataDirectory, $".ready-{Environment.ProcessId}");
        try
        {
            await File.WriteAllTextAsync(probe, "ok", ct).ConfigureAwait(false);
            File.Delete(probe);
            await store.FlushAsync(ct).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "the data directory is not writable: " + ex.Message;
        }
    };
}
