using System.CommandLine;
using LlmSecOps.Core.Policy;
using LlmSecOps.Storage.Events;
using Microsoft.Data.Sqlite;

namespace LlmSecOps.Cli.Commands;

/// <summary>Options several commands share, and their parsing.</summary>
internal static class CommonOptions
{
    public static Option<string?> Policy() => new("--policy")
    {
        Description = "Policy YAML file (default: the built-in policy).",
    };

    public static Option<string?> DataDir() => new("--data-dir")
    {
        Description = "Directory holding the SQLite event store (default: ./.llmsecops).",
    };

    /// <summary>Loads the policy named by the option, or the default policy.</summary>
    public static GuardPolicy LoadPolicy(CliIo io, string? path) =>
        string.IsNullOrWhiteSpace(path) ? GuardPolicy.Default : PolicyLoader.LoadFile(io.ResolvePath(path));

    /// <summary>The data directory named by the option, or the default one.</summary>
    public static string ResolveDataDir(CliIo io, string? path) =>
        io.ResolvePath(string.IsNullOrWhiteSpace(path) ? ".llmsecops" : path);

    /// <summary>Store options for a data directory given on the command line.</summary>
    public static EventStoreOptions StoreOptions(CliIo io, string? dataDir) =>
        new() { DataDirectory = ResolveDataDir(io, dataDir) };

    /// <summary>Opens (creating if needed) the event store in the data directory; failures are usage errors.</summary>
    public static SqliteEventStore OpenEventStore(CliIo io, string? dataDir) => OpenEventStore(StoreOptions(io, dataDir));

    /// <summary>Opens the event store; a directory that cannot be created or a file that is not a database is a usage error.</summary>
    public static SqliteEventStore OpenEventStore(EventStoreOptions options)
    {
        try
        {
            return EventStore.Open(options);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SqliteException)
        {
            throw new UsageException($"cannot open the event store at {options.DatabasePath}: {ex.Message}", ex);
        }
    }
}
