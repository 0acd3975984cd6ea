namespace LlmSecOps.Storage.Events;

/// <summary>
/// Settings of the SQLite event store. Immutable; <see cref="EventStore.Open"/> validates them
/// and reports every problem at once.
/// </summary>
public sealed record EventStoreOptions
{
    /// <summary>The default database file name inside <see cref="DataDirectory"/>.</summary>
    public const string DefaultFileName = "llmsecops.db";

    /// <summary>Directory holding the database file and the <c>spool/</c> folder.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Database file name (no directory part).</summary>
    public string FileName { get; init; } = DefaultFileName;

    /// <summary>Most events committed in one transaction.</summary>
    public int BatchSize { get; init; } = 1_000;

    /// <summary>How long the writer waits for more events when a batch is not full; zero commits at once.</summary>
    public TimeSpan Linger { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Events held in memory before <c>Write</c> diverts the overflow to the disk spool.</summary>
    public int QueueCapacity { get; init; } = 100_000;

    /// <summary>Retries of a failed batch before it is spooled to disk.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>Delay before the first retry; it doubles on each later retry up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Upper bound of the retry delay.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often spooled events are offered to the database again while any are pending.</summary>
    public TimeSpan SpoolReplayInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the writer waits for a lock held by another connection before a batch attempt fails.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Events written before their principals are added to the principal index in one sorted run.
    /// Until then queries read those events directly, so results are complete either way.
    /// </summary>
    public int PrincipalIndexBatch { get; init; } = 50_000;

    /// <summary>Longest time written events wait for the principal index when fewer than <see cref="PrincipalIndexBatch"/> are pending.</summary>
    public TimeSpan PrincipalIndexInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath => Path.GetFullPath(Path.Combine(DataDirectory, FileName));

    /// <summary>Directory of spool files (events the database refused, or queue overflow).</summary>
    public string SpoolDirectory => Path.GetFullPath(Path.Combine(DataDirectory, "spool"));

    /// <summary>Every problem with these settings; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            errors.Add("DataDirectory: required");
        }

        if (string.IsNullOrWhiteSpace(FileName))
        {
            errors.Add("FileName: required");
        }
        else if (FileName.IndexOfAny(['/', '\\']) >= 0 || FileName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || FileName is "." or "..")
        {
            errors.Add($"FileName: '{FileName}' must be a plain file name without a directory part");
        }

        if (BatchSize is < 1 or > 100_000)
        {
            errors.Add($"BatchSize: {BatchSize} is outside 1..100000");
        }

        if (Linger < TimeSpan.Zero || Linger > TimeSpan.FromSeconds(10))
        {
            errors.Add($"Linger: {Linger} is outside 0..10s");
        }

        if (QueueCapacity < 1 || QueueCapacity > 10_000_000)
        {
            errors.Add($"QueueCapacity: {QueueCapacity} is outside 1..10000000");
        }

        if (MaxRetries is < 0 or > 100)
        {
            errors.Add($"MaxRetries: {MaxRetries} is outside 0..100");
        }

        if (RetryDelay < TimeSpan.Zero || RetryDelay > TimeSpan.FromMinutes(5))
        {
            errors.Add($"RetryDelay: {RetryDelay} is outside 0..5min");
        }

        if (MaxRetryDelay < RetryDelay || MaxRetryDelay > TimeSpan.FromMinutes(5))
        {
            errors.Add($"MaxRetryDelay: {MaxRetryDelay} must be at least RetryDelay and at most 5min");
        }

        if (SpoolReplayInterval <= TimeSpan.Zero || SpoolReplayInterval > TimeSpan.FromDays(1))
        {
            errors.Add($"SpoolReplayInterval: {SpoolReplayInterval} is outside (0, 1 day]");
        }

        if (BusyTimeout < TimeSpan.Zero || BusyTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add($"BusyTimeout: {BusyTimeout} is outside 0..10min");
        }

        if (PrincipalIndexBatch is < 1 or > 1_000_000)
        {
            errors.Add($"PrincipalIndexBatch: {PrincipalIndexBatch} is outside 1..1000000");
        }

        if (PrincipalIndexInterval < TimeSpan.Zero || PrincipalIndexInterval > TimeSpan.FromHours(1))
        {
            errors.Add($"PrincipalIndexInterval: {PrincipalIndexInterval} is outside 0..1h");
        }

        return errors;
    }
}
