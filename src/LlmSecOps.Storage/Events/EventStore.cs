using Microsoft.Extensions.Logging;

namespace LlmSecOps.Storage.Events;

/// <summary>Opens event stores.</summary>
public static class EventStore
{
    /// <summary>
    /// Opens (creating if needed) the SQLite event store described by <paramref name="options"/>,
    /// replays any spooled events and starts the background writer. Invalid options throw
    /// <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> listing every problem.
    /// </summary>
    public static SqliteEventStore Open(EventStoreOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null) =>
        SqliteEventStore.Open(options, timeProvider ?? TimeProvider.System, loggerFactory?.CreateLogger<SqliteEventStore>());

    /// <summary>Whether a store exists at the options' location (a database file or spooled events).</summary>
    public static bool Exists(EventStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return File.Exists(options.DatabasePath) || SpoolReader.Pending(options.SpoolDirectory).Count > 0;
    }
}
