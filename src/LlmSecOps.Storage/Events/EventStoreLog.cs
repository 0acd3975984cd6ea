using Microsoft.Extensions.Logging;

namespace LlmSecOps.Storage.Events;

/// <summary>Log messages of the event store.</summary>
internal static partial class EventStoreLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Event batch of {Count} failed (attempt {Attempt}); retrying in {DelayMs} ms")]
    public static partial void BatchRetry(ILogger logger, int count, int attempt, double delayMs, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Event batch of {Count} refused by the database; spooled to {Path}")]
    public static partial void BatchSpooled(ILogger logger, int count, string path, Exception exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Critical, Message = "Event batch of {Count} could not be spooled to disk; holding it and trying again")]
    public static partial void SpoolFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Event queue full; spooling overflow to {Path}")]
    public static partial void OverflowSpooling(ILogger logger, string path);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Replayed {Count} spooled events from {Path}")]
    public static partial void SpoolReplayed(ILogger logger, int count, string path);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Replay of spool file {Path} failed; it is kept and retried later")]
    public static partial void SpoolReplayFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "Spool file {Path} line {Line} is not a readable event; copied to a rejected file")]
    public static partial void SpoolLineRejected(ILogger logger, string path, int line);

    [LoggerMessage(EventId = 8, Level = LogLevel.Critical, Message = "{Count} events lost: the database and the spool directory both refused them during shutdown")]
    public static partial void EventsLost(ILogger logger, int count, Exception? exception);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Principal index update failed; it is retried later and queries still see every event")]
    public static partial void IndexMergeFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 11, Level = LogLevel.Critical, Message = "Event writer stopped unexpectedly; queued events were spooled to disk")]
    public static partial void WriterFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 10, Level = LogLevel.Critical, Message = "Overflow event could not be spooled; held in memory until the writer takes it")]
    public static partial void OverflowSpoolFailed(ILogger logger, Exception exception);
}
