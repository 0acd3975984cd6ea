namespace LlmSecOps.Storage.Events;

/// <summary>Counters of an event store since it was opened.</summary>
/// <param name="Written">Events committed to the database by the writer (new ids only).</param>
/// <param name="Spooled">Events appended to spool files (refused batches and queue overflow).</param>
/// <param name="Replayed">Spooled events committed to the database (new ids only).</param>
/// <param name="FailedAttempts">Batch attempts the database refused.</param>
/// <param name="Rejected">Spool lines that could not be read back (set aside in rejected files).</param>
/// <param name="Queued">Events waiting in the in-memory queue.</param>
public sealed record EventStoreStatistics(long Written, long Spooled, long Replayed, long FailedAttempts, long Rejected, int Queued);
