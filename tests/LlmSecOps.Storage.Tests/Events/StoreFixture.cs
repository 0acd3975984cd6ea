using LlmSecOps.Core.Events;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Storage.Events;
using Microsoft.Data.Sqlite;

namespace LlmSecOps.Storage.Tests.Events;

/// <summary>A temporary data directory and helpers to open stores in it and build events.</summary>
internal sealed class StoreFixture : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static readonly DateTimeOffset Base = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("llmsecops-events-").FullName;

    public EventStoreOptions Options(Func<EventStoreOptions, EventStoreOptions>? change = null)
    {
        var options = new EventStoreOptions { DataDirectory = Directory, Linger = TimeSpan.FromMilliseconds(1) };
        return change is null ? options : change(options);
    }

    public SqliteEventStore Open(Func<EventStoreOptions, EventStoreOptions>? change = null, Func<bool>? fault = null) =>
        SqliteEventStore.Open(Options(change), TimeProvider.System, null, fault);

    public string SpoolDirectory => Path.Combine(Directory, "spool");

    public IReadOnlyList<string> SpoolFiles() =>
        System.IO.Directory.Exists(SpoolDirectory)
            ? System.IO.Directory.GetFiles(SpoolDirectory, "spool-*.jsonl")
            : [];

    /// <summary>Counts rows straight from the file, independent of the store's query code.</summary>
    public long RawCount(string sql = "SELECT COUNT(*) FROM events")
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Directory, EventStoreOptions.DefaultFileName)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return (long)cmd.ExecuteScalar()!;
    }

    public static LlmEvent Event(
        int minute,
        string source = "serve",
        Verdict verdict = Verdict.Allow,
        string[]? categories = null,
        Principal? principal = null,
        Guid? id = null) => new()
        {
            Id = id ?? Guid.CreateVersion7(),
            Timestamp = Base.AddMinutes(minute),
            Source = source,
            Verdict = verdict,
            Principal = principal,
            Findings = (categories ?? []).Select(c => new Finding { Category = c, Rule = c + ".rule", Score = 0.9 }).ToArray(),
            Request = $"request {minute}",
        };

    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition().WaitAsync(Timeout))
            {
                return;
            }

            await Task.Delay(25);
        }

        Assert.Fail("timed out waiting for " + what);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is not a test failure.
        }
    }
}
